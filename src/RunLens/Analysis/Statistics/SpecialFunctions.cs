namespace RunLens;

/// <summary>
/// The few special functions the statistics need, written out so results do not depend on a package or on the
/// platform's libm beyond <see cref="Math.Log(double)"/> and <see cref="Math.Exp"/>. Accurate to a few ulps in the
/// ranges used here (arguments &gt; 0).
/// </summary>
internal static class SpecialFunctions
{
    private const double HalfLogTwoPi = 0.91893853320467274178032973640562; // ln(sqrt(2 pi))

    /// <summary>log(1 + x) without losing the digits of a small x (.NET 8 has no accurate Log1P).</summary>
    public static double Log1P(double x)
    {
        var u = 1 + x;
        // Goldberg's trick: the rounding error of 1 + x cancels in log(u) * x / (u - 1).
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>ln Gamma(x) for x &gt; 0: shifted up to x &gt;= 10, then Stirling's series with its remainder.</summary>
    public static double LogGamma(double x)
    {
        var product = 1.0;
        while (x < 10)
        {
            product *= x;
            x += 1;
        }
        return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + StirlingRemainder(x) - Math.Log(product);
    }

    /// <summary>
    /// ln Beta(a, b), written as R's <c>lbeta</c> so that a large argument (a t distribution with many degrees of
    /// freedom) does not subtract two large ln Gamma values and lose the digits of their small difference.
    /// </summary>
    public static double LogBeta(double a, double b)
    {
        var p = Math.Min(a, b);
        var q = Math.Max(a, b);
        if (p >= 10)
        {
            var corr = StirlingRemainder(p) + StirlingRemainder(q) - StirlingRemainder(p + q);
            return -0.5 * Math.Log(q) + HalfLogTwoPi + corr + (p - 0.5) * Math.Log(p / (p + q)) + q * Log1P(-p / (p + q));
        }
        if (q >= 10)
        {
            var corr = StirlingRemainder(q) - StirlingRemainder(p + q);
            return LogGamma(p) + corr + p - p * Math.Log(p + q) + (q - 0.5) * Log1P(-p / (p + q));
        }
        return LogGamma(p) + LogGamma(q) - LogGamma(p + q);
    }

    /// <summary>
    /// The regularized incomplete beta function I_x(a, b). The caller passes both x and y = 1 - x, each computed
    /// directly, because near x = 1 the digits of y would be lost by subtracting.
    /// </summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x, double y)
    {
        if (x <= 0)
            return 0;
        if (y <= 0)
            return 1;
        // Take the logarithm of the smaller of x and y directly and the other through Log1P.
        var logX = x <= 0.5 ? Math.Log(x) : Log1P(-y);
        var logY = y <= 0.5 ? Math.Log(y) : Log1P(-x);
        var logFront = a * logX + b * logY - LogBeta(a, b);
        // The continued fraction converges quickly only on this side (Numerical Recipes, 6.4); use the symmetry
        // I_x(a, b) = 1 - I_y(b, a) on the other.
        return x < (a + 1) / (a + b + 2)
            ? Math.Exp(logFront + LogBetaContinuedFraction(a, b, x, y)) / a
            : 1 - Math.Exp(logFront + LogBetaContinuedFraction(b, a, y, x)) / b;
    }

    /// <summary>
    /// I_x(a, b) by its power series <c>x^a y^b / (a B(a, b)) · sum_n (a+b)_n / (a+1)_n x^n</c>. All terms are
    /// positive, so nothing cancels; it takes about x (a + b) terms, and is used where the continued fraction is
    /// ill-conditioned (b huge, x (a + b) moderate).
    /// </summary>
    public static double IncompleteBetaSeries(double a, double b, double x, double y)
    {
        if (x <= 0)
            return 0;
        var logY = y <= 0.5 ? Math.Log(y) : Log1P(-x);
        double sum = 1, term = 1;
        for (var n = 1; n < 1_000_000; n++)
        {
            term *= x * (a + b + n - 1) / (a + n);
            sum += term;
            if (term < 1e-17 * sum)
                break;
        }
        return Math.Exp(a * Math.Log(x) + b * logY - LogBeta(a, b)) / a * sum;
    }

    // Stirling's remainder ln Gamma(x) - ((x - 1/2) ln x - x + ln sqrt(2 pi)) for x >= 10: eight terms of the
    // Bernoulli series B_2k / (2k (2k - 1) x^(2k - 1)); the next term is below 1e-17 at x = 10.
    private static double StirlingRemainder(double x)
    {
        var r = 1 / x;
        var r2 = r * r;
        return r * (1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680 + r2 * (1.0 / 1188
            + r2 * (-691.0 / 360360 + r2 * (1.0 / 156 + r2 * (-3617.0 / 122400))))))));
    }

    // The logarithm of the continued fraction of the incomplete beta function, by the modified Lentz method
    // (Numerical Recipes betacf). With a large a (a t distribution with many degrees of freedom) it takes tens of
    // thousands of factors delta that differ from 1 by less than an ulp; delta - 1 is computed from d - 1 and c - 1
    // directly and the factors are summed as Log1P(delta - 1), so none of them is rounded away.
    private static double LogBetaContinuedFraction(double a, double b, double x, double y)
    {
        const double Tiny = 1e-300;
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        // 1 - qab x / qap cancels badly when x is near 1 and a is large (it is about 1e-9 at df = 1e9): write it
        // as (1 - b + qab y) / qap from y = 1 - x instead.
        var d = x <= 0.5 ? 1 - qab * x / qap : (1 - b + qab * y) / qap;
        d = Math.Abs(d) < Tiny ? Tiny : d;
        d = 1 / d;
        var logH = Math.Log(Math.Abs(d));
        // Convergence takes O(sqrt(max(a, b))) terms; the cap only guards against a bug, never binds in practice.
        for (var m = 1; m <= 10_000_000; m++)
        {
            var m2 = 2 * m;
            var even = m * (b - m) * x / ((qam + m2) * (a + m2));
            logH += LentzStep(even, ref c, ref d, out var evenChange);
            var odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            logH += LentzStep(odd, ref c, ref d, out var oddChange);
            if (Math.Abs(evenChange) + Math.Abs(oddChange) < 1e-20)
                break;
        }
        return logH;

        static double LentzStep(double aa, ref double c, ref double d, out double deltaMinusOne)
        {
            var denominator = 1 + aa * d;
            var guarded = Math.Abs(denominator) < Tiny;
            var newD = 1 / (guarded ? Tiny : denominator);
            // d' - 1 = -aa d d' and c' - 1 = aa / c, both without subtracting numbers near 1.
            var dMinusOne = guarded ? newD - 1 : -aa * d * newD;
            var cMinusOne = aa / c;
            var newC = 1 + cMinusOne;
            if (Math.Abs(newC) < Tiny)
            {
                newC = Tiny;
                cMinusOne = Tiny - 1;
            }
            d = newD;
            c = newC;
            deltaMinusOne = dMinusOne + cMinusOne + dMinusOne * cMinusOne;
            return Math.Abs(deltaMinusOne) < 0.5 ? Log1P(deltaMinusOne) : Math.Log(Math.Abs(1 + deltaMinusOne));
        }
    }
}
