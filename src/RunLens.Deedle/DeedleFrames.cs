using Deedle;

namespace RunLens;

/// <summary>
/// RunLens metrics as Deedle frames (<c>Frame&lt;long, string&gt;</c>) indexed by step, for Deedle's alignment,
/// joins, resampling and statistics: <c>runs.ToFrame("rewards.total")</c> (a column per run) and <c>run.ToFrame()</c>
/// (a column per metric). Rows are the union of the steps, sorted; a column has a missing value where its series has
/// no point at that step. Values are exactly <see cref="Run.Metric"/>'s, except that Deedle treats a NaN double as a
/// missing value (its own convention), so a logged NaN reads back as missing; use <c>run.ToDataFrame()</c>
/// (RunLens.Interactive) to keep NaN apart from missing.
/// </summary>
/// <remarks>
/// Deedle 8.1 needs FSharp.Core 10.1. A kernel that ships an older FSharp.Core (dotnet-interactive 1.0.712001 and
/// dotnet-repl 0.3.259 ship 10.0) fails as soon as Deedle code runs, with
/// <c>System.IO.FileNotFoundException: Could not load file or assembly 'FSharp.Core, Version=10.1.0.0, ...'</c>.
/// That is why this is an assembly of its own that nothing else in RunLens references: loading RunLens never fails
/// because of it. In such a kernel, use <c>run.ToDataFrame()</c> instead.
/// </remarks>
public static class DeedleFrames
{
    /// <summary>
    /// One metric of many runs aligned on step: rows are every step any run logged it at (sorted), one column per run
    /// (named by <see cref="Run.Name"/>), missing where a run has no point (a run that never logged the metric has a
    /// column of missing values). A step logged more than once by a run keeps its last point
    /// (<see cref="StepDuplicates.Last"/>, the default) or the mean of its finite values.
    /// </summary>
    /// <param name="runs">The runs, e.g. a <see cref="RunSet"/>.</param>
    /// <param name="metric">A field name as logged or a role lookup name, e.g. <c>rewards.total</c>.</param>
    /// <param name="duplicates">What to keep where a run repeats a step.</param>
    /// <example><code>Frame&lt;long, string&gt; rewards = runs.ToFrame("rewards.total");</code></example>
    public static Frame<long, string> ToFrame(this IEnumerable<Run> runs, string metric, StepDuplicates duplicates = StepDuplicates.Last)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        var columns = runs.Select(r => (Name: r.Name, Series: MetricOrEmpty(r, metric).OnePointPerStep(duplicates))).ToList();
        return Aligned(columns);
    }

    /// <summary>
    /// A run's metrics aligned on step: rows are every step any of them was logged at (sorted), one column per metric
    /// (named as logged), missing where a metric has no point at that step. Repeated steps as in
    /// <see cref="ToFrame(IEnumerable{Run}, string, StepDuplicates)"/>.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="metrics">Field names as logged or role lookup names; null or empty for every metric (every numeric field but the step).</param>
    /// <param name="duplicates">What to keep where a metric repeats a step.</param>
    /// <exception cref="KeyNotFoundException">The run has no field by one of the names.</exception>
    /// <example><code>run.ToFrame(["rewards.total", "loss"])</code></example>
    public static Frame<long, string> ToFrame(this Run run, IEnumerable<string>? metrics = null, StepDuplicates duplicates = StepDuplicates.Last)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Aligned(run.Metrics([.. metrics ?? []]).Select(s => (s.Metric, s.OnePointPerStep(duplicates))).ToList());
    }

    private static Series MetricOrEmpty(Run run, string metric)
    {
        try
        {
            return run.Metric(metric);
        }
        catch (KeyNotFoundException)
        {
            return new Series(run.Name, metric, []);
        }
    }

    /// <summary>
    /// Every column on the same sorted union of steps: identical indices join without reordering, and a missing
    /// point is a NaN, which Deedle stores as a missing value.
    /// </summary>
    private static Frame<long, string> Aligned(IReadOnlyList<(string Name, Series Series)> columns)
    {
        var steps = SeriesSteps.Union(columns.Select(c => c.Series));
        var series = columns.Select(c => KeyValuePair.Create(c.Name,
            new Series<long, double>(steps, c.Series.ValuesAt(steps).Select(v => v ?? double.NaN).ToArray())));
        return Frame.FromColumns(series);
    }
}
