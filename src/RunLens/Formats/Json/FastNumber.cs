using System.Runtime.CompilerServices;
using RunLens.Formats.Numbers;

namespace RunLens.Formats.Json;

/// <summary>
/// Parses the JSON numbers logs are full of (integers and short decimals) several times faster than the general
/// parser, and exactly: with at most 15 significant digits the mantissa is exact in a double and, for a power of
/// ten up to 10^22 (also exact), one multiplication or division is correctly rounded (Clinger's fast path). Up to 19
/// significant digits (Python's <c>repr</c> of a float prints up to 17, and most logged floats are such) go to
/// <see cref="FastFloat"/>'s Eisel-Lemire path, exact too. Anything else returns false and goes to the general parser.
/// </summary>
internal static class FastNumber
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    /// <summary>10^<paramref name="exponent"/> for 0 to 22, exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PowerOfTen(int exponent) => PowersOfTen[exponent];

    /// <summary>Parses a token the JSON reader has already validated as a number.</summary>
    /// <remarks>
    /// Inlined into the parser's loop: methods with loops are jitted once, without profile-guided inlining, when the
    /// app turns off quick jitting for loops, so the call structure here is chosen by hand.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> token, out double value) =>
        // Nearly every token in a log is a short integer or decimal: at most 15 bytes cannot hold more than 15
        // digits, so the significant-digit bookkeeping of the general path is not needed for them.
        token.Length is > 0 and <= 15 && TryShort(token, out value) || TryGeneral(token, out value);

    private static bool TryGeneral(ReadOnlySpan<byte> token, out double value)
    {
        value = 0;
        var i = 0;
        var negative = token.Length > 0 && token[0] == '-';
        if (negative)
            i = 1;
        ulong mantissa = 0;
        var significant = 0;
        var scale = 0;
        for (; i < token.Length; i++)
        {
            var d = (uint)(token[i] - '0');
            if (d > 9)
                break;
            if (mantissa != 0 || d != 0)
            {
                if (++significant > 15)
                    return Long(token, out value);
                mantissa = mantissa * 10 + d;
            }
        }
        if (i < token.Length && token[i] == '.')
        {
            for (i++; i < token.Length; i++)
            {
                var d = (uint)(token[i] - '0');
                if (d > 9)
                    break;
                scale--;
                if (mantissa != 0 || d != 0)
                {
                    if (++significant > 15)
                        return Long(token, out value);
                    mantissa = mantissa * 10 + d;
                }
            }
        }
        if (i < token.Length)
        {
            if ((token[i] | 0x20) != 'e' || !FastFloat.TryExponent(token[(i + 1)..], out var exponent))
                return false;
            scale += exponent;
        }
        if (scale is < -22 or > 22)
            return mantissa == 0 ? Zero(negative, out value) : Long(token, out value);
        var magnitude = scale >= 0 ? mantissa * PowersOfTen[scale] : mantissa / PowersOfTen[-scale];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>
    /// A token of at most 15 bytes without an exponent: the same value as the general path (leading zeros add
    /// nothing to the mantissa, and the scale is minus the count of fraction digits, at least -14).
    /// </summary>
    private static bool TryShort(ReadOnlySpan<byte> token, out double value)
    {
        var negative = token[0] == '-';
        var i = negative ? 1 : 0;
        ulong mantissa = 0;
        uint d;
        for (; i < token.Length && (d = (uint)(token[i] - '0')) <= 9; i++)
            mantissa = mantissa * 10 + d;
        var scale = 0;
        if (i < token.Length && token[i] == '.')
        {
            var fraction = ++i;
            for (; i < token.Length && (d = (uint)(token[i] - '0')) <= 9; i++)
                mantissa = mantissa * 10 + d;
            scale = fraction - i;
        }
        if (i < token.Length)
        {
            value = 0;
            return false;
        }
        var magnitude = scale == 0 ? (double)mantissa : mantissa / PowersOfTen[-scale];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>
    /// More than 15 significant digits, or a power of ten beyond 10^22: FastFloat's exact path, when the value is
    /// finite (an overflow to infinity is the general parser's to judge, as it was).
    /// </summary>
    private static bool Long(ReadOnlySpan<byte> token, out double value) =>
        FastFloat.TryParse(token, out value) && double.IsFinite(value);

    private static bool Zero(bool negative, out double value)
    {
        value = negative ? -0.0 : 0.0;
        return true;
    }
}
