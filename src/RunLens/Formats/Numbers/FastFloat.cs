using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RunLens.Formats.Numbers;

/// <summary>
/// Parses decimal numbers of up to 19 significant digits to the nearest double, exactly as <see cref="double.Parse(string)"/>
/// does, several times faster: Clinger's fast path when the digits and the power of ten are both exact doubles, else
/// the Eisel-Lemire algorithm (Daniel Lemire, "Number Parsing at a Gigabyte per Second", 2021, as in fast_float and in
/// .NET's own parser, which spends most of its time before it gets there). With at most 19 digits the 128-bit product
/// is always precise enough (Mushtak and Lemire, "Fast Number Parsing Without Fallback", 2023). Python's
/// <c>repr(float)</c> prints up to 17 digits, which is what SB3's and Ray Tune's CSVs hold.
/// </summary>
/// <remarks>Anything else (more digits, hexadecimal, words, odd shapes) returns false, for the general parser.</remarks>
internal static partial class FastFloat
{
    internal const int SmallestPowerOfTen = -342;
    internal const int LargestPowerOfTen = 308;

    private static readonly double[] ExactPowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Parses <c>[+-]?digits(.digits)?([eE][+-]?digits)?</c> (digits on both sides of a point) with at most 19
    /// significant digits and an exponent of at most 4 digits. False for any other text, which may still be a number.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] is (byte)'-' or (byte)'+')
        {
            negative = text[0] == '-';
            i = 1;
        }
        // Leading zeros (and the point among them) add nothing to the mantissa and are not significant digits.
        var zeros = 0;
        for (var z = i; z < text.Length && text[z] is (byte)'0' or (byte)'.'; z++)
            zeros += text[z] == '0' ? 1 : 0;
        ulong mantissa = 0;
        var start = i;
        i = Digits(text, i, ref mantissa);
        if (i == start)
            return false;
        var digits = i - start;
        long exponent = 0;
        if (i < text.Length && text[i] == '.')
        {
            var fraction = ++i;
            i = Digits(text, i, ref mantissa);
            if (i == fraction)
                return false;
            exponent = fraction - i;
            digits += i - fraction;
        }
        // Past 19 digits the mantissa has wrapped: the general parser rounds those.
        if (digits - zeros > 19)
            return false;
        if (i < text.Length)
        {
            if ((text[i] | 0x20) != 'e' || !TryExponent(text[(i + 1)..], out var e))
                return false;
            exponent += e;
        }
        value = Compute(mantissa, exponent, negative);
        return true;
    }

    /// <summary>
    /// Folds the digits from <paramref name="i"/> into <paramref name="mantissa"/> (wrapping past 19 significant digits,
    /// which the caller rejects); returns where they end. Eight at a time while there are eight (fast_float's SWAR:
    /// one check that all eight bytes are digits, three multiplications to combine them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digits(ReadOnlySpan<byte> text, int i, ref ulong mantissa)
    {
        while (text.Length - i >= 8)
        {
            var chunk = BinaryPrimitives.ReadUInt64LittleEndian(text[i..]);
            if (((chunk & 0xF0F0F0F0F0F0F0F0) | (((chunk + 0x0606060606060606) & 0xF0F0F0F0F0F0F0F0) >> 4)) != 0x3333333333333333)
                break;
            chunk -= 0x3030303030303030;
            chunk = chunk * 10 + (chunk >> 8);
            chunk = (((chunk & 0x000000FF000000FF) * 0x000F424000000064) + (((chunk >> 16) & 0x000000FF000000FF) * 0x0000271000000001)) >> 32;
            mantissa = unchecked(mantissa * 100_000_000 + (uint)chunk);
            i += 8;
        }
        uint d;
        for (; i < text.Length && (d = (uint)(text[i] - '0')) <= 9; i++)
            mantissa = unchecked(mantissa * 10 + d);
        return i;
    }

    /// <summary>An exponent of at most 4 digits after the e, with its sign; false for anything else.</summary>
    internal static bool TryExponent(ReadOnlySpan<byte> digits, out int exponent)
    {
        exponent = 0;
        var negative = false;
        if (digits.Length > 0 && digits[0] is (byte)'+' or (byte)'-')
        {
            negative = digits[0] == '-';
            digits = digits[1..];
        }
        if (digits.Length is 0 or > 4)
            return false;
        foreach (var c in digits)
        {
            var d = (uint)(c - '0');
            if (d > 9)
                return false;
            exponent = exponent * 10 + (int)d;
        }
        if (negative)
            exponent = -exponent;
        return true;
    }

    /// <summary>The double nearest to <paramref name="w"/> × 10^<paramref name="q"/> (w exact, at most 19 digits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Compute(ulong w, long q, bool negative)
    {
        double magnitude;
        // Clinger: both exact, so one correctly rounded operation.
        if (w <= 1UL << 53 && q is >= -22 and <= 22)
            magnitude = q >= 0 ? w * ExactPowersOfTen[q] : w / ExactPowersOfTen[-q];
        else
            magnitude = EiselLemire(w, q);
        return negative ? -magnitude : magnitude;
    }

    private static double EiselLemire(ulong w, long q)
    {
        if (w == 0 || q < SmallestPowerOfTen)
            return 0;
        if (q > LargestPowerOfTen)
            return double.PositiveInfinity;
        var lz = BitOperations.LeadingZeroCount(w);
        w <<= lz;
        var index = 2 * (int)(q - SmallestPowerOfTen);
        var high = Math.BigMul(w, PowersOfFive[index], out var low);
        // 52 mantissa bits + 3: when the bits below them are all ones, the low half of the power can carry into them.
        const ulong precisionMask = ulong.MaxValue >> 55;
        if ((high & precisionMask) == precisionMask)
        {
            var secondHigh = Math.BigMul(w, PowersOfFive[index + 1], out _);
            low += secondHigh;
            if (secondHigh > low)
                high++;
        }
        var upperBit = (int)(high >> 63);
        var mantissa = high >> (upperBit + 64 - 52 - 3);
        // power(q) = floor(q * log2(10)) + 63; the minimum exponent of a double is -1023.
        var power2 = (int)((((152170 + 65536) * q) >> 16) + 63) + upperBit - lz + 1023;
        if (power2 <= 0)
        {
            // Subnormal (or zero).
            if (-power2 + 1 >= 64)
                return 0;
            mantissa >>= -power2 + 1;
            mantissa += mantissa & 1;
            mantissa >>= 1;
            power2 = mantissa < 1UL << 52 ? 0 : 1;
            return BitConverter.UInt64BitsToDouble(mantissa | ((ulong)power2 << 52));
        }
        // Exactly halfway between two doubles (only possible for small q): round to even, not up.
        if (low <= 1 && q is >= -4 and <= 23 && (mantissa & 3) == 1 && mantissa << (upperBit + 64 - 52 - 3) == high)
            mantissa &= ~1UL;
        mantissa += mantissa & 1;
        mantissa >>= 1;
        if (mantissa >= 2UL << 52)
        {
            mantissa = 1UL << 52;
            power2++;
        }
        mantissa &= ~(1UL << 52);
        if (power2 >= 0x7FF)
            return double.PositiveInfinity;
        return BitConverter.UInt64BitsToDouble(mantissa | ((ulong)power2 << 52));
    }
}
