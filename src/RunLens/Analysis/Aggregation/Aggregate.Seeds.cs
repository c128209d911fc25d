using System.Globalization;

namespace RunLens;

public static partial class Aggregate
{
    /// <summary>
    /// One group's runs (one per seed) aligned on a shared grid and summarised at each step: the center over the
    /// seeds that have a finite value there, a band, and the seed count. Per run, in this order: steps logged more
    /// than once are averaged, the smoothing is applied, then values are read at the grid's steps (no extrapolation).
    /// </summary>
    /// <param name="group">The group's label, carried into the result.</param>
    /// <param name="runs">The group's runs of one metric. Runs without points are left out and named in the notes.</param>
    /// <param name="options">Center, band, grid, smoothing; null for <see cref="AggregateOptions.Default"/>.</param>
    /// <returns>The curve; <see cref="AggregateCurve.Method"/> says what was computed.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The grid has fewer than 2 points or the confidence is not in (0, 1).</exception>
    /// <example><code>var curve = Aggregate.AcrossSeeds("v4", seeds.Select(r => r.Metric("rewards.total")).ToList());</code></example>
    public static AggregateCurve AcrossSeeds(string group, IReadOnlyList<Series> runs, AggregateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(runs);
        options ??= AggregateOptions.Default;
        CheckOptions(options);
        var notes = new List<string>();
        var used = new List<(string Name, long[] Steps, double[] Values)>();
        foreach (var run in runs)
        {
            if (run.Count == 0)
            {
                notes.Add($"{run.Run}: no points of {run.Metric}; left out.");
                continue;
            }
            var (steps, values, folded) = DuplicateSteps.Merge(run.Points);
            if (folded > 0)
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{run.Run}: {folded} extra points at steps logged more than once; averaged into their step's value."));
            // In step units for the kinds that need them (time-weighted EMA, Gaussian); steps are distinct now.
            if (options.Smoothing is { } smoothing)
                values = smoothing.Apply(steps.Select(s => (double)s).ToArray(), values);
            used.Add((run.Run, steps, values));
        }

        var grid = GridOf(used.Select(u => u.Steps).ToList(), options.GridPoints, options.UseRunSteps);
        var aligned = used.Select(u => AlignValues(u.Steps, u.Values, grid.Steps, options.Interpolation == "previous")).ToList();
        var curve = Summarise(grid.Steps, aligned, options);
        var metric = string.Join(", ", runs.Select(r => r.Metric).Distinct(StringComparer.Ordinal));
        return curve with
        {
            Group = group,
            Metric = metric,
            Method = Describe(options, grid),
            Runs = used.Select(u => u.Name).ToList(),
            Notes = notes,
        };
    }

    private static AggregateCurve Summarise(long[] steps, List<double[]> aligned, AggregateOptions options)
    {
        var center = new double[steps.Length];
        var lower = new double[steps.Length];
        var upper = new double[steps.Length];
        var seeds = new int[steps.Length];
        var drops = new List<long>();
        var column = new double[aligned.Count];
        for (var k = 0; k < steps.Length; k++)
        {
            var n = 0;
            foreach (var run in aligned)
            {
                if (double.IsFinite(run[k]))
                    column[n++] = run[k];
            }
            seeds[k] = n;
            if (k > 0 && n < seeds[k - 1])
                drops.Add(steps[k]);
            var values = column.AsSpan(0, n);
            center[k] = n == 0 ? double.NaN : Center(values, options.Center);
            (lower[k], upper[k]) = Band(values, center[k], options);
        }
        return new AggregateCurve("", "", steps, center, lower, upper, seeds) { SeedDrops = drops };
    }

    private static void CheckOptions(AggregateOptions options)
    {
        if (!(options.Confidence > 0 && options.Confidence < 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.Confidence, "The confidence must be in (0, 1), for example 0.95.");
        CheckInterpolation(options.Interpolation);
    }

    private static string Describe(AggregateOptions options, StepGrid grid)
    {
        var center = CenterName(options.Center);
        var x = options.X is { } field ? "x: " + field + "; " : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{center} over seeds; band: {BandName(options, center)}; {x}grid: {grid.Describe()}, {options.Interpolation} " +
            $"interpolation between a run's points, no extrapolation past a run's first or last step; " +
            $"duplicate steps averaged; smoothing per run: {(options.Smoothing ?? Smoothing.None).Describe()}");
    }

    private static string CenterName(CenterKind kind) => kind switch
    {
        CenterKind.Median => "median",
        CenterKind.Iqm => "IQM (25% trimmed mean)",
        _ => "mean",
    };
}
