using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunLens.Plotly;

/// <summary>
/// Writes NaN and infinities as null (a gap to plotly) wherever a double appears, so a non-finite value can never
/// reach System.Text.Json's writer (which would throw) or produce "NaN" text (which JSON.parse rejects).
/// </summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override bool HandleNull => false;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
            writer.WriteNumberValue(value);
        else
            writer.WriteNullValue();
    }
}
