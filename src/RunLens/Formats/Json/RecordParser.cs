using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Json;

/// <summary>
/// Parses one JSON object (a record) that starts at the beginning of a span into a <see cref="RecordBuffer"/>:
/// nested objects flatten to dotted fields, numbers and booleans become values, arrays are skipped, text is kept
/// only when the record is wanted whole. Each record gets its own reader, so records are independent: a broken one
/// never disturbs its neighbours.
/// </summary>
internal static class RecordParser
{
    private const int MaxDepth = 64;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = MaxDepth,
    };

    // Utf8JsonReader takes a slower token loop whenever comments are skipped, even in text without any (about a
    // tenth of the scan's CPU). Records are parsed with comments disallowed first: text without comments tokenises
    // identically either way, and any record the strict reader rejects is parsed again with comments skipped, so
    // outcomes, values and error messages are exactly those of the tolerant reader.
    private static readonly JsonReaderOptions StrictOptions = ReaderOptions with { CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>
    /// Parses the record at the start of <paramref name="data"/>. <paramref name="consumed"/> is the record's length
    /// when <see cref="ParseOutcome.Complete"/>, and the offset of the error when <see cref="ParseOutcome.Invalid"/>.
    /// With <paramref name="markers"/> true, strings written by <see cref="NonFiniteLiterals"/> read as NaN/infinity.
    /// </summary>
    /// <remarks>
    /// <paramref name="shape"/> is the caller's per-file template of the previous plain record (see
    /// <see cref="RecordShape"/>): a record of the same shape is read without looking at its names.
    /// <paramref name="comments"/> is the caller's per-file hint: once a record needed comment skipping it is set,
    /// and later records go straight to the tolerant reader instead of failing the strict one first.
    /// </remarks>
    public static ParseOutcome Parse(
        ReadOnlySpan<byte> data, FieldTable fields, RecordBuffer record, bool markers, ref bool comments, out int consumed, out string? error,
        RecordShape? shape = null)
    {
        var (offset, wantText) = (record.Offset, record.WantText);
        if (!markers)
        {
            if (shape is not null)
            {
                if (shape.TryMatch(data, fields, record, out consumed))
                {
                    error = null;
                    return ParseOutcome.Complete;
                }
                record.Begin(offset, wantText);
            }
            if (SimpleRecord.TryParse(data, fields, record, out consumed, shape))
            {
                error = null;
                return ParseOutcome.Complete;
            }
            record.Begin(offset, wantText);
        }
        if (!comments)
        {
            var strict = Parse(data, fields, record, markers, StrictOptions, out consumed, out error);
            if (strict != ParseOutcome.Invalid)
                return strict;
            // Values of the failed attempt must not leak into the retry.
            record.Begin(offset, wantText);
        }
        var outcome = Parse(data, fields, record, markers, ReaderOptions, out consumed, out error);
        if (outcome != ParseOutcome.Invalid)
            comments = true;
        return outcome;
    }

    private static ParseOutcome Parse(
        ReadOnlySpan<byte> data, FieldTable fields, RecordBuffer record, bool markers, JsonReaderOptions options, out int consumed, out string? error)
    {
        error = null;
        var reader = new Utf8JsonReader(data, isFinalBlock: false, new JsonReaderState(options));
        Span<int> parents = stackalloc int[MaxDepth + 1];
        Span<int> previous = stackalloc int[MaxDepth + 1];
        Span<byte> nameScratch = stackalloc byte[256];
        try
        {
            if (!reader.Read())
            {
                consumed = 0;
                return ParseOutcome.NeedMore;
            }
            var depth = 0;
            parents[0] = FieldTable.Root;
            previous[0] = -1;
            while (true)
            {
                if (!reader.Read())
                {
                    consumed = (int)reader.BytesConsumed;
                    return ParseOutcome.NeedMore;
                }
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    if (depth == 0)
                    {
                        consumed = (int)reader.BytesConsumed;
                        return ParseOutcome.Complete;
                    }
                    depth--;
                    continue;
                }
                // Inside objects the only other token here is a property name.
                int node;
                if (reader.ValueIsEscaped)
                {
                    var name = reader.ValueSpan.Length <= nameScratch.Length ? nameScratch : new byte[reader.ValueSpan.Length];
                    node = fields.Child(parents[depth], previous[depth], name[..reader.CopyString(name)]);
                }
                else
                {
                    // A name with bytes that are not UTF-8 keeps its record: it reads with U+FFFD in their place
                    // (FieldTable decodes names leniently), as Python's json with errors="replace" names it.
                    if (!Utf8.IsValid(reader.ValueSpan))
                        record.TextRepaired = true;
                    node = fields.Child(parents[depth], previous[depth], reader.ValueSpan);
                }
                previous[depth] = node;
                if (!reader.Read())
                {
                    consumed = (int)reader.BytesConsumed;
                    return ParseOutcome.NeedMore;
                }
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        depth++;
                        parents[depth] = node;
                        previous[depth] = -1;
                        break;
                    case JsonTokenType.StartArray:
                        if (!reader.TrySkip())
                        {
                            consumed = (int)reader.BytesConsumed;
                            return ParseOutcome.NeedMore;
                        }
                        break;
                    default:
                        AddScalar(ref reader, fields, record, node, markers);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            consumed = (int)Math.Min(reader.BytesConsumed, int.MaxValue);
            error = ex.Message;
            return ParseOutcome.Invalid;
        }
    }

    /// <summary>
    /// Adds the scalar at the reader to the record under <paramref name="node"/>: a number as its value (NaN when it
    /// does not fit a double), true/false as 1/0, text only when the record is wanted whole (or, with
    /// <paramref name="markers"/>, the non-finite number a rewritten bare NaN/Infinity stands for); null adds nothing.
    /// Shared with W&amp;B's <c>value_json</c>, so a value reads the same in both formats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AddScalar(ref Utf8JsonReader reader, FieldTable fields, RecordBuffer record, int node, bool markers)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                record.Add(fields.FieldOf(node), FastNumber.TryParse(reader.ValueSpan, out var number) || reader.TryGetDouble(out number) ? number : double.NaN);
                break;
            case JsonTokenType.True:
                record.Add(fields.FieldOf(node), 1);
                break;
            case JsonTokenType.False:
                record.Add(fields.FieldOf(node), 0);
                break;
            case JsonTokenType.String:
                if (markers && reader.ValueIsEscaped && NonFiniteLiterals.TryReadMarker(reader.ValueSpan, out var special))
                    record.Add(fields.FieldOf(node), special);
                else if (record.WantText)
                    record.AddText(fields.FieldOf(node), TextOf(ref reader, record));
                else if (!Utf8.IsValid(reader.ValueSpan))
                    record.TextRepaired = true;
                break;
        }
    }

    /// <summary>
    /// The string at the reader. Utf8JsonReader reads strings with bytes that are not UTF-8 but cannot turn them into
    /// text; such text gets U+FFFD in place of the bad bytes (and the record says so) instead of costing the record.
    /// </summary>
    private static string TextOf(ref Utf8JsonReader reader, RecordBuffer record)
    {
        if (!reader.ValueIsEscaped)
        {
            if (Utf8.IsValid(reader.ValueSpan))
                return reader.GetString() ?? "";
            record.TextRepaired = true;
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }
        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            // Unescaped to bytes first, so only the bad bytes (or a lone surrogate escape) are replaced.
            record.TextRepaired = true;
            var bytes = new byte[reader.ValueSpan.Length];
            try
            {
                return Encoding.UTF8.GetString(bytes, 0, reader.CopyString(bytes));
            }
            catch (InvalidOperationException)
            {
                return Encoding.UTF8.GetString(reader.ValueSpan);
            }
        }
    }
}

/// <summary>How parsing one record ended.</summary>
internal enum ParseOutcome
{
    /// <summary>The record parsed; its values are in the buffer.</summary>
    Complete,

    /// <summary>The data ended inside the record: read more, or it is truncated at the end of the file.</summary>
    NeedMore,

    /// <summary>The record is not valid JSON.</summary>
    Invalid,
}
