using System.Globalization;
using System.Text;

namespace RunLens;

/// <summary>
/// Formats a double exactly as Python's <c>repr(float)</c> does (which is what <c>str</c> gives and what MLflow writes
/// to metric files): the shortest round-trip digits, scientific notation when the decimal exponent is below -4 or
/// above 15 (<c>1e-05</c>, <c>1e+16</c>), otherwise positional with at least one decimal (<c>1.0</c>, <c>100.0</c>),
/// and <c>nan</c>, <c>inf</c>, <c>-inf</c>.
/// </summary>
internal static class PythonFloat
{
    /// <summary>The text Python's <c>repr</c> gives for <paramref name="value"/>.</summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
            return "nan";
        if (double.IsInfinity(value))
            return value > 0 ? "inf" : "-inf";

        // .NET's "R" gives the same shortest round-trip digits as Python; only the layout differs.
        var (digits, pointPosition) = ShortestDigits(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        var text = new StringBuilder(32);
        if (double.IsNegative(value))
            text.Append('-');

        // Python's float_repr_style 'short': value = 0.<digits> * 10^pointPosition.
        if (pointPosition is <= -4 or > 16)
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
                text.Append('.').Append(digits, 1, digits.Length - 1);
            var exponent = pointPosition - 1;
            text.Append('e').Append(exponent < 0 ? '-' : '+')
                .Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (pointPosition <= 0)
        {
            text.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (pointPosition < digits.Length)
        {
            text.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
        }
        else
        {
            text.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
        }

        return text.ToString();
    }

    // Splits "123.45", "1E-05" or "1.5E+16" into significant digits without leading or trailing zeros and the
    // position of the decimal point relative to the first digit.
    private static (string Digits, int PointPosition) ShortestDigits(string roundTrip)
    {
        var exponentAt = roundTrip.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot < 0 ? mantissa.Length : dot;
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);

        var leadingZeros = 0;
        while (leadingZeros < digits.Length && digits[leadingZeros] == '0')
            leadingZeros++;
        digits = digits[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0)
            return ("0", 1);
        return (digits, integerDigits + exponent - leadingZeros);
    }
}
