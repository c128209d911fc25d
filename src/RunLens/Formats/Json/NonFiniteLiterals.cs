namespace RunLens.Formats.Json;

/// <summary>
/// Python's json module writes NaN, Infinity and -Infinity as bare tokens, which JSON (and Utf8JsonReader) reject.
/// When a record fails to parse, this copies it with each bare token outside strings replaced by a marker string
/// (an escaped Unicode noncharacter that real text does not use), and the parser reads the markers back as the
/// numbers they stand for. Only records that fail take this path, so ordinary records pay nothing.
/// </summary>
internal static class NonFiniteLiterals
{
    private static readonly byte[] NaNToken = "NaN"u8.ToArray();
    private static readonly byte[] InfinityToken = "Infinity"u8.ToArray();
    private static readonly byte[] NaNMarker = "\"\\uFDD0N\""u8.ToArray();
    private static readonly byte[] PositiveMarker = "\"\\uFDD0P\""u8.ToArray();
    private static readonly byte[] NegativeMarker = "\"\\uFDD0M\""u8.ToArray();

    /// <summary>
    /// Copies the object at the start of <paramref name="source"/> into <paramref name="target"/> (grown as needed)
    /// replacing bare non-finite tokens. Returns <see cref="ParseOutcome.NeedMore"/> when the object does not end in
    /// the data, <see cref="ParseOutcome.Invalid"/> when it ends but holds no such token (so it is broken for
    /// another reason), else <see cref="ParseOutcome.Complete"/> with the source length and the copy's length.
    /// </summary>
    public static ParseOutcome Rewrite(ReadOnlySpan<byte> source, ref byte[] target, out int sourceLength, out int written)
    {
        sourceLength = written = 0;
        var depth = 0;
        var inString = false;
        var found = false;
        var w = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            EnsureRoom(ref target, w + 16);
            if (inString)
            {
                target[w++] = c;
                if (c == '\\' && i + 1 < source.Length)
                    target[w++] = source[++i];
                else if (c == '"')
                    inString = false;
                continue;
            }
            var marker = MatchToken(source, i, out var tokenLength);
            if (marker is not null)
            {
                marker.CopyTo(target.AsSpan(w));
                w += marker.Length;
                i += tokenLength - 1;
                found = true;
                continue;
            }
            target[w++] = c;
            if (c == '"')
                inString = true;
            else if (c is (byte)'{' or (byte)'[')
                depth++;
            else if (c is (byte)'}' or (byte)']' && --depth == 0)
            {
                sourceLength = i + 1;
                written = w;
                return found ? ParseOutcome.Complete : ParseOutcome.Invalid;
            }
        }
        return ParseOutcome.NeedMore;
    }

    /// <summary>Reads a marker string's escaped bytes (without quotes) back to its number.</summary>
    public static bool TryReadMarker(ReadOnlySpan<byte> escaped, out double value)
    {
        value = 0;
        if (escaped.Length != 7 || !escaped.StartsWith("\\uFDD0"u8))
            return false;
        value = escaped[6] switch
        {
            (byte)'N' => double.NaN,
            (byte)'P' => double.PositiveInfinity,
            (byte)'M' => double.NegativeInfinity,
            _ => 0,
        };
        return escaped[6] is (byte)'N' or (byte)'P' or (byte)'M';
    }

    /// <summary>True when the bytes contain a bare token outside strings (a cheap check before rewriting).</summary>
    public static bool MayContainToken(ReadOnlySpan<byte> data) =>
        data.IndexOf(NaNToken) >= 0 || data.IndexOf(InfinityToken) >= 0;

    private static byte[]? MatchToken(ReadOnlySpan<byte> source, int i, out int length)
    {
        var rest = source[i..];
        if (rest.StartsWith(NaNToken) && IsBoundary(source, i + NaNToken.Length))
        {
            length = NaNToken.Length;
            return NaNMarker;
        }
        if (rest.StartsWith(InfinityToken) && IsBoundary(source, i + InfinityToken.Length))
        {
            length = InfinityToken.Length;
            return PositiveMarker;
        }
        if (rest.Length > 1 && rest[0] == '-' && rest[1..].StartsWith(InfinityToken) && IsBoundary(source, i + 1 + InfinityToken.Length))
        {
            length = InfinityToken.Length + 1;
            return NegativeMarker;
        }
        length = 0;
        return null;
    }

    // A token ends at a delimiter; at the end of the data we cannot tell, and NeedMore will follow anyway.
    private static bool IsBoundary(ReadOnlySpan<byte> source, int end) =>
        end >= source.Length || source[end] is (byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    private static void EnsureRoom(ref byte[] target, int size)
    {
        if (target.Length < size)
            Array.Resize(ref target, Math.Max(size, target.Length * 2));
    }
}
