using System.Buffers;
using System.Text.Json;

namespace RunLens.Loading.Episodes;

/// <summary>One parsed line of a JSON-lines file, with where it is.</summary>
/// <param name="Root">The line's value (valid until the enumeration moves on).</param>
/// <param name="Offset">The byte offset of the line's start.</param>
/// <param name="Line">The 1-based line number.</param>
internal readonly record struct JsonLine(JsonElement Root, long Offset, long Line);

/// <summary>
/// Streams the lines of a small JSON-lines episode file (an index or an episode sample): each line is parsed on
/// its own, so a bad line is reported with its offset and line number and the next one still loads. A last line
/// without its newline that does not parse is reported as cut short (a run still writing, or killed).
/// </summary>
internal static class JsonLines
{
    private const int MaxLineBytes = 64 << 20;

    /// <summary>The lines that parse, in order; every other non-blank line is an issue ("line skipped").</summary>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static IEnumerable<JsonLine> Read(string path, List<LoadIssue> issues)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int start = 0, end = 0;
            long bufferOffset = 0, line = 0;
            var eof = false;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0 && !eof)
                {
                    // Keep the partial line: move it to the front, grow when a line outgrows the buffer.
                    if (start > 0)
                    {
                        ByteWindow.Slide(buffer, ref start, ref end, ref bufferOffset);
                    }
                    if (end == buffer.Length)
                    {
                        if (buffer.Length >= MaxLineBytes)
                        {
                            issues.Add(new LoadIssue(path, bufferOffset, line + 1, "a line is longer than 64 MB; the rest of the file is not read"));
                            yield break;
                        }
                        ByteWindow.Grow(ref buffer, end, buffer.Length * 2);
                    }
                    if (!ByteWindow.Refill(stream, buffer, ref end))
                        eof = true;
                    continue;
                }
                if (newline < 0 && start == end)
                    yield break;
                var length = newline < 0 ? end - start : newline;
                var offset = bufferOffset + start;
                line++;
                var text = buffer.AsMemory(start, length);
                start += newline < 0 ? length : length + 1;
                var span = text.Span;
                if (line == 1 && span.StartsWith("\uFEFF"u8))
                    text = text[3..];
                if (text.Span.IndexOfAnyExcept(" \t\r"u8) < 0)
                    continue;
                JsonDocument? document = null;
                try
                {
                    document = JsonDocument.Parse(text);
                }
                catch (JsonException ex)
                {
                    issues.Add(new LoadIssue(path, offset, line, newline < 0
                        ? "the last line is cut short (no newline, not valid JSON); line skipped"
                        : $"not valid JSON ({FirstSentence(ex.Message)}); line skipped"));
                }
                if (document is null)
                    continue;
                using (document)
                    yield return new JsonLine(document.RootElement, offset, line);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>System.Text.Json's messages end with positions relative to the line; ours give the file's.</summary>
    public static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message.TrimEnd('.') : message[..cut];
    }

    /// <summary>A number property, or null when absent or not a number.</summary>
    public static double? Number(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>A boolean property (true/false, or a number: nonzero is true), or null.</summary>
    public static bool? Boolean(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number => v.GetDouble() != 0,
                _ => null,
            }
            : null;

    /// <summary>A string property, or null.</summary>
    public static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>An array of numbers, or null when absent or holding anything else.</summary>
    public static double[]? Vector(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array)
            return null;
        var result = new double[v.GetArrayLength()];
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number)
                return null;
            result[i++] = item.GetDouble();
        }
        return result;
    }
}
