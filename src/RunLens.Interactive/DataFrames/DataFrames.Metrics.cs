using Microsoft.Data.Analysis;

namespace RunLens;

/// <summary>
/// RunLens values as <see cref="DataFrame"/>s (Microsoft.Data.Analysis) for your own analysis: <c>run.ToDataFrame()</c>,
/// <c>runs.Describe().ToDataFrame()</c>, <c>scan.Fields.ToDataFrame()</c>, <c>run.Episodes.ToDataFrame()</c>,
/// <c>scores.Compare().ToDataFrame()</c>... Column types: text is <see cref="StringDataFrameColumn"/>, steps and counts
/// are <see cref="Int64DataFrameColumn"/>, numbers are <see cref="DoubleDataFrameColumn"/>, flags are
/// <see cref="BooleanDataFrameColumn"/>. A logged NaN stays NaN; null means there is no value (a metric with no point
/// at that step, an unknown seed), so both read back exactly. Wall times are seconds since the Unix epoch, as doubles.
/// Column names are the names as logged (a log's <c>reward</c> stays <c>reward</c>, even when asked for as <c>rewards.total</c>).
/// </summary>
public static partial class DataFrames
{
    /// <summary>
    /// The run's metrics in long form: one row per logged point, with columns <c>run</c>, <c>metric</c>,
    /// <c>step</c>, <c>value</c> and <c>wall_time</c> (seconds since the Unix epoch, null when the log has none).
    /// Values are exactly <see cref="Run.Metric"/>'s, metric by metric in the order asked, each sorted by step;
    /// the files are read once.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="metrics">Field names as logged or role lookup names; null or empty for every metric (every numeric field but the step).</param>
    /// <exception cref="KeyNotFoundException">The run has no field by one of the names; the message lists the fields.</exception>
    /// <example><code>run.ToDataFrame(["rewards.total", "loss"])</code></example>
    public static DataFrame ToDataFrame(this Run run, IEnumerable<string>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Long(run.Metrics([.. metrics ?? []]));
    }

    /// <summary>
    /// The metrics of every run in long form (see <see cref="ToDataFrame(Run, IEnumerable{string}?)"/>), run after
    /// run. A run without one of the named metrics simply has no rows for it.
    /// </summary>
    /// <param name="runs">The runs, e.g. a <see cref="RunSet"/>.</param>
    /// <param name="metrics">Field names as logged or role lookup names; null or empty for every metric of each run.</param>
    /// <example><code>runs.ToDataFrame(["rewards.total"])</code></example>
    public static DataFrame ToDataFrame(this IEnumerable<Run> runs, IEnumerable<string>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var names = (metrics ?? []).ToArray();
        return Long(runs.SelectMany(r => SeriesOf(r, names)).ToList());
    }

    /// <summary>
    /// The run's metrics wide by step: one row per step any of them was logged at (sorted), a <c>step</c> column and
    /// one column per metric, null where a metric has no point at that step. A step logged more than once by a metric
    /// keeps the point logged last (<see cref="StepDuplicates.Last"/>, the default: an exact logged value) or the
    /// mean of its finite values (<see cref="StepDuplicates.Mean"/>); the long form keeps them all.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="metrics">Field names as logged or role lookup names; null or empty for every metric.</param>
    /// <param name="duplicates">What to keep where a metric repeats a step.</param>
    /// <exception cref="KeyNotFoundException">The run has no field by one of the names.</exception>
    /// <example><code>run.ToWideDataFrame(["rewards.total", "loss"], StepDuplicates.Mean)</code></example>
    public static DataFrame ToWideDataFrame(this Run run, IEnumerable<string>? metrics = null, StepDuplicates duplicates = StepDuplicates.Last)
    {
        ArgumentNullException.ThrowIfNull(run);
        var series = run.Metrics([.. metrics ?? []]).Select(s => s.OnePointPerStep(duplicates)).ToList();
        var builder = new FrameBuilder();
        var steps = SeriesSteps.Union(series);
        builder.Integers("step", steps);
        foreach (var s in series)
            builder.Numbers(s.Metric, s.ValuesAt(steps));
        return builder.Build();
    }

    /// <summary>
    /// The metrics of every run wide by step: one row per run and step, columns <c>run</c>, <c>step</c> and one per
    /// metric (the union over the runs, null where a run has no point for it at that step). Repeated steps as in
    /// <see cref="ToWideDataFrame(Run, IEnumerable{string}?, StepDuplicates)"/>.
    /// </summary>
    /// <param name="runs">The runs.</param>
    /// <param name="metrics">Field names as logged or role lookup names; null or empty for every metric of each run.</param>
    /// <param name="duplicates">What to keep where a metric repeats a step.</param>
    /// <example><code>runs.ToWideDataFrame(["rewards.total", "loss"])</code></example>
    public static DataFrame ToWideDataFrame(this IEnumerable<Run> runs, IEnumerable<string>? metrics = null, StepDuplicates duplicates = StepDuplicates.Last)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var names = (metrics ?? []).ToArray();
        var perRun = runs.Select(r => (Run: r.Name, Asked: AskedOf(r, names))).ToList();
        // A column per name as logged: runs that log the total reward as reward and as total get a column each
        // (asked for as rewards.total, both answer), in the order asked; a name no run has is a column of nulls.
        var columns = names.Length > 0
            ? names.SelectMany(n => AnsweredBy(perRun.Select(r => r.Asked), n)).Distinct(StringComparer.Ordinal).ToArray()
            : perRun.SelectMany(r => r.Asked.Select(a => a.Series.Metric)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var runColumn = new List<string>();
        var stepColumn = new List<long>();
        var values = columns.Select(_ => new List<double?>()).ToArray();
        foreach (var (name, asked) in perRun)
        {
            var series = asked.Select(a => a.Series.OnePointPerStep(duplicates)).DistinctBy(x => x.Metric).ToList();
            var steps = SeriesSteps.Union(series);
            runColumn.AddRange(Enumerable.Repeat(name, steps.Length));
            stepColumn.AddRange(steps);
            for (var c = 0; c < columns.Length; c++)
            {
                var s = series.FirstOrDefault(x => x.Metric == columns[c]);
                values[c].AddRange(s is null ? new double?[steps.Length] : s.ValuesAt(steps));
            }
        }
        var builder = new FrameBuilder().Text("run", runColumn).Integers("step", stepColumn);
        for (var c = 0; c < columns.Length; c++)
            builder.Numbers(columns[c], values[c]);
        return builder.Build();
    }

    private static DataFrame Long(IReadOnlyList<Series> series)
    {
        var points = series.SelectMany(s => s.Points.Select(p => (s.Run, s.Metric, Point: p))).ToList();
        return new FrameBuilder()
            .Text("run", points.Select(p => p.Run))
            .Text("metric", points.Select(p => p.Metric))
            .Integers("step", points.Select(p => p.Point.Step))
            .Numbers("value", points.Select(p => p.Point.Value))
            .Numbers("wall_time", points.Select(p => p.Point.WallTime))
            .Build();
    }

    /// <summary>The logged names that answered <paramref name="name"/> in any run; the name itself when none did.</summary>
    private static IEnumerable<string> AnsweredBy(IEnumerable<IReadOnlyList<(string Asked, Series Series)>> perRun, string name)
    {
        var written = perRun.Select(asked => asked.FirstOrDefault(a => a.Asked == name).Series?.Metric).OfType<string>()
            .Distinct(StringComparer.Ordinal).ToList();
        return written.Count > 0 ? written : [name];
    }

    /// <summary>A run's series as <see cref="SeriesOf"/> gives them, each with the name it was asked for (every metric: its own).</summary>
    private static IReadOnlyList<(string Asked, Series Series)> AskedOf(Run run, string[] names)
    {
        if (names.Length == 0)
            return run.Metrics().Select(s => (s.Metric, s)).ToList();
        try
        {
            // One pass when the run has them all; Metrics keeps the order asked.
            return run.Metrics(names).Select((s, i) => (names[i], s)).ToList();
        }
        catch (KeyNotFoundException)
        {
            // Some are missing: each name it has is read on its own below.
        }
        var found = new List<(string, Series)>();
        foreach (var name in names)
        {
            try
            {
                found.Add((name, run.Metric(name)));
            }
            catch (KeyNotFoundException)
            {
                // This run never logged it: nulls in its rows.
            }
        }
        return found;
    }

    /// <summary>
    /// A run's series for a frame of many runs: the named ones it has (a run without one is not an error there), or
    /// every metric. One pass when it has them all; otherwise each name it has is read on its own.
    /// </summary>
    private static IReadOnlyList<Series> SeriesOf(Run run, string[] names)
    {
        try
        {
            return run.Metrics(names);
        }
        catch (KeyNotFoundException)
        {
            var found = new List<Series>();
            foreach (var name in names)
            {
                try
                {
                    found.Add(run.Metric(name));
                }
                catch (KeyNotFoundException)
                {
                    // This run never logged it: no rows (long form) or nulls (wide form).
                }
            }
            return found;
        }
    }

}
