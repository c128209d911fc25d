using System.Globalization;

namespace RunLens;

/// <summary>
/// Episode statistics per training update (<see cref="EpisodeStats.StatsPerUpdate"/>): one entry per group of
/// episodes, in order, with the group's own statistics and their trailing rolling means over <see cref="Window"/>
/// groups. Every array has one value per group; a statistic no episode of the group has is NaN.
/// </summary>
/// <param name="Keys">Each group's <see cref="Episode.Update"/>, or the first training step of its bucket when the
/// episodes are grouped by step (see <see cref="GroupedBy"/>).</param>
/// <param name="Episodes">The episodes in each group.</param>
/// <param name="MeanReturn">The mean of the group's finite returns.</param>
/// <param name="MeanLength">The mean length.</param>
/// <param name="SuccessRate">Successes over the episodes whose success is known (<paramref name="SuccessKnown"/>).</param>
/// <param name="SuccessKnown">The episodes of the group whose success is known.</param>
/// <param name="WaypointsPerEpisode">The mean waypoints reached over the episodes that say.</param>
public sealed record EpisodeStatsPerUpdate(
    long[] Keys, int[] Episodes, double[] MeanReturn, double[] MeanLength, double[] SuccessRate, int[] SuccessKnown,
    double[] WaypointsPerEpisode)
{
    /// <summary><c>update</c> (grouped by <see cref="Episode.Update"/>) or <c>step</c> (by training step buckets).</summary>
    public string GroupedBy { get; init; } = "update";

    /// <summary>The width of a training step bucket in steps; 0 when grouped by update.</summary>
    public long BucketSteps { get; init; }

    /// <summary>The rolling window, in groups (logged updates or non-empty step buckets, not update numbers).</summary>
    public int Window { get; init; } = 1;

    /// <summary>The trailing mean of <see cref="MeanReturn"/> over <see cref="Window"/> groups (each group counts once, whatever its size).</summary>
    public double[] RollingMeanReturn { get; init; } = [];

    /// <summary>The trailing mean of <see cref="MeanLength"/> over <see cref="Window"/> groups.</summary>
    public double[] RollingMeanLength { get; init; } = [];

    /// <summary>The trailing mean of <see cref="SuccessRate"/> over <see cref="Window"/> groups (groups without a known success left out).</summary>
    public double[] RollingSuccessRate { get; init; } = [];

    /// <summary>The trailing mean of <see cref="WaypointsPerEpisode"/> over <see cref="Window"/> groups.</summary>
    public double[] RollingWaypointsPerEpisode { get; init; } = [];

    /// <summary>Episodes that could not be placed in a group (no update, or no training step when grouping by step).</summary>
    public int LeftOut { get; init; }

    /// <summary>The number of groups.</summary>
    public int Count => Keys.Length;

    /// <summary>How the episodes were grouped and rolled, in words for a chart subtitle.</summary>
    public string Describe()
    {
        var by = GroupedBy == "update" ? "per update" : string.Create(CultureInfo.InvariantCulture, $"per bucket of {BucketSteps:N0} training steps");
        var episodes = Episodes.Sum();
        var text = string.Create(CultureInfo.InvariantCulture, $"{episodes:N0} episodes in {Count:N0} groups {by}; ")
            + (Window == 1 ? "no rolling mean" : string.Create(CultureInfo.InvariantCulture, $"rolling mean over {Window} groups"));
        return LeftOut == 0 ? text : text + string.Create(CultureInfo.InvariantCulture, $"; {LeftOut:N0} episode{(LeftOut == 1 ? "" : "s")} without {(GroupedBy == "update" ? "an update" : "a step")} left out");
    }

    /// <inheritdoc />
    public override string ToString() => "episode statistics: " + Describe();
}
