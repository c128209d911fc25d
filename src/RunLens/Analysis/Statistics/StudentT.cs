using System.Globalization;

namespace RunLens;

/// <summary>
/// Student's t distribution: its quantiles and the t confidence interval of a mean, the default band when a few
/// seeds are averaged (a normal z would be too narrow for three seeds).
/// </summary>
public static class StudentT
{
    /// <summary>
    /// The inverse of the t distribution's CDF: the value t with P(T &lt;= t) = <paramref name="p"/>. Computed by
    /// Newton's method on the tail probability 0.5 I_(df/(df+t^2))(df/2, 1/2) (regularized incomplete beta), which
    /// is convex in t, so the iteration approaches the root from one side and cannot diverge. Absolute error below
    /// 1e-10 (checked against mpmath at 40 digits) up to 1e7 degrees of freedom, and for any degrees of freedom when
    /// |t| &lt; 5; beyond both, a few 1e-9.
    /// </summary>
    /// <param name="p">The probability, in [0, 1]; 0 and 1 give negative and positive infinity.</param>
    /// <param name="degreesOfFreedom">The degrees of freedom, finite and &gt; 0 (not necessarily a whole number).</param>
    /// <returns>The quantile; <c>Quantile(1 - p) == -Quantile(p)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1] or NaN, or the degrees of freedom are not finite and positive.</exception>
    /// <example>
    /// <code>
    /// StudentT.Quantile(0.975, 2)   // 4.302652729...
    /// StudentT.Quantile(0.025, 2)   // -4.302652729...
    /// </code>
    /// </example>
    public static double Quantile(double p, double degreesOfFreedom)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, "The probability must be in [0, 1].");
        if (!(degreesOfFreedom > 0) || double.IsInfinity(degreesOfFreedom))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "The degrees of freedom must be finite and greater than 0.");
        if (p == 0)
            return double.NegativeInfinity;
        if (p == 1)
            return double.PositiveInfinity;
        if (p == 0.5)
            return 0;
        // Work with the smaller tail probability: 1 - p is exact for p >= 0.5 (Sterbenz), and a tiny p keeps its digits.
        var tail = p < 0.5 ? p : 1 - p;
        var t = UpperQuantile(tail, degreesOfFreedom);
        return p < 0.5 ? -t : t;
    }

    /// <summary>
    /// The mean of <paramref name="values"/> with its Student-t confidence interval
    /// <c>mean ± t_((1+c)/2, n-1) · s / sqrt(n)</c>, where s is the sample standard deviation (n - 1 in the divisor).
    /// </summary>
    /// <param name="values">The values, for example one final score per seed. NaN is refused: leave missing runs out.</param>
    /// <param name="confidence">The confidence level, in (0, 1); 0.95 by default.</param>
    /// <returns>
    /// The interval, with <see cref="Interval.Method"/> "student-t 95%" (for 0.95). With fewer than two values the
    /// bounds are NaN (no spread can be estimated); with none the estimate is NaN too.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">The confidence is not in (0, 1).</exception>
    /// <exception cref="ArgumentException">A value is NaN.</exception>
    /// <example>
    /// <code>
    /// var ci = StudentT.MeanInterval([1.0, 2.0, 3.0]);
    /// // 2 ± 4.302652730 · 1 / sqrt(3): ci.Lower ~ -0.4841, ci.Upper ~ 4.4841
    /// </code>
    /// </example>
    public static Interval MeanInterval(ReadOnlySpan<double> values, double confidence = 0.95)
    {
        CheckConfidence(confidence, nameof(confidence));
        var method = "student-t " + FormatConfidence(confidence);
        var n = values.Length;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            if (double.IsNaN(values[i]))
                throw new ArgumentException($"Value {i} is NaN. Leave missing or failed runs out of the values instead of passing NaN.", nameof(values));
            sum += values[i];
        }
        if (n == 0)
            return new Interval(double.NaN, double.NaN, double.NaN, method);
        var mean = sum / n;
        if (n < 2)
            return new Interval(mean, double.NaN, double.NaN, method);
        double squares = 0;
        for (var i = 0; i < n; i++)
            squares += (values[i] - mean) * (values[i] - mean);
        var sd = Math.Sqrt(squares / (n - 1));
        var half = Quantile((1 + confidence) / 2, n - 1) * sd / Math.Sqrt(n);
        return new Interval(mean, mean - half, mean + half, method);
    }

    /// <summary>"95%" for 0.95, "97.5%" for 0.975: the confidence as people write it, culture-invariant.</summary>
    internal static string FormatConfidence(double confidence) =>
        (confidence * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    internal static void CheckConfidence(double confidence, string name)
    {
        if (!(confidence > 0 && confidence < 1))
            throw new ArgumentOutOfRangeException(name, confidence, "The confidence level must be in (0, 1), for example 0.95.");
    }

    /// <summary>P(T &gt; t) for t &gt;= 0.</summary>
    internal static double UpperTail(double t, double df)
    {
        // x = df / (df + t^2) and y = 1 - x, each computed without subtracting, through s = t / sqrt(df).
        var s = t / Math.Sqrt(df);
        var s2 = s * s;
        if (double.IsInfinity(s2))
            return 0;
        var x = 1 / (1 + s2);
        var y = s2 / (1 + s2);
        // With very many degrees of freedom the continued fraction near x = 1 is ill-conditioned (1e-8 relative
        // error at df = 1e9); the central probability's positive series is exact to rounding there, and below
        // t = 5 (density > 1e-6) the subtraction from 1 costs less than 1e-10 in t.
        if (df > 1e5 && t < 5)
            return 0.5 - 0.5 * SpecialFunctions.IncompleteBetaSeries(0.5, df / 2, y, x);
        return 0.5 * SpecialFunctions.RegularizedIncompleteBeta(df / 2, 0.5, x, y);
    }

    /// <summary>The density of the t distribution.</summary>
    internal static double Density(double t, double df) =>
        Math.Exp(-SpecialFunctions.LogBeta(df / 2, 0.5) - 0.5 * Math.Log(df)
                 - (df + 1) / 2 * SpecialFunctions.Log1P(t * t / df));

    // The t >= 0 with P(T > t) = tail, for tail in (0, 0.5).
    private static double UpperQuantile(double tail, double df)
    {
        // Start at the normal quantile (Abramowitz and Stegun 26.2.23, error < 4.5e-4). The tail is a convex,
        // decreasing function of t >= 0, so every Newton step lands at or left of the root and the following steps
        // climb to it monotonically: no bracketing is needed, and heavy tails (df near 0) only cost more steps.
        var w = Math.Sqrt(-2 * Math.Log(tail));
        var t = w - (2.515517 + w * (0.802853 + w * 0.010328)) / (1 + w * (1.432788 + w * (0.189269 + w * 0.001308)));
        t = Math.Max(t, 0);
        for (var iteration = 0; iteration < 10_000; iteration++)
        {
            var density = Density(t, df);
            if (!(density > 0))
                break;
            var step = (UpperTail(t, df) - tail) / density;
            var next = Math.Max(t + step, 0);
            var converged = Math.Abs(next - t) <= 1e-13 * next;
            t = next;
            // Newton converges quadratically: once a step is 1e-13 of t, what is left is far below it.
            if (converged)
                break;
        }
        return t;
    }
}
