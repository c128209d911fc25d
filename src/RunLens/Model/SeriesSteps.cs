namespace RunLens;

/// <summary>Series with one point per step, for tables that have one row per step.</summary>
public static class SeriesSteps
{
    /// <summary>The sorted union of the steps of several series: the rows of a table that aligns them on step.</summary>
    /// <example><code>var steps = SeriesSteps.Union(runs.Select(r => r.Metric("rewards.total")));</code></example>
    public static long[] Union(IEnumerable<Series> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return [.. series.SelectMany(s => s.Points.Select(p => p.Step)).Distinct().Order()];
    }

    /// <summary>
    /// The series' values at the given steps, null where it has no point. The steps must be sorted and the series have
    /// one point per step (see <see cref="OnePointPerStep"/>): one merge pass, no lookup.
    /// </summary>
    /// <param name="series">A series with one point per step, sorted by step.</param>
    /// <param name="steps">Sorted steps, for example <see cref="Union"/>'s.</param>
    public static double?[] ValuesAt(this Series series, long[] steps)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(steps);
        var values = new double?[steps.Length];
        var points = series.Points;
        var p = 0;
        for (var i = 0; i < steps.Length && p < points.Count; i++)
        {
            while (p < points.Count && points[p].Step < steps[i])
                p++;
            if (p < points.Count && points[p].Step == steps[i])
                values[i] = points[p++].Value;
        }
        return values;
    }

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
