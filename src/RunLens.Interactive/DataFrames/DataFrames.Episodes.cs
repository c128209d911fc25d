using Microsoft.Data.Analysis;

namespace RunLens;

public static partial class DataFrames
{
    /// <summary>
    /// Episodes (<c>run.Episodes</c>, <c>run.StepEpisodes()</c>), one row each: <c>index</c>, <c>kind</c>,
    /// <c>source</c>, <c>return</c>, <c>length</c>, <c>success</c>, <c>training_step</c>, <c>update</c>,
    /// <c>time</c> (seconds since the run started), <c>waypoints_reached</c>, <c>trajectory_steps</c> (steps
    /// recorded, null without a trajectory), then one <c>rewards.&lt;component&gt;</c> column per reward component of
    /// any episode. Null where the log did not say.
    /// </summary>
    /// <example><code>run.Episodes.ToDataFrame()</code></example>
    public static DataFrame ToDataFrame(this IEnumerable<Episode> episodes)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        var list = episodes.ToList();
        var builder = new FrameBuilder()
            .Integers("index", list.Select(e => (long)e.Index))
            .Text("kind", list.Select(e => e.Kind))
            .Text("source", list.Select(e => e.Source))
            .Numbers("return", list.Select(e => e.Return))
            .Integers("length", list.Select(e => e.Length))
            .Flags("success", list.Select(e => e.Success))
            .Integers("training_step", list.Select(e => e.TrainingStep))
            .Integers("update", list.Select(e => e.Update))
            .Numbers("time", list.Select(e => e.Time))
            .Integers("waypoints_reached", list.Select(e => (long?)e.WaypointsReached))
            .Integers("trajectory_steps", list.Select(e => (long?)e.Trajectory?.Length));
        foreach (var component in list.SelectMany(e => e.RewardComponents.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            builder.Numbers(FieldMap.RewardPrefix + component, list.Select(e => e.RewardComponents.TryGetValue(component, out var v) ? v : (double?)null));
        return builder.Build();
    }
}
