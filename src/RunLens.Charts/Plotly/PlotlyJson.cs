using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunLens.Plotly;

/// <summary>The one way figures become JSON: a source-generated context with plotly's naming and NaN-as-gap rules.</summary>
public static class PlotlyJson
{
    private static readonly PlotlyJsonContext _context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = new LowerCaseNamingPolicy(),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The default encoder escapes <, >, & and quotes, so the JSON can sit inside an HTML <script> block and a
        // "</script>" in a trace name cannot end it.
        Encoder = JavaScriptEncoder.Default,
        Converters = { new FiniteDoubleConverter() },
    });

    /// <summary>
    /// The figure as plotly.js JSON (<c>{"data":[...],"layout":{...}}</c>): lowercase attribute names, nulls omitted,
    /// NaN and infinities written as null (gaps). Deterministic: the same figure always gives the same text.
    /// </summary>
    public static string Serialize(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return JsonSerializer.Serialize(figure, _context.Figure);
    }
}
