namespace RunLens;

/// <summary>
/// Steps logged more than once in a run (a resumed run, two writers), merged into one point each before a run is
/// aligned: the mean of the finite values at that step (NaN when none is finite).
/// </summary>
internal static class DuplicateSteps
{
    /// <summary>The merged steps and values, and how many points were folded into others.</summary>
    public static (long[] Steps, double[] Values, int Folded) Merge(IReadOnlyList<ScalarPoint> points)
    {
        // Series are sorted by step; a hand-made one may not be, and a stable sort keeps file order among equals.
        var sorted = IsSorted(points) ? points : points.OrderBy(p => p.Step).ToList();
        var steps = new List<long>(sorted.Count);
        var values = new List<double>(sorted.Count);
        var i = 0;
        while (i < sorted.Count)
        {
            var step = sorted[i].Step;
            double sum = 0;
            var finite = 0;
            var first = i;
            for (; i < sorted.Count && sorted[i].Step == step; i++)
            {
                if (double.IsFinite(sorted[i].Value))
                {
                    sum += sorted[i].Value;
                    finite++;
                }
            }
            steps.Add(step);
            values.Add(i - first == 1 ? sorted[first].Value : finite > 0 ? sum / finite : double.NaN);
        }
        return (steps.ToArray(), values.ToArray(), sorted.Count - steps.Count);
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
