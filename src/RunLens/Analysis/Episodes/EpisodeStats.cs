namespace RunLens;

/// <summary>
/// Statistics of a run's episodes, as pure functions of <see cref="Episode"/> summaries (no I/O): aggregates of a batch
/// and statistics per training update. Works on <see cref="Run.Episodes"/>, <see cref="EpisodeSet.OfKind"/> or any
/// list of episodes.
/// </summary>
public static class EpisodeStats
{
    /// <summary>
    /// Count, mean/std/min/max of the returns and lengths, the success rate over the episodes whose success is known
    /// and the waypoints per episode. The standard deviation is the population one (n), as numpy's default.
    /// </summary>
    /// <param name="episodes">The episodes, for example <c>run.Episodes</c>.</param>
    /// <returns>The aggregates; NaN where there is nothing to aggregate.</returns>
    /// <example><code>run.Episodes.BatchStats()</code></example>
    public static EpisodeBatchStats BatchStats(this IEnumerable<Episode> episodes)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        var list = episodes as IReadOnlyList<Episode> ?? episodes.ToList();
        var returns = list.Select(e => e.Return).Where(double.IsFinite).ToArray();
        var lengths = list.Select(e => (double)e.Length).ToArray();
        var (successKnown, successes) = Successes(list);
        var waypoints = list.Where(e => e.WaypointsReached is not null).Select(e => (double)e.WaypointsReached!.Value).ToArray();
        return new EpisodeBatchStats(
            list.Count, Mean(returns), PopulationStd(returns), Min(returns), Max(returns),
            Mean(lengths), PopulationStd(lengths), list.Count == 0 ? -1 : list.Min(e => e.Length), list.Count == 0 ? -1 : list.Max(e => e.Length))
        {
            NonFiniteReturns = list.Count - returns.Length,
            SuccessKnown = successKnown,
            Successes = successes,
            WaypointsKnown = waypoints.Length,
            WaypointsPerEpisode = Mean(waypoints),
        };
    }

    /// <summary>
    /// Episode statistics per training update, then their trailing rolling means over <paramref name="window"/> groups.
    /// </summary>
    /// <remarks>
    /// Grouping: when any episode has an <see cref="Episode.Update"/>, episodes are grouped by it and episodes without
    /// one are left out (counted in <see cref="EpisodeStatsPerUpdate.LeftOut"/>). Otherwise (SB3 monitor episodes carry
    /// only the step they ended at) they are grouped by <see cref="Episode.TrainingStep"/> into buckets of
    /// <paramref name="bucketSteps"/> steps, by default the smallest power of two that covers the steps 0 to the
    /// largest one in at most 50 buckets; a group's key is its bucket's first step; episodes without a step are left
    /// out. Only non-empty groups appear, in increasing key order. Episodes of every <see cref="Episode.Kind"/> are
    /// used: pass <c>run.Episodes.OfKind("training")</c> to keep one kind.
    /// </remarks>
    /// <param name="episodes">The episodes, for example <c>run.Episodes</c>.</param>
    /// <param name="window">The rolling window in groups, at least 1 (1: no rolling).</param>
    /// <param name="bucketSteps">The step bucket width when grouping by training step; null for the default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> or <paramref name="bucketSteps"/> is below 1.</exception>
    /// <example><code>run.Episodes.StatsPerUpdate(window: 5).RollingMeanReturn</code></example>
    public static EpisodeStatsPerUpdate StatsPerUpdate(this IEnumerable<Episode> episodes, int window = 1, long? bucketSteps = null)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        Rolling.CheckWindow(window, nameof(window));
        if (bucketSteps is < 1)
            throw new ArgumentOutOfRangeException(nameof(bucketSteps), bucketSteps, "A step bucket must hold at least 1 step.");
        var list = episodes as IReadOnlyList<Episode> ?? episodes.ToList();
        var byUpdate = list.Any(e => e.Update is not null);
        long width = 0;
        Func<Episode, long?> key;
        if (byUpdate)
            key = e => e.Update;
        else
        {
            width = bucketSteps ?? DefaultBucket(list.Select(e => e.TrainingStep).OfType<long>().DefaultIfEmpty(0).Max());
            key = e => e.TrainingStep is { } s ? BucketStart(s, width) : null;
        }
        var groups = list.Where(e => key(e) is not null).GroupBy(e => key(e)!.Value).OrderBy(g => g.Key).ToList();
        var stats = groups.Select(g => BatchStats(g)).ToList();
        var meanReturn = stats.Select(s => s.ReturnMean).ToArray();
        var meanLength = stats.Select(s => s.LengthMean).ToArray();
        var success = stats.Select(s => s.SuccessRate).ToArray();
        var waypoints = stats.Select(s => s.WaypointsPerEpisode).ToArray();
        return new EpisodeStatsPerUpdate(
            groups.Select(g => g.Key).ToArray(), stats.Select(s => s.Count).ToArray(), meanReturn, meanLength, success,
            stats.Select(s => s.SuccessKnown).ToArray(), waypoints)
        {
            GroupedBy = byUpdate ? "update" : "step",
            BucketSteps = width,
            Window = window,
            RollingMeanReturn = Rolling.Mean(meanReturn, window),
            RollingMeanLength = Rolling.Mean(meanLength, window),
            RollingSuccessRate = Rolling.Mean(success, window),
            RollingWaypointsPerEpisode = Rolling.Mean(waypoints, window),
            LeftOut = list.Count - groups.Sum(g => g.Count()),
        };
    }

    /// <summary>The smallest power of two w with (maxStep + 1) / w at most 50: at most 50 buckets over 0..maxStep.</summary>
    internal static long DefaultBucket(long maxStep)
    {
        long width = 1;
        while ((Math.Max(0, maxStep) + width) / width > 50)     // ceil((maxStep + 1) / width)
            width *= 2;
        return width;
    }

    // Floor, not truncation: a (rare) negative step belongs to the bucket below 0.
    private static long BucketStart(long step, long width) => (step >= 0 ? step / width : (step - width + 1) / width) * width;

    private static (int Known, int Successes) Successes(IEnumerable<Episode> episodes)
    {
        var (known, successes) = (0, 0);
        foreach (var e in episodes)
        {
            if (e.Success is { } s)
            {
                known++;
                if (s)
                    successes++;
            }
        }
        return (known, successes);
    }

    private static double Mean(double[] values) => values.Length == 0 ? double.NaN : values.Sum() / values.Length;

    private static double PopulationStd(double[] values)
    {
        if (values.Length == 0)
            return double.NaN;
        var mean = Mean(values);
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }

    private static double Min(double[] values) => values.Length == 0 ? double.NaN : values.Min();

    private static double Max(double[] values) => values.Length == 0 ? double.NaN : values.Max();
}
