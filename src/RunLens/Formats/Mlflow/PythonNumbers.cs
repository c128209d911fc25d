using System.Globalization;
using System.Text;

namespace RunLens.Formats.Mlflow;

/// <summary>
/// Reads numbers as Python's <c>float()</c> and <c>int()</c> read what MLflow wrote with <c>str()</c>: a float may be
/// <c>nan</c>, <c>inf</c>, <c>-inf</c> or <c>infinity</c> in any case. No surrounding whitespace: callers split first.
/// </summary>
internal static class PythonNumbers
{
    private const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Parses a float written as UTF-8 bytes.</summary>
    public static bool TryParseFloat(ReadOnlySpan<byte> text, out double value)
    {
        if (text.Length == 0)
        {
            value = 0;
            return false;
        }
        if (double.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out value))
            return true;
        var negative = text[0] == '-';
        var word = text[0] is (byte)'-' or (byte)'+' ? text[1..] : text;
        if (Ascii.EqualsIgnoreCase(word, "nan"u8))
        {
            value = double.NaN;
            return true;
        }
        if (Ascii.EqualsIgnoreCase(word, "inf"u8) || Ascii.EqualsIgnoreCase(word, "infinity"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        return false;
    }

    /// <summary>Parses a float given as text.</summary>
    public static bool TryParseFloat(string text, out double value)
    {
        if (text.Length == 0 || text.Length > 64 || !Ascii.IsValid(text))
        {
            value = 0;
            return false;
        }
        Span<byte> bytes = stackalloc byte[text.Length];
        Encoding.ASCII.GetBytes(text, bytes);
        return TryParseFloat(bytes, out value);
    }

    /// <summary>Parses an integer (an optional sign and decimal digits) written as UTF-8 bytes.</summary>
    public static bool TryParseInteger(ReadOnlySpan<byte> text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
