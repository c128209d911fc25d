namespace RunLens;

/// <summary>Training stability of a metric: rolling spread, coefficient of variation and convergence step. Pure functions.</summary>
public static class TrainingStability
{
    /// <summary>
    /// The rolling mean and standard deviation of a series over a trailing window of points, their coefficient of
    /// variation, and its convergence step.
    /// </summary>
    /// <remarks>
    /// The convergence rule: the final value F is the mean of the finite values among the last
    /// <c>ceil(finalFraction x n)</c> points (at least one), which is less noisy than the last point alone. The band is
    /// F ± tolerance x |F| (when F is 0, ± tolerance x the range of the finite values). The convergence step is the
    /// first step i such that the rolling mean at i and at every later point (non-finite ones skipped) lies in the band
    /// (inclusive); if the last rolling mean is outside the band, the series has not converged (null). The rolling
    /// windows include partial ones at the start, so an early lucky value can only count if everything after it stays
    /// in the band too.
    /// </remarks>
    /// <param name="series">The series, for example <c>run.Metric("metrics.episode_return_mean")</c>.</param>
    /// <param name="window">The rolling window in points, at least 1 (10 by default).</param>
    /// <param name="tolerance">The band's half-width as a fraction of |F|, positive (0.05: 5%).</param>
    /// <param name="finalFraction">The fraction of the points, at the end, whose mean is the final value, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    /// <example><code>run.Metric("metrics.episode_return_mean").Stability(window: 5).ConvergenceStep</code></example>
    public static SeriesStability Stability(this Series series, int window = 10, double tolerance = 0.05, double finalFraction = 0.1)
    {
        ArgumentNullException.ThrowIfNull(series);
        Rolling.CheckWindow(window, nameof(window));
        if (!(tolerance > 0) || double.IsInfinity(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance is a positive fraction of the final value (0.05 is 5%).");
        if (!(finalFraction > 0 && finalFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(finalFraction), finalFraction, "The final fraction must be in (0, 1] (0.1: the last 10% of the points).");
        var steps = series.Points.Select(p => p.Step).ToArray();
        var values = series.Points.Select(p => p.Value).ToArray();
        var mean = Rolling.Mean(values, window);
        var std = Rolling.Std(values, window);
        var cv = new double[values.Length];
        for (var i = 0; i < cv.Length; i++)
            cv[i] = mean[i] == 0 || double.IsNaN(mean[i]) || double.IsNaN(std[i]) ? double.NaN : std[i] / Math.Abs(mean[i]);

        var finalPoints = Math.Max(1, (int)Math.Ceiling(finalFraction * values.Length - 1e-9));
        var final = values.Length == 0 ? double.NaN : FiniteMean(values.AsSpan(values.Length - Math.Min(finalPoints, values.Length)));
        var finite = values.Where(double.IsFinite).ToArray();
        var half = double.IsNaN(final) ? double.NaN : final != 0 ? tolerance * Math.Abs(final) : tolerance * (finite.Max() - finite.Min());
        var index = ConvergenceIndex(mean, final, half);
        return new SeriesStability(series.Run, series.Metric, steps, values, mean, std, cv)
        {
            Window = window,
            Tolerance = tolerance,
            FinalPoints = finalPoints,
            FinalValue = final,
            BandHalfWidth = half,
            ConvergenceIndex = index,
            ConvergenceStep = index is { } at ? steps[at] : null,
        };
    }

    // Walks back from the end while the rolling mean stays in the band; the convergence point is the earliest point
    // of that unbroken run. Non-finite rolling means (windows of only NaN) neither break nor start the run.
    private static int? ConvergenceIndex(double[] mean, double final, double half)
    {
        if (double.IsNaN(final))
            return null;
        int? first = null;
        for (var i = mean.Length - 1; i >= 0; i--)
        {
            if (!double.IsFinite(mean[i]))
                continue;
            if (Math.Abs(mean[i] - final) > half)
                break;
            first = i;
        }
        return first;
    }

    private static double FiniteMean(ReadOnlySpan<double> values)
    {
        var (sum, count) = (0.0, 0);
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                sum += v;
                count++;
            }
        }
        return count == 0 ? double.NaN : sum / count;
    }
}
