namespace RunLens;

/// <summary>
/// Aligns runs onto a shared step grid and summarises them across seeds. Pure functions: no I/O, inputs unchanged.
/// A run contributes only inside its own first and last step (no extrapolation), so the number of seeds behind a
/// step drops where shorter runs end, and the curves say so (<see cref="AggregateCurve.Seeds"/>,
/// <see cref="AggregateCurve.SeedDrops"/>).
/// </summary>
public static partial class Aggregate
{
    /// <summary>
    /// The steps to align runs on: the union of the runs' own steps when it has at most <paramref name="points"/>
    /// steps (and <paramref name="useRunSteps"/> is true), otherwise <paramref name="points"/> evenly spaced integer
    /// steps from the smallest first step to the largest last step (every integer step when the range is shorter).
    /// Runs without points take no part.
    /// </summary>
    /// <param name="runs">The runs (each sorted by step, as <see cref="Run.Metric"/> gives them).</param>
    /// <param name="points">The most steps the grid may have, at least 2.</param>
    /// <param name="useRunSteps">Whether a small union of the runs' steps may be the grid.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is below 2.</exception>
    /// <example><code>var grid = Aggregate.Grid([a, b], 200);</code></example>
    public static StepGrid Grid(IReadOnlyList<Series> runs, int points, bool useRunSteps = true)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return GridOf(runs.Select(r => r.Points.Select(p => p.Step).ToArray()).ToList(), points, useRunSteps);
    }

    /// <summary>
    /// The run's values at the grid's steps: duplicate steps averaged first (the mean of their finite values), then
    /// read linearly between the run's two neighbouring points. NaN before the run's first step and after its last
    /// (no extrapolation), and where a neighbouring point is NaN.
    /// </summary>
    /// <param name="run">The run's points.</param>
    /// <param name="grid">The grid, from <see cref="Grid"/>.</param>
    /// <returns>One value per grid step.</returns>
    public static double[] Align(Series run, StepGrid grid) => Align(run, grid, "linear");

    /// <summary>As <see cref="Align(Series, StepGrid)"/>, with <c>"linear"</c> or <c>"previous"</c> interpolation
    /// (the last logged value, a step function).</summary>
    /// <exception cref="ArgumentException">The interpolation is not one of those.</exception>
    public static double[] Align(Series run, StepGrid grid, string interpolation)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(grid);
        CheckInterpolation(interpolation);
        var merged = DuplicateSteps.Merge(run.Points);
        return AlignValues(merged.Steps, merged.Values, grid.Steps, interpolation == "previous");
    }

    internal static StepGrid GridOf(IReadOnlyList<long[]> runSteps, int points, bool useRunSteps)
    {
        if (points < 2)
            throw new ArgumentOutOfRangeException(nameof(points), points, "A grid needs at least 2 points (200 is the default).");
        var present = runSteps.Where(s => s.Length > 0).ToList();
        if (present.Count == 0)
            return new StepGrid([], "even");
        if (useRunSteps && UnionIfSmall(present, points) is { } union)
            return new StepGrid(union, "run steps");
        var lo = present.Min(s => s.Min());
        var hi = present.Max(s => s.Max());
        return new StepGrid(EvenSteps(lo, hi, points), "even");
    }

    // Stops as soon as the union outgrows the grid, so a million-point run costs no million-entry set.
    private static long[]? UnionIfSmall(IReadOnlyList<long[]> runSteps, int points)
    {
        var union = new HashSet<long>();
        foreach (var steps in runSteps)
        {
            foreach (var step in steps)
            {
                if (union.Add(step) && union.Count > points)
                    return null;
            }
        }
        return union.Order().ToArray();
    }

    private static long[] EvenSteps(long lo, long hi, int points)
    {
        var span = (Int128)hi - lo;
        if (span + 1 <= points)
            return Enumerable.Range(0, (int)(span + 1)).Select(i => lo + i).ToArray();
        // Rounded to the nearest integer with exact arithmetic; spacing above 1 keeps the steps distinct.
        var result = new long[points];
        for (var i = 0; i < points; i++)
            result[i] = (long)(lo + (2 * i * span + (points - 1)) / (2 * (points - 1)));
        return result;
    }

    internal static double[] AlignValues(long[] steps, double[] values, long[] grid, bool previous)
    {
        var result = new double[grid.Length];
        var j = 0;
        for (var k = 0; k < grid.Length; k++)
        {
            var s = grid[k];
            if (steps.Length == 0 || s < steps[0] || s > steps[^1])
            {
                result[k] = double.NaN;
                continue;
            }
            while (j + 1 < steps.Length && steps[j + 1] <= s)
                j++;
            if (steps[j] == s || previous)
            {
                result[k] = values[j];
                continue;
            }
            double a = values[j], b = values[j + 1];
            var t = (double)(s - steps[j]) / (steps[j + 1] - steps[j]);
            result[k] = double.IsFinite(a) && double.IsFinite(b) ? a + (b - a) * t : double.NaN;
        }
        return result;
    }

    internal static void CheckInterpolation(string interpolation)
    {
        if (interpolation is not ("linear" or "previous"))
            throw new ArgumentException(
                $"Unknown interpolation '{interpolation}': use \"linear\" (between a run's neighbouring points) or \"previous\" (its last logged value).",
                nameof(interpolation));
    }
}
