using System.Text.Json.Serialization;

namespace RunLens.Plotly;

/// <summary>Source-generated serialization metadata for the figure model; used only through <see cref="PlotlyJson"/>.</summary>
[JsonSerializable(typeof(Figure))]
[JsonSerializable(typeof(Axis))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class PlotlyJsonContext : JsonSerializerContext;
