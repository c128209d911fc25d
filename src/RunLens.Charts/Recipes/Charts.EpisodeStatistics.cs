using System.Globalization;
using RunLens.Plotly;

namespace RunLens;

public static partial class Charts
{
    // Metric names (the last part, any case) that hold per-update episode statistics, for runs without episode files.
    private static readonly (string Group, string[] Names)[] EpisodeMetricNames =
    [
        ("mean return", ["episode_return_mean", "ep_rew_mean", "mean_reward", "mean_return", "episode_reward_mean", "return_mean", "reward_mean"]),
        ("mean length", ["episode_length_mean", "ep_len_mean", "mean_length", "episode_len_mean", "length_mean"]),
        ("success rate", ["success_rate", "is_success"]),
        ("waypoints per episode", ["waypoints_per_episode"]),
    ];

    private static readonly string[] EpisodeKindPreference =
        [EpisodeKinds.Training, EpisodeKinds.Snapshot, EpisodeKinds.Evaluation, EpisodeKinds.Demonstration];

    /// <summary>
    /// Episode statistics over training, in stacked panels: mean return, mean length, success rate and waypoints per
    /// episode per update (<see cref="EpisodeStats.StatsPerUpdate"/>), each as its per-update values (markers) and their
    /// rolling mean (line). Uses the run's episodes of one kind: training episodes when there are any, else snapshots,
    /// evaluations, demonstrations. A run without episodes falls back to its per-update metrics
    /// (<see cref="EpisodeStatistics(ScanResult, Smoothing?, string?)"/>), the window becoming a rolling mean of points.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="window">The rolling window in updates (groups), at least 1 (1: no rolling mean).</param>
    /// <param name="title">The title (default "Episode statistics: " and the run's name).</param>
    /// <exception cref="ArgumentException">The run has neither episodes nor episode statistic metrics; the message says what was looked for.</exception>
    /// <example><code>runs["lr=0.0003,batch=512/seed_0"].EpisodeStatistics(window: 3)</code></example>
    public static Figure EpisodeStatistics(this Run run, int window = 1, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        title ??= "Episode statistics: " + run.Name;
        var episodes = run.Episodes;
        if (episodes.Count == 0)
            return EpisodeStatistics(run.Scan(), window == 1 ? Smoothing.None : Smoothing.Window(window), title);
        var kind = EpisodeKindPreference.FirstOrDefault(k => episodes.Any(e => e.Kind == k)) ?? episodes[0].Kind;
        var stats = episodes.OfKind(kind).StatsPerUpdate(window);
        if (stats.Count == 0)
            throw new ArgumentException(
                $"The run's {Plural(episodes.Count, kind + " episode")} have neither an update nor a training step, so they cannot be placed over training. " +
                "Use run.Episodes.BatchStats() for their aggregates.", nameof(run));
        return EpisodeStatistics(stats, title, kind + " episodes");
    }

    /// <summary>Draws episode statistics per update you already computed (<see cref="EpisodeStats.StatsPerUpdate"/>).</summary>
    /// <param name="stats">The statistics.</param>
    /// <param name="title">The title (default "Episode statistics").</param>
    /// <param name="what">What the episodes are, for the subtitle (default "episodes").</param>
    /// <exception cref="ArgumentException">There is no group to draw.</exception>
    /// <example><code>run.Episodes.OfKind("training").StatsPerUpdate(window: 5).EpisodeStatistics()</code></example>
    public static Figure EpisodeStatistics(this EpisodeStatsPerUpdate stats, string? title = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(stats);
        if (stats.Count == 0)
            throw new ArgumentException("No episode group to draw: the statistics hold no episode with an update or a training step.", nameof(stats));
        var panels = new List<(string Name, double[] Values, double[] Rolling)>
        {
            ("mean return", stats.MeanReturn, stats.RollingMeanReturn),
            ("mean length", stats.MeanLength, stats.RollingMeanLength),
            ("success rate", stats.SuccessRate, stats.RollingSuccessRate),
            ("waypoints per episode", stats.WaypointsPerEpisode, stats.RollingWaypointsPerEpisode),
        };
        // A statistic no episode has (success for CartPole's monitor, waypoints off the drone task) gets no empty panel.
        panels = panels.Where(p => p.Values.Any(double.IsFinite)).ToList();
        var x = stats.Keys.Select(k => (double?)k).ToArray();
        var traces = new List<Trace>();
        for (var i = 0; i < panels.Count; i++)
        {
            var (name, values, rolling) = panels[i];
            var custom = stats.Keys.Select((_, g) => (IReadOnlyList<double?>)[stats.Episodes[g], PlotlyValues.Round9(values[g])]).ToArray();
            traces.Add(new ScatterTrace(x, values.Select(PlotlyValues.Round9).ToArray())
            {
                Name = name + " per group", XAxis = "x", YAxis = Layout.YRef(i), Mode = "markers",
                Marker = new Marker { Size = 5, Color = Palette.Edge(i) }, HoverInfo = "skip",      // the line's hover carries the value
            });
            traces.Add(new ScatterTrace(x, rolling.Select(PlotlyValues.Round9).ToArray())
            {
                Name = name, XAxis = "x", YAxis = Layout.YRef(i), Line = new Line { Color = Palette.Line(i), Width = 1.5 },
                CustomData = custom,
                HoverTemplate = stats.Window == 1
                    ? "%{customdata[0]} episodes: %{y:.4g}<extra></extra>"
                    : "%{customdata[0]} episodes: %{customdata[1]:.4g}, rolling %{y:.4g}<extra></extra>",
            });
        }
        var xTitle = stats.GroupedBy == "update" ? "update" : "training step";
        var subtitle = (what ?? "episodes") + ": " + stats.Describe() + "; markers: per group, line: rolling mean";
        return new Figure(traces, StackedPanels(panels.Select(p => p.Name).ToList(), title ?? "Episode statistics", subtitle, xTitle));
    }

    /// <summary>
    /// Episode statistics a run logged as metrics per update (for runs without episode files): fields whose name ends
    /// in <c>episode_return_mean</c>/<c>ep_rew_mean</c>/<c>mean_reward</c>, <c>episode_length_mean</c>/<c>ep_len_mean</c>/<c>mean_length</c>,
    /// <c>success_rate</c> and <c>waypoints_per_episode</c>, one panel each, drawn as exact bucket means with their
    /// min-max band (as <see cref="RewardCurves(ScanResult, Smoothing?, string?)"/>).
    /// </summary>
    /// <param name="scan">A scan of one run.</param>
    /// <param name="smoothing">Smoothing of the bucket means (default none).</param>
    /// <param name="title">The title (default "Episode statistics").</param>
    /// <exception cref="ArgumentException">There is no such field; the message lists the names looked for and the fields there are.</exception>
    /// <example><code>runs["drone-cem/20250812_163000"].Scan().EpisodeStatistics(Smoothing.Window(5))</code></example>
    public static Figure EpisodeStatistics(this ScanResult scan, Smoothing? smoothing = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return EpisodeStatistics(scan.Fields, scan.Records, smoothing, title);
    }

    /// <summary>Episode statistic metrics from field curves you already have (see <see cref="EpisodeStatistics(ScanResult, Smoothing?, string?)"/>).</summary>
    /// <param name="fields">The numeric fields.</param>
    /// <param name="totalRecords">How many records the fields were computed from.</param>
    /// <param name="smoothing">Smoothing of the bucket means (default none).</param>
    /// <param name="title">The title (default "Episode statistics").</param>
    /// <exception cref="ArgumentException">There is no such field.</exception>
    /// <example><code>Charts.EpisodeStatistics(scan.Fields, scan.Records)</code></example>
    public static Figure EpisodeStatistics(IReadOnlyList<FieldCurve> fields, long totalRecords, Smoothing? smoothing = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var picked = PickByLastSegment(fields, EpisodeMetricNames, firstOnly: true);
        if (picked.Count == 0)
            throw NoFields("episode statistics (no episodes and no episode statistic metric)", EpisodeMetricNames.SelectMany(g => g.Names), fields, nameof(fields));
        return FieldPanels(picked, totalRecords, smoothing ?? Smoothing.None, title ?? "Episode statistics", "episode statistics logged per update");
    }

    // One panel per picked field: exact bucket means (line) with min-max band, as RewardCurves draws them.
    private static Figure FieldPanels(List<(string Group, FieldCurve Field)> picked, long totalRecords, Smoothing smoothing, string title, string what)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalRecords);
        var traces = new List<Trace>();
        var merged = picked.Select(p => BucketMerge.ToAtMost(p.Field.Buckets, MaxPointsPerTrace)).ToList();
        for (var i = 0; i < picked.Count; i++)
            traces.AddRange(PanelTraces(picked[i].Field.Name, merged[i].Buckets, i, smoothing));
        var values = picked.Sum(p => p.Field.Count);
        var subtitle = string.Create(CultureInfo.InvariantCulture,
            $"{what}: {Plural(values, "value")} of {Plural(totalRecords, "record")} as exact means of step buckets " +
            $"(width {picked[0].Field.BucketWidth * merged[0].Factor:N0}); band: min-max per bucket; smoothing: {smoothing.Describe()}");
        var names = picked.Select(p => p.Field.Name).ToList();
        return new Figure(traces, StackedPanels(names, title, subtitle, "step"));
    }
}
