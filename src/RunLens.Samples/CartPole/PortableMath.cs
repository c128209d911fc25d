namespace RunLens.Samples.CartPole;

/// <summary>
/// exp, log, tanh, sin and cos from +, -, *, / and exact scaling only. System.Math delegates these to the platform's C
/// library, whose last bits differ between Windows, Linux and macOS, and a training run amplifies one differing bit
/// into a different run. These are accurate to a few ulps and give the same bits everywhere.
/// </summary>
internal static class PortableMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01; // fdlibm's split of ln 2: Ln2Hi * k is exact for |k| < 2^20
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double PiOver2Hi = 1.57079632673412561417e+00; // likewise for pi / 2
    private const double PiOver2Lo = 6.07710050650619224932e-11;
    private const double Sqrt2 = 1.4142135623730951;

    public static double Exp(double x)
    {
        if (double.IsNaN(x))
            return x;
        if (x > 709.782712893384)
            return double.PositiveInfinity;
        if (x < -745.2)
            return 0;
        var k = Math.Round(x * 1.4426950408889634); // x / ln 2, to nearest
        var r = x - k * Ln2Hi - k * Ln2Lo; // |r| <= ln 2 / 2
        // Taylor series to r^13 / 13!: the remainder is below 2^-55 relative.
        var p = 1.0 / 6227020800;
        p = p * r + 1.0 / 479001600;
        p = p * r + 1.0 / 39916800;
        p = p * r + 1.0 / 3628800;
        p = p * r + 1.0 / 362880;
        p = p * r + 1.0 / 40320;
        p = p * r + 1.0 / 5040;
        p = p * r + 1.0 / 720;
        p = p * r + 1.0 / 120;
        p = p * r + 1.0 / 24;
        p = p * r + 1.0 / 6;
        p = p * r + 0.5;
        p = p * r + 1;
        p = p * r + 1;
        return Math.ScaleB(p, (int)k);
    }

    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0)
            return double.NaN;
        if (x == 0)
            return double.NegativeInfinity;
        if (double.IsPositiveInfinity(x))
            return x;
        var e = 0;
        if (x < 2.2250738585072014E-308) // subnormal: scale into the normal range first
        {
            x *= 18014398509481984.0; // 2^54
            e = -54;
        }
        var bits = BitConverter.DoubleToInt64Bits(x);
        e += (int)((bits >> 52) & 0x7FF) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L); // [1, 2)
        if (m > Sqrt2)
        {
            m *= 0.5;
            e++;
        }
        // log m = 2 atanh(s) with s = (m - 1) / (m + 1), |s| <= 0.172: odd series to s^23.
        var s = (m - 1) / (m + 1);
        var s2 = s * s;
        var q = 1.0 / 23;
        for (var n = 21; n >= 1; n -= 2)
            q = q * s2 + 1.0 / n;
        return e * Ln2Hi + (2 * s * q + e * Ln2Lo);
    }

    public static double Tanh(double x)
    {
        var a = Math.Abs(x);
        if (a > 22)
            return Math.Sign(x);
        var e = Exp(-2 * a);
        var t = (1 - e) / (1 + e);
        return x < 0 ? -t : t;
    }

    public static double Sin(double x) => SinCos(x, 0);

    public static double Cos(double x) => SinCos(x, 1);

    /// <summary>sin(x + quarter * pi / 2), reduced to |r| &lt;= pi / 4 (Cody-Waite: exact enough for |x| below 10^5).</summary>
    private static double SinCos(double x, int quarter)
    {
        if (!double.IsFinite(x))
            return double.NaN;
        var k = Math.Round(x * 0.63661977236758134); // x / (pi / 2)
        var r = x - k * PiOver2Hi - k * PiOver2Lo;
        var q = (((long)k + quarter) % 4 + 4) % 4;
        var r2 = r * r;
        return q switch
        {
            0 => SinSeries(r, r2),
            1 => CosSeries(r2),
            2 => -SinSeries(r, r2),
            _ => -CosSeries(r2),
        };
    }

    private static double SinSeries(double r, double r2)
    {
        var p = -1.0 / 121645100408832000; // -1 / 19!
        p = p * r2 + 1.0 / 355687428096000;
        p = p * r2 - 1.0 / 1307674368000;
        p = p * r2 + 1.0 / 6227020800;
        p = p * r2 - 1.0 / 39916800;
        p = p * r2 + 1.0 / 362880;
        p = p * r2 - 1.0 / 5040;
        p = p * r2 + 1.0 / 120;
        p = p * r2 - 1.0 / 6;
        return r + r * r2 * p;
    }

    private static double CosSeries(double r2)
    {
        var p = 1.0 / 6402373705728000; // 1 / 18!
        p = p * r2 - 1.0 / 20922789888000;
        p = p * r2 + 1.0 / 87178291200;
        p = p * r2 - 1.0 / 479001600;
        p = p * r2 + 1.0 / 3628800;
        p = p * r2 - 1.0 / 40320;
        p = p * r2 + 1.0 / 720;
        p = p * r2 - 1.0 / 24;
        p = p * r2 + 0.5;
        return 1 - r2 * p;
    }
}
