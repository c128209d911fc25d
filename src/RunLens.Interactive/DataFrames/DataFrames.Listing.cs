using Microsoft.Data.Analysis;

namespace RunLens;

public static partial class DataFrames
{
    /// <summary>
    /// A listing (<c>runs.Describe()</c>) with one row per run: <c>name</c>, <c>format</c>, <c>variant</c>,
    /// <c>timestamp</c>, <c>seed</c>, <c>status</c>, <c>files</c>, <c>bytes</c>, <c>records</c>, <c>step_min</c>,
    /// <c>step_max</c>, <c>metrics</c>, <c>points</c>, <c>episodes</c>, <c>issues</c>, then one <c>config.&lt;key&gt;</c>
    /// column per configuration key of any run (numbers when every value is a number, else text; null where a run
    /// has no value).
    /// </summary>
    /// <example><code>runs.Describe().ToDataFrame()</code></example>
    public static DataFrame ToDataFrame(this RunListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var runs = listing.ToList();
        var builder = new FrameBuilder()
            .Text("name", runs.Select(r => r.Name))
            .Text("format", runs.Select(r => r.Format))
            .Text("variant", runs.Select(r => r.Variant))
            .Text("timestamp", runs.Select(r => r.Timestamp))
            .Integers("seed", runs.Select(r => r.Seed))
            .Text("status", runs.Select(r => r.Status))
            .Integers("files", runs.Select(r => (long)r.Files))
            .Integers("bytes", runs.Select(r => r.Bytes))
            .Integers("records", runs.Select(r => r.Records))
            .Integers("step_min", runs.Select(r => r.StepMin))
            .Integers("step_max", runs.Select(r => r.StepMax))
            .Integers("metrics", runs.Select(r => (long)r.Metrics.Count))
            .Integers("points", runs.Select(r => r.Points))
            .Integers("episodes", runs.Select(r => (long)r.Episodes.Count))
            .Integers("issues", runs.Select(r => (long)r.Issues.Count));
        foreach (var key in runs.SelectMany(r => r.Config.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            builder.Config("config." + key, runs.Select(r => r.Config.TryGetValue(key, out var v) ? v : (ConfigValue?)null).ToList());
        return builder.Build();
    }

    /// <summary>
    /// One run's summary (<c>run.Describe()</c>) as its metrics, one row each: <c>run</c>, <c>metric</c>,
    /// <c>points</c>, <c>finite</c>, <c>non_finite</c>, <c>first_step</c>, <c>last_step</c>, <c>min</c>, <c>max</c>
    /// (steps null and min/max NaN when a metric has no finite value).
    /// </summary>
    /// <example><code>run.Describe().ToDataFrame()</code></example>
    public static DataFrame ToDataFrame(this RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var metrics = summary.Metrics;
        return new FrameBuilder()
            .Text("run", metrics.Select(_ => summary.Name))
            .Text("metric", metrics.Select(m => m.Name))
            .Integers("points", metrics.Select(m => m.Points))
            .Integers("finite", metrics.Select(m => m.Finite))
            .Integers("non_finite", metrics.Select(m => m.NonFinite))
            .Integers("first_step", metrics.Select(m => m.FirstStep))
            .Integers("last_step", metrics.Select(m => m.LastStep))
            .Numbers("min", metrics.Select(m => m.Min))
            .Numbers("max", metrics.Select(m => m.Max))
            .Build();
    }
}
