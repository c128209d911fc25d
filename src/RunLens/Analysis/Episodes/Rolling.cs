namespace RunLens;

/// <summary>Trailing-window statistics of the finite values, shared by the episode and stability statistics.</summary>
internal static class Rolling
{
    /// <summary>
    /// The mean of the finite values among each value and the <c>window - 1</c> before it (fewer at the start), NaN
    /// where the window holds none. Unlike <see cref="Smooth.RollingMean"/>, a NaN value gets its window's mean: these
    /// are statistics of the window, as pandas' <c>rolling(window, min_periods=1).mean()</c>, not a smoothed curve.
    /// </summary>
    public static double[] Mean(ReadOnlySpan<double> values, int window)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var (sum, count) = (0.0, 0);
            for (var j = Math.Max(0, i - window + 1); j <= i; j++)
            {
                if (double.IsFinite(values[j]))
                {
                    sum += values[j];
                    count++;
                }
            }
            result[i] = count == 0 ? double.NaN : sum / count;
        }
        return result;
    }

    /// <summary>
    /// The sample standard deviation (n - 1) of the finite values in the same windows as <see cref="Mean"/>, NaN where
    /// the window holds fewer than two: pandas' <c>rolling(window, min_periods=1).std()</c>. Two passes per window
    /// (mean, then squared deviations) so a large offset does not cancel the spread.
    /// </summary>
    public static double[] Std(ReadOnlySpan<double> values, int window)
    {
        var means = Mean(values, window);
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var (squares, count) = (0.0, 0);
            for (var j = Math.Max(0, i - window + 1); j <= i; j++)
            {
                if (double.IsFinite(values[j]))
                {
                    var d = values[j] - means[i];
                    squares += d * d;
                    count++;
                }
            }
            result[i] = count < 2 ? double.NaN : Math.Sqrt(squares / (count - 1));
        }
        return result;
    }

    public static void CheckWindow(int window, string name)
    {
        if (window < 1)
            throw new ArgumentOutOfRangeException(name, window, "The rolling window must hold at least 1 point (1 means no rolling).");
    }
}
