using System.Text.Json;
using RunLens.Fields;
using RunLens.Formats.Json;
using RunLens.Loading;

namespace RunLens.Formats.Wandb;

/// <summary>
/// Adds a history item's <c>value_json</c> to a record the way the JSON reader adds the same value in
/// <c>wandb-history.jsonl</c>: numbers as values, booleans as 1/0, text only when asked, nested objects as dotted
/// fields, arrays skipped. Python's json writes NaN and ±Infinity as bare tokens: alone, or inside an object.
/// </summary>
internal static class WandbValueJson
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>Adds the value under <paramref name="node"/>; false when it is not JSON (nothing usable added).</summary>
    public static bool Add(FieldTable fields, RecordBuffer record, int node, ReadOnlySpan<byte> json)
    {
        var text = json.Trim(" \t\r\n"u8);
        if (text.SequenceEqual("NaN"u8))
            return Number(fields, record, node, double.NaN);
        if (text.SequenceEqual("Infinity"u8))
            return Number(fields, record, node, double.PositiveInfinity);
        if (text.SequenceEqual("-Infinity"u8))
            return Number(fields, record, node, double.NegativeInfinity);
        if (TryAdd(fields, record, node, text, markers: false))
            return true;
        if (text.IsEmpty || text[0] != '{' || !NonFiniteLiterals.MayContainToken(text))
            return false;
        byte[] copy = [];
        return NonFiniteLiterals.Rewrite(text, ref copy, out _, out var written) == ParseOutcome.Complete
            && TryAdd(fields, record, node, copy.AsSpan(0, written), markers: true);
    }

    private static bool Number(FieldTable fields, RecordBuffer record, int node, double value)
    {
        record.Add(fields.FieldOf(node), value);
        return true;
    }

    private static bool TryAdd(FieldTable fields, RecordBuffer record, int node, ReadOnlySpan<byte> json, bool markers)
    {
        var reader = new Utf8JsonReader(json, Options);
        try
        {
            if (!reader.Read())
                return false;
            Value(ref reader, fields, record, node, markers);
            return !reader.Read();
        }
        // A string of invalid UTF-8 passes the reader's checks but throws InvalidOperationException when decoded.
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void Value(ref Utf8JsonReader reader, FieldTable fields, RecordBuffer record, int node, bool markers)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                reader.Skip();
                break;
            case JsonTokenType.StartObject:
                var previous = -1;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var child = reader.ValueIsEscaped
                        ? fields.Child(node, previous, System.Text.Encoding.UTF8.GetBytes(reader.GetString() ?? ""))
                        : fields.Child(node, previous, reader.ValueSpan);
                    previous = child;
                    reader.Read();
                    Value(ref reader, fields, record, child, markers);
                }
                break;
            default:
                RecordParser.AddScalar(ref reader, fields, record, node, markers);
                break;
        }
    }
}
