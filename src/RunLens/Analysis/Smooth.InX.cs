using System.Globalization;

namespace RunLens;

// Smoothers that measure distance in x units (steps, seconds) instead of counting points, so two runs logged at
// different rates, or one run with uneven spacing, are smoothed alike.
public static partial class Smooth
{
    /// <summary>
    /// How many units the whole x range counts for in <see cref="TimeWeightedEma"/>: a gap of 1/1000 of the range
    /// decays the past by one factor of the weight. W&amp;B's documentation names this constant
    /// (<c>VIEWPORT_SCALE</c>, "scales the result to the chart's x-axis range") but does not give its value, and its
    /// front-end source is not public. 1000 is an assumption (a public re-implementation uses the same), not a
    /// confirmed copy of W&amp;B's constant.
    /// </summary>
    public const double TimeWeightedEmaScale = 1000;

    /// <summary>
    /// W&amp;B's time-weighted exponential moving average (TWEMA, its default smoothing), with the decay measured in x
    /// units: with <c>w = min(sqrt(weight), 0.999)</c>, each finite point decays the past by
    /// <c>adj = w^((x_i - x_prev) / rangeX * <see cref="TimeWeightedEmaScale"/>)</c>, then
    /// <c>lastY = lastY * adj + y</c>, <c>debias = debias * adj + 1</c> and the output is <c>lastY / debias</c>.
    /// <c>rangeX</c> is <c>x[last] - x[0]</c>, and <c>x_prev</c> is the x of the previous finite point.
    /// Because the decay depends on where points sit and not on how many there are, evenly spaced points give the same
    /// curve whatever the x scale, and a dense and a sparse run of the same process smooth alike.
    /// NaN and infinite values pass through unchanged and do not advance the filter; a constant series is returned
    /// unchanged. Points at the same x (allowed here) decay nothing between them, so they are averaged with equal weight.
    /// </summary>
    /// <param name="x">The x of each value (steps, seconds), finite and non-decreasing.</param>
    /// <param name="values">The values, one per x.</param>
    /// <param name="weight">W&amp;B's smoothing parameter in [0, 1]: 0 is no smoothing; it is square-rooted and capped at 0.999.</param>
    /// <returns>A new array of the same length as <paramref name="values"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The weight is not in [0, 1].</exception>
    /// <exception cref="ArgumentException">The lengths differ, or an x is not finite or is less than the one before it.</exception>
    public static double[] TimeWeightedEma(ReadOnlySpan<double> x, ReadOnlySpan<double> values, double weight = 0.6)
    {
        CheckTimeWeightedEmaWeight(weight);
        CheckX(x, values, distinct: false);
        var result = values.ToArray();
        // As in Ema (TensorBoard #786): lastY / debias of a constant c is c only up to rounding; a flat line stays flat.
        if (IsConstant(values))
            return result;
        var w = Math.Min(Math.Sqrt(weight), 0.999);
        var range = x.Length == 0 ? 0 : x[^1] - x[0];
        double lastY = 0, debias = 0;
        var previousX = double.NaN;
        for (var i = 0; i < values.Length; i++)
        {
            var y = values[i];
            if (!double.IsFinite(y))
                continue;
            // W&B's first point has a gap of 0 (adj = 1). All points at one x (range 0) would divide 0 by 0 there; no
            // distance means no decay, so the result is the running mean.
            var gap = double.IsNaN(previousX) || range == 0 ? 0 : (x[i] - previousX) / range * TimeWeightedEmaScale;
            var adj = Math.Pow(w, gap);
            lastY = lastY * adj + y;
            debias = debias * adj + 1;
            result[i] = lastY / debias;
            previousX = x[i];
        }
        return result;
    }

    /// <summary>
    /// A centred Gaussian kernel smoother in x units: each finite value becomes the weighted mean of the finite values
    /// within 3 sigma of its x, with weights <c>exp(-(dx^2) / (2 sigma^2))</c> normalised over those neighbours. It looks
    /// both ways, so it does not lag, and because distance is in x units it handles uneven spacing (W&amp;B advises it
    /// then). Non-finite values pass through unchanged and are left out of every mean; a constant series is returned
    /// unchanged. Costs O(length x points within 3 sigma).
    /// </summary>
    /// <param name="x">The x of each value, finite and non-decreasing.</param>
    /// <param name="values">The values, one per x.</param>
    /// <param name="sigma">The kernel's standard deviation in x units, finite and greater than 0.</param>
    /// <returns>A new array of the same length as <paramref name="values"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Sigma is not finite and greater than 0.</exception>
    /// <exception cref="ArgumentException">The lengths differ, or an x is not finite or is less than the one before it.</exception>
    public static double[] Gaussian(ReadOnlySpan<double> x, ReadOnlySpan<double> values, double sigma)
    {
        CheckSigma(sigma);
        CheckX(x, values, distinct: false);
        var result = values.ToArray();
        if (IsConstant(values))
            return result;
        var reach = 3 * sigma;
        var twoSigmaSquared = 2 * sigma * sigma;
        var first = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                continue;
            // x is sorted, so the window's left edge only moves right.
            while (x[i] - x[first] > reach)
                first++;
            // Summed afresh per point, for the same reason as WindowMean: no spike residue from a running sum.
            double sum = 0, weights = 0;
            for (var j = first; j < values.Length && x[j] - x[i] <= reach; j++)
            {
                if (!double.IsFinite(values[j]))
                    continue;
                var dx = x[j] - x[i];
                var k = Math.Exp(-(dx * dx) / twoSigmaSquared);
                sum += k * values[j];
                weights += k;
            }
            // The point itself is in its window with weight 1, so weights >= 1.
            result[i] = sum / weights;
        }
        return result;
    }

    internal static void CheckTimeWeightedEmaWeight(double weight)
    {
        if (!(weight >= 0 && weight <= 1))
            throw new ArgumentOutOfRangeException(nameof(weight), weight,
                "The time-weighted EMA weight must be in [0, 1]: 0 means no smoothing, 0.6 is the default; " +
                "as in W&B it is square-rooted and capped at 0.999.");
    }

    internal static void CheckSigma(double sigma)
    {
        if (!(double.IsFinite(sigma) && sigma > 0))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma,
                "The Gaussian sigma must be finite and greater than 0, in x units (steps): about 1% of the x range is a mild choice.");
    }

    /// <summary>
    /// Checks that x has one finite value per value, in order: non-decreasing, or strictly increasing when
    /// <paramref name="distinct"/> (repeated x are then reported with a pointer to <see cref="MergeDuplicateSteps"/>).
    /// </summary>
    internal static void CheckX(ReadOnlySpan<double> x, ReadOnlySpan<double> values, bool distinct)
    {
        if (x.Length != values.Length)
            throw new ArgumentException(
                $"x has {x.Length} values but there are {values.Length} values to smooth: give one x per value.", nameof(x));
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"x[{i}] is {x[i]}: every x must be a finite number."), nameof(x));
            if (i == 0)
                continue;
            if (x[i] < x[i - 1])
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"x must be in increasing order, but x[{i}] = {x[i]} comes after x[{i - 1}] = {x[i - 1]}: sort the points by x first."),
                    nameof(x));
            if (distinct && x[i] == x[i - 1])
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"x[{i - 1}] and x[{i}] are both {x[i]}: smoothing expects one value per x. ") +
                    "Merge repeated steps first with Smooth.MergeDuplicateSteps (the mean of the values logged at each step), " +
                    "so a repeated step does not count twice (TensorBoard #5870).",
                    nameof(x));
        }
    }
}
