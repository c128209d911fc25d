namespace RunLens;

/// <summary>
/// Steps logged more than once in a run (a resumed run, two writers), merged into one point each before a run is
/// aligned, with <see cref="Smooth.MergeDuplicateSteps"/>: the mean of the finite values at that step.
/// </summary>
internal static class DuplicateSteps
{
    /// <summary>The merged steps and values, and how many points were folded into others.</summary>
    public static (long[] Steps, double[] Values, int Folded) Merge(IReadOnlyList<ScalarPoint> points)
    {
        // Series are sorted by step; a hand-made one may not be, and a stable sort keeps file order among equals.
        var sorted = IsSorted(points) ? points : points.OrderBy(p => p.Step).ToList();
        var steps = new long[sorted.Count];
        var values = new double[sorted.Count];
        for (var i = 0; i < sorted.Count; i++)
            (steps[i], values[i]) = (sorted[i].Step, sorted[i].Value);
        var merged = Smooth.MergeDuplicateSteps(steps, values);
        return (merged.Steps, merged.Means, sorted.Count - merged.Steps.Length);
    }

    private static bool IsSorted(IReadOnlyList<ScalarPoint> points)
    {
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Step < points[i - 1].Step)
                return false;
        }
        return true;
    }
}
