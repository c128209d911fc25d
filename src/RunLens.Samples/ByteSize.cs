using System.Globalization;

namespace RunLens.Samples;

/// <summary>Sizes written the way people type them: <c>200MB</c>, <c>2GB</c>, <c>0.2GB</c> (decimal units: 1 GB = 10^9 bytes).</summary>
public static class ByteSize
{
    private static readonly (string Unit, long Factor)[] Units =
        [("TB", 1_000_000_000_000), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000), ("B", 1)];

    /// <summary>Parses a size such as <c>200MB</c> or <c>0.2 GB</c> (case-insensitive; a bare number is bytes).</summary>
    /// <exception cref="FormatException">The text is not a positive size.</exception>
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        long factor = 1;
        foreach (var (unit, f) in Units)
        {
            if (trimmed.EndsWith(unit, StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed[..^unit.Length].TrimEnd();
                factor = f;
                break;
            }
        }
        if (!double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || number <= 0 || number * factor > long.MaxValue)
            throw new FormatException($"'{text}' is not a size. Write a positive number with a unit, for example 200MB or 2GB.");
        return (long)Math.Round(number * factor);
    }

    /// <summary>The size in the largest unit that keeps it readable, for example <c>2GB</c>, <c>200MB</c>, <c>1.5GB</c>.</summary>
    public static string Format(long bytes)
    {
        foreach (var (unit, factor) in Units)
        {
            if (bytes >= factor || factor == 1)
                return (bytes / (double)factor).ToString("0.###", CultureInfo.InvariantCulture) + unit;
        }
        return bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }
}
