namespace RunLens;

/// <summary>
/// Smoothing functions over a series of values in step order. Pure: no I/O, the input is never changed, and the
/// output has one value per input value. Apply them to full-resolution data or to exact bucket means, never to a
/// random sample (a sample's smoothed curve is not the data's). Index-based smoothers (EMA, rolling and adaptive windows)
/// are here; the ones that measure distance in x units are in <c>Smooth.InX.cs</c>, duplicate steps in
/// <c>Smooth.Steps.cs</c>.
/// </summary>
public static partial class Smooth
{
    /// <summary>
    /// TensorBoard's debiased exponential moving average, value for value: a first-order low-pass filter started at 0
    /// and divided by <c>1 - weight^n</c> (n = finite values so far) so early values are not pulled towards 0.
    /// NaN and infinite values pass through unchanged and do not advance the filter. A constant series is returned
    /// unchanged (TensorBoard special-cases it so rounding cannot wobble a flat line).
    /// </summary>
    /// <param name="values">The values in step order.</param>
    /// <param name="weight">How much of the past to keep, in [0, 1): 0 is no smoothing, 0.99 is very smooth.</param>
    /// <returns>A new array of the same length.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The weight is not in [0, 1).</exception>
    public static double[] Ema(ReadOnlySpan<double> values, double weight = 0.6)
    {
        CheckEmaWeight(weight);
        var result = values.ToArray();
        // tensorflow/tensorboard, tensorboard/webapp/widgets/line_chart_v2/data_transformer.ts (classicSmoothing):
        // `isConstant = points.every(p => p.y == initialYVal)` returns the series as it is (see TensorBoard #786).
        // `==` is IEEE equality, so a series starting with NaN is never constant; we mirror that.
        if (IsConstant(values))
            return result;
        double last = 0;
        var numAccum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var next = values[i];
            if (!double.IsFinite(next))
                continue;
            last = last * weight + (1 - weight) * next;
            numAccum++;
            // TensorBoard: `debiasWeight = smoothingWeight === 1 ? 1 : 1 - Math.pow(smoothingWeight, numAccum)`.
            var debias = weight == 1 ? 1 : 1 - Math.Pow(weight, numAccum);
            result[i] = last / debias;
        }
        return result;
    }

    /// <summary>
    /// The mean of the finite values in a window of <paramref name="points"/> values around each value. Windows are
    /// cut short at the ends of the series (the mean of the values there is used). Non-finite values are left out of
    /// every mean and pass through unchanged at their own position, so gaps stay gaps. Costs O(length x points).
    /// </summary>
    /// <param name="values">The values in step order.</param>
    /// <param name="points">The window length in values, at least 1 (1 returns the input).</param>
    /// <param name="alignment">
    /// <see cref="WindowAlignment.Trailing"/>: the value and the <c>points - 1</c> before it (no look-ahead, lags trends).
    /// <see cref="WindowAlignment.Centred"/>: <c>points / 2</c> values before and <c>(points - 1) / 2</c> after.
    /// </param>
    /// <returns>A new array of the same length.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is less than 1.</exception>
    public static double[] RollingMean(ReadOnlySpan<double> values, int points, WindowAlignment alignment = WindowAlignment.Trailing)
    {
        CheckWindowPoints(points);
        var before = alignment == WindowAlignment.Trailing ? points - 1 : points / 2;
        var after = points - 1 - before;
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
            result[i] = double.IsFinite(values[i]) ? WindowMean(values, i - before, i + after) : values[i];
        return result;
    }

    /// <summary>
    /// The window length <see cref="Adaptive"/> uses for a series of <paramref name="count"/> points:
    /// <c>max(1, min(100, count / 20))</c> (integer division). About 5% of the series, so a short series is barely
    /// touched (fewer than 40 points: no smoothing at all) and a long one is capped at 100 points so spikes stay visible.
    /// </summary>
    /// <param name="count">The number of points in the series, at least 0.</param>
    /// <returns>The window length in points, between 1 and 100.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static int AdaptiveWindow(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // The rule the brief for issue 7 gives; nothing in the repository or the design notes grounds another one.
        return Math.Max(1, Math.Min(100, count / 20));
    }

    /// <summary>
    /// A centred rolling mean whose window is sized from the number of points (<see cref="AdaptiveWindow"/>), so the
    /// same setting suits a 200-point and a 200,000-point curve. Non-finite values pass through as in
    /// <see cref="RollingMean"/>.
    /// </summary>
    /// <param name="values">The values in step order.</param>
    /// <returns>A new array of the same length.</returns>
    public static double[] Adaptive(ReadOnlySpan<double> values) =>
        RollingMean(values, AdaptiveWindow(values.Length), WindowAlignment.Centred);

    // Each window is summed afresh: O(n x points), but a running or prefix sum would carry the rounding error of a
    // huge spike into every later window (1e17 + 0.1 - 1e17 is 0, not 0.1), and spikes are what RL curves are about.
    private static double WindowMean(ReadOnlySpan<double> values, int first, int last)
    {
        double sum = 0;
        var count = 0;
        for (var j = Math.Max(0, first); j <= Math.Min(values.Length - 1, last); j++)
        {
            if (double.IsFinite(values[j]))
            {
                sum += values[j];
                count++;
            }
        }
        return sum / count;
    }

    internal static void CheckEmaWeight(double weight)
    {
        // TensorBoard clamps the weight to [0, 1]; at exactly 1 its formula keeps `last` at 0 forever and so draws
        // every finite point as 0. That is never what a user means, so we reject 1 instead of mirroring it.
        if (!(weight >= 0 && weight < 1))
            throw new ArgumentOutOfRangeException(nameof(weight), weight,
                "The EMA weight must be in [0, 1): 0 means no smoothing, 0.6 is TensorBoard's default, 0.99 is very smooth. " +
                "(At 1, TensorBoard's formula would draw every point as 0.)");
    }

    internal static void CheckWindowPoints(int points)
    {
        if (points < 1)
            throw new ArgumentOutOfRangeException(nameof(points), points,
                "The rolling window must hold at least 1 point (1 means no smoothing; 25 is a typical choice).");
    }

    private static bool IsConstant(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
            return true;
        foreach (var v in values)
        {
            if (v != values[0])
                return false;
        }
        return true;
    }
}
