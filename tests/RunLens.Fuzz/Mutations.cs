using System.IO.Compression;
using System.Text;

namespace RunLens.Fuzz;

/// <summary>
/// Deterministic mutations of a seed for the in-process smoke pass (no coverage feedback: that is AFL's job in
/// scripts/fuzz). A seeded <see cref="Random"/> stacks one to four of AFL's havoc-style edits: bit flips, byte
/// sets, interesting bytes and tokens (quotes, brackets, NaN, 1e400, CRLF, a BOM), deletions, duplications,
/// truncations and deep nesting. For a gzip seed half of the mutations edit the decompressed text and recompress
/// it, so the reader behind the decompressor is reached too.
/// </summary>
internal static class Mutations
{
    private static readonly byte[][] Tokens =
    [
        "\""u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(),
        "\n"u8.ToArray(), "\r\n"u8.ToArray(), "\r"u8.ToArray(), " "u8.ToArray(), "\t"u8.ToArray(), "#"u8.ToArray(), "-"u8.ToArray(),
        "NaN"u8.ToArray(), "Infinity"u8.ToArray(), "-Infinity"u8.ToArray(), "1e400"u8.ToArray(), "-0"u8.ToArray(), "nan"u8.ToArray(),
        "inf"u8.ToArray(), "null"u8.ToArray(), "true"u8.ToArray(), "9223372036854775808"u8.ToArray(), "0x"u8.ToArray(),
        "\\u0000"u8.ToArray(), "\\"u8.ToArray(), "'"u8.ToArray(), "!!python/object:"u8.ToArray(), "&a *a "u8.ToArray(),
        "- "u8.ToArray(), "|\n"u8.ToArray(), [0xEF, 0xBB, 0xBF], [0], [0xFF], [0x7F], [0x80], [0xFF, 0xFF, 0xFF, 0x7F],
        [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], [0, 0, 0, 0x80],
    ];

    /// <summary>
    /// <paramref name="count"/> mutations of <paramref name="seed"/>, the same ones for the same
    /// <paramref name="randomSeed"/> on every machine.
    /// </summary>
    public static IEnumerable<byte[]> Of(byte[] seed, int count, int randomSeed)
    {
        var random = new Random(randomSeed);
        var plain = IsGzip(seed) ? Gunzip(seed) : null;
        for (var i = 0; i < count; i++)
        {
            if (plain is not null && random.Next(2) == 0)
                yield return Gzip(Mutate(plain, random));
            else
                yield return Mutate(seed, random);
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        for (var edits = random.Next(1, 5); edits > 0; edits--)
            Edit(bytes, random);
        return [.. bytes];
    }

    private static void Edit(List<byte> bytes, Random random)
    {
        var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
        switch (random.Next(10))
        {
            case 0 when bytes.Count > 0:
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when bytes.Count > 0:
                bytes[at] = (byte)random.Next(256);
                break;
            case 2:
                bytes.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                break;
            case 3 when bytes.Count > 0:
                var overwrite = Tokens[random.Next(Tokens.Length)];
                for (var k = 0; k < overwrite.Length && at + k < bytes.Count; k++)
                    bytes[at + k] = overwrite[k];
                break;
            case 4 when bytes.Count > 0:
                bytes.RemoveRange(at, random.Next(1, Math.Min(bytes.Count - at, 32) + 1));
                break;
            case 5 when bytes.Count > 0:
                var length = random.Next(1, Math.Min(bytes.Count - at, 64) + 1);
                bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(at, length));
                break;
            case 6:
                // Cut short, as a writer that was killed leaves a file.
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 7:
                // Deep nesting: a few thousand openers, as a hostile file might hold.
                var opener = random.Next(3) switch { 0 => (byte)'[', 1 => (byte)'{', _ => (byte)'-' };
                bytes.InsertRange(at, Enumerable.Repeat(opener, random.Next(100, 5000)));
                break;
            case 8 when bytes.Count > 0:
                // A multi-byte number replaced by an extreme one (lengths, counts, offsets in binary formats).
                var extreme = random.Next(4) switch { 0 => 0x00, 1 => 0xFF, 2 => 0x7F, _ => 0x80 };
                for (var k = 0; k < 4 && at + k < bytes.Count; k++)
                    bytes[at + k] = (byte)extreme;
                break;
            default:
                var garbage = new byte[random.Next(1, 16)];
                random.NextBytes(garbage);
                bytes.InsertRange(at, garbage);
                break;
        }
    }

    private static bool IsGzip(byte[] bytes) => bytes.Length > 2 && bytes[0] == 0x1F && bytes[1] == 0x8B;

    private static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>The input as a C# byte array literal, for a regression test.</summary>
    public static string Literal(ReadOnlySpan<byte> input)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < input.Length; i++)
            text.Append(i == 0 ? "" : ", ").Append("0x").Append(input[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        return text.Append(']').ToString();
    }
}
