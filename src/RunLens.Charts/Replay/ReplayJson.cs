using System.Text.Encodings.Web;
using System.Text.Json;
using RunLens.Plotly;

namespace RunLens;

/// <summary>The one serializer of replay data: camelCase names, nulls omitted, NaN as null, safe inside a script block.</summary>
internal static class ReplayJson
{
    public static ReplayJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        // Escapes <, > and & so a "</script>" in a label cannot end the data block.
        Encoder = JavaScriptEncoder.Default,
        Converters = { new FiniteDoubleConverter() },
    });
}
