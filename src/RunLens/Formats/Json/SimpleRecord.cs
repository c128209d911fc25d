using System.Runtime.CompilerServices;
using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Json;

/// <summary>
/// The fast path for the records logs are made of: objects (nested or not) of ASCII names without escapes and
/// numbers, booleans, nulls and plain ASCII strings. It reads them in one pass over the bytes, validating as strictly
/// as <c>Utf8JsonReader</c> does, and gives the same values as <see cref="RecordParser"/>'s reader path. Anything else
/// (arrays, escapes, non-ASCII text, comments, trailing commas, numbers beyond <see cref="FastNumber"/>'s exact
/// range, a wanted text value, a record cut by the end of the buffer, invalid JSON) returns false, and the caller
/// parses the record again with <c>Utf8JsonReader</c>, which then decides: outcomes and error messages are its own.
/// </summary>
internal static class SimpleRecord
{
    // Nesting deeper than this goes to the reader, whose own limit (64) then applies.
    private const int MaxDepth = 32;

    /// <summary>
    /// True when the record at the start of <paramref name="data"/> (a '{') parsed completely. With a
    /// <paramref name="shape"/>, a record that parsed becomes its template.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, FieldTable fields, RecordBuffer record, out int consumed, RecordShape? shape = null)
    {
        consumed = 0;
        if (data.Length < 2 || data[0] != '{')
            return false;
        Span<int> parents = stackalloc int[MaxDepth];
        Span<int> previous = stackalloc int[MaxDepth];
        var depth = 0;
        parents[0] = FieldTable.Root;
        previous[0] = -1;
        var i = 1;
        var wantText = record.WantText;
        shape?.BeginLearning();
        // After '{': a name or '}'.
        if (!SkipSpace(data, ref i))
            return false;
        if (data[i] == '}')
        {
            consumed = i + 1;
            shape?.Learn(data[..consumed], fields);
            return true;
        }
        while (true)
        {
            // At a member's name.
            if (data[i] != '"')
                return false;
            var nameStart = ++i;
            if (!SkipPlainString(data, ref i))
                return false;
            var node = fields.Child(parents[depth], previous[depth], data[nameStart..i]);
            previous[depth] = node;
            i++;
            if (!SkipSpace(data, ref i) || data[i] != ':')
                return false;
            i++;
            if (!SkipSpace(data, ref i))
                return false;
            var c = data[i];
            if (c == '{')
            {
                if (++depth == MaxDepth)
                    return false;
                parents[depth] = node;
                previous[depth] = -1;
                i++;
                if (!SkipSpace(data, ref i))
                    return false;
                if (data[i] == '"')
                    continue;
                if (data[i] != '}')
                    return false;
                // An empty object: close it like any other below.
            }
            else
            {
                if (c == '-' || (uint)(c - '0') <= 9)
                {
                    var start = i;
                    if (!SkipNumber(data, ref i) || !FastNumber.TryParse(data[start..i], out var number))
                        return false;
                    record.Add(fields.FieldOf(node), number);
                    shape?.Value(start, i, node);
                }
                else if (c == 't')
                {
                    if (!Literal(data, ref i, "true"u8))
                        return false;
                    record.Add(fields.FieldOf(node), 1);
                    shape?.Value(i - 4, i, node);
                }
                else if (c == 'f')
                {
                    if (!Literal(data, ref i, "false"u8))
                        return false;
                    record.Add(fields.FieldOf(node), 0);
                    shape?.Value(i - 5, i, node);
                }
                else if (c == 'n')
                {
                    if (!Literal(data, ref i, "null"u8))
                        return false;
                    shape?.Value(i - 4, i, node);
                }
                else if (c == '"' && !wantText)
                {
                    var start = i++;
                    if (!SkipPlainString(data, ref i))
                        return false;
                    i++;
                    shape?.Value(start, i, node);
                }
                else
                {
                    return false;
                }
                if (!SkipSpace(data, ref i))
                    return false;
            }
            // After a value: ',' then the next name, or '}' closing one or more objects.
            while (true)
            {
                if (data[i] == ',')
                {
                    i++;
                    if (!SkipSpace(data, ref i))
                        return false;
                    break;
                }
                if (data[i] != '}')
                    return false;
                if (depth == 0)
                {
                    consumed = i + 1;
                    shape?.Learn(data[..consumed], fields);
                    return true;
                }
                depth--;
                i++;
                if (!SkipSpace(data, ref i))
                    return false;
            }
        }
    }

    /// <summary>Moves past JSON whitespace; false when the data ends.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SkipSpace(ReadOnlySpan<byte> data, ref int i)
    {
        while ((uint)i < (uint)data.Length)
        {
            var c = data[i];
            if (c > ' ' || c is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
                return true;
            i++;
        }
        return false;
    }

    /// <summary>From just after an opening quote to the closing one: printable ASCII only, no escapes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool SkipPlainString(ReadOnlySpan<byte> data, ref int i)
    {
        while ((uint)i < (uint)data.Length)
        {
            var c = data[i];
            if (c == '"')
                return true;
            if (c is < 0x20 or > 0x7E or (byte)'\\')
                return false;
            i++;
        }
        return false;
    }

    /// <summary>A number as JSON's grammar has it, followed by a delimiter: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool SkipNumber(ReadOnlySpan<byte> data, ref int i)
    {
        if (data[i] == '-')
            i++;
        if ((uint)i >= (uint)data.Length)
            return false;
        if (data[i] == '0')
            i++;
        else if (!SkipDigits(data, ref i))
            return false;
        if ((uint)i < (uint)data.Length && data[i] == '.')
        {
            i++;
            if (!SkipDigits(data, ref i))
                return false;
        }
        if ((uint)i < (uint)data.Length && (data[i] | 0x20) == 'e')
        {
            i++;
            if ((uint)i < (uint)data.Length && data[i] is (byte)'+' or (byte)'-')
                i++;
            if (!SkipDigits(data, ref i))
                return false;
        }
        return (uint)i < (uint)data.Length && IsDelimiter(data[i]);
    }

    /// <summary>One or more digits.</summary>
    private static bool SkipDigits(ReadOnlySpan<byte> data, ref int i)
    {
        var start = i;
        while ((uint)i < (uint)data.Length && (uint)(data[i] - '0') <= 9)
            i++;
        return i > start;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Literal(ReadOnlySpan<byte> data, ref int i, ReadOnlySpan<byte> literal)
    {
        if (!data[i..].StartsWith(literal) || i + literal.Length >= data.Length || !IsDelimiter(data[i + literal.Length]))
            return false;
        i += literal.Length;
        return true;
    }

    // What may follow a value inside an object: whitespace, ',' or '}' (anything else goes to the reader).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsDelimiter(byte c) => c is (byte)',' or (byte)'}' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
}
