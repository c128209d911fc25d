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
        var front = Math.Exp(a * logX + b * logY - LogBeta(a, b));
        // The continued fraction converges quickly only on this side (Numerical Recipes, 6.4); use the symmetry
        // I_x(a, b) = 1 - I_y(b, a) on the other.
        return x < (a + 1) / (a + b + 2)
            ? front * BetaContinuedFraction(a, b, x) / a
            : 1 - front * BetaContinuedFraction(b, a, y) / b;
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

    // The continued fraction of the incomplete beta function by the modified Lentz method (Numerical Recipes betacf).
    private static double BetaContinuedFraction(double a, double b, double x)
    {
        const double Tiny = 1e-300;
        const double Epsilon = 1e-16;
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 - qab * x / qap;
        d = Math.Abs(d) < Tiny ? Tiny : d;
        d = 1 / d;
        var h = d;
        // Convergence takes O(sqrt(max(a, b))) terms; the cap only guards against a bug, never binds in practice.
        for (var m = 1; m <= 1_000_000; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + aa / c;
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + aa / c;
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
                break;
        }
        return h;
    }
}
