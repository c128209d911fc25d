namespace RunLens;

/// <summary>Series with one point per step, for tables that have one row per step.</summary>
public static class SeriesSteps
{
    /// <summary>
    /// The series with one point per step: steps logged once keep their point as it is; steps logged several times
    /// keep the last point (<see cref="StepDuplicates.Last"/>, the default) or the mean of their finite values
    /// (<see cref="StepDuplicates.Mean"/>). The series is returned as it is when no step repeats.
    /// </summary>
    /// <param name="series">A series, sorted by step (as <see cref="Run.Metric"/> gives it).</param>
    /// <param name="duplicates">What to keep at a repeated step.</param>
    /// <example><code>run.Metric("rewards.total").OnePointPerStep(StepDuplicates.Mean)</code></example>
    public static Series OnePointPerStep(this Series series, StepDuplicates duplicates = StepDuplicates.Last)
    {
        ArgumentNullException.ThrowIfNull(series);
        var points = series.Points;
        var repeats = false;
        for (var i = 1; i < points.Count && !repeats; i++)
            repeats = points[i].Step == points[i - 1].Step;
        if (!repeats)
            return series;
        var kept = new List<ScalarPoint>(points.Count);
        var start = 0;
        while (start < points.Count)
        {
            var end = start + 1;
            while (end < points.Count && points[end].Step == points[start].Step)
                end++;
            var last = points[end - 1];
            kept.Add(duplicates == StepDuplicates.Mean && end - start > 1 ? last with { Value = Mean(points, start, end) } : last);
            start = end;
        }
        return series with { Points = kept };
    }

    private static double Mean(IReadOnlyList<ScalarPoint> points, int start, int end)
    {
        var steps = new long[end - start];
        var values = new double[end - start];
        for (var i = start; i < end; i++)
            (steps[i - start], values[i - start]) = (points[i].Step, points[i].Value);
        return Smooth.MergeDuplicateSteps(steps, values).Means[0];
    }
}
