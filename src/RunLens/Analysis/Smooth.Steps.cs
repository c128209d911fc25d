using System.Globalization;

namespace RunLens;

// Duplicate steps, handled explicitly. A resumed or restarted run logs the same step twice; TensorBoard then smooths
// both points as if they were consecutive steps and draws a zig-zag (tensorflow/tensorboard #5870). Here the caller
// merges them first, and Smoothing.Apply(x, values) refuses repeated x instead of guessing.
public static partial class Smooth
{
    /// <summary>
    /// Merges the values logged at the same step: returns each distinct step once, with the mean of its finite values
    /// and how many values were logged there. Steps must already be sorted (non-decreasing); a series read in file
    /// order usually is, and a resumed run that went back in steps must be sorted by the caller, who knows which
    /// records should win. A step whose values are all non-finite keeps that value when they are all the same (a lone
    /// NaN stays NaN, a lone infinity stays infinite) and is NaN otherwise.
    /// </summary>
    /// <param name="steps">The step of each value, sorted in non-decreasing order.</param>
    /// <param name="values">The values, one per step.</param>
    /// <returns>
    /// <c>Steps</c>: the distinct steps in order. <c>Means</c>: the mean of the finite values at each step.
    /// <c>Counts</c>: how many values were logged at each step (finite or not), so a caller can show where merging happened.
    /// </returns>
    /// <exception cref="ArgumentException">The lengths differ, or a step is less than the one before it.</exception>
    /// <example><code>var (steps, means, counts) = Smooth.MergeDuplicateSteps(run.Steps, run.Values);</code></example>
    public static (long[] Steps, double[] Means, int[] Counts) MergeDuplicateSteps(ReadOnlySpan<long> steps, ReadOnlySpan<double> values)
    {
        if (steps.Length != values.Length)
            throw new ArgumentException(
                $"There are {steps.Length} steps but {values.Length} values: give one step per value.", nameof(steps));
        var distinct = 0;
        for (var i = 0; i < steps.Length; i++)
        {
            if (i > 0 && steps[i] < steps[i - 1])
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"Steps must be sorted, but steps[{i}] = {steps[i]} comes after steps[{i - 1}] = {steps[i - 1]}: ") +
                    "sort the points by step first (a stable sort keeps records at the same step in file order).",
                    nameof(steps));
            if (i == 0 || steps[i] != steps[i - 1])
                distinct++;
        }
        var outSteps = new long[distinct];
        var means = new double[distinct];
        var counts = new int[distinct];
        var start = 0;
        for (var k = 0; k < distinct; k++)
        {
            var end = start + 1;
            while (end < steps.Length && steps[end] == steps[start])
                end++;
            outSteps[k] = steps[start];
            means[k] = MeanOfFinite(values[start..end]);
            counts[k] = end - start;
            start = end;
        }
        return (outSteps, means, counts);
    }

    private static double MeanOfFinite(ReadOnlySpan<double> values)
    {
        double sum = 0;
        var finite = 0;
        var sameNonFinite = true;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                sum += v;
                finite++;
            }
            else if (!v.Equals(values[0]))
            {
                // Equals, not ==: NaN.Equals(NaN) is true, so several NaN count as the same.
                sameNonFinite = false;
            }
        }
        if (finite > 0)
            return sum / finite;
        return sameNonFinite ? values[0] : double.NaN;
    }
}
