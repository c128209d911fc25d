using System.IO.Compression;
using System.Text.Json;

namespace RunLens;

/// <summary>What the two log writers share: opening files and writing numbers that may not be finite.</summary>
internal static class LogJson
{
    // Flushing in blocks keeps memory bounded without paying a stream call per record.
    public const int FlushThreshold = 64 * 1024;

    public static ReadOnlySpan<byte> NaN => "NaN"u8;
    public static ReadOnlySpan<byte> PositiveInfinity => "Infinity"u8;
    public static ReadOnlySpan<byte> NegativeInfinity => "-Infinity"u8;

    /// <summary>
    /// Opens a file for writing; a <c>.gz</c> name gets a gzip stream (a new gzip member when appending). Bytes reach
    /// the file only on a flush (<see cref="WholeWrites"/>), which the writers call between records.
    /// </summary>
    public static Stream Open(string path, bool append)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        // bufferSize 0: no FileStream buffer that could split a record; WholeWrites is the buffer.
        var file = new WholeWrites(new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0));
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: false)
            : file;
    }

    /// <summary>True for a stream <see cref="Open"/> made for a <c>.gz</c> name.</summary>
    public static bool IsCompressed(Stream stream) => stream is GZipStream;

    public static void Validate(NonFiniteHandling handling, string paramName)
    {
        if (handling is not (NonFiniteHandling.Throw or NonFiniteHandling.PythonLiterals))
            throw new ArgumentOutOfRangeException(paramName, handling, "Use NonFiniteHandling.Throw or NonFiniteHandling.PythonLiterals.");
    }

    public static void ThrowNonFinite(string what, double value, string paramName) =>
        throw new ArgumentException(
            $"{what} is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}, which JSON cannot express. " +
            "Pass NonFiniteHandling.PythonLiterals to write it as Python does.", paramName);

    /// <summary>Writes a number with round-trip precision, or a bare Python token for NaN and infinities.</summary>
    public static void WriteNumber(Utf8JsonWriter json, JsonEncodedText name, double value)
    {
        if (double.IsFinite(value))
        {
            // Utf8JsonWriter formats doubles as the shortest text that parses back to the same bits.
            json.WriteNumber(name, value);
            return;
        }
        json.WritePropertyName(name);
        json.WriteRawValue(double.IsNaN(value) ? NaN : value > 0 ? PositiveInfinity : NegativeInfinity, skipInputValidation: true);
    }
}
