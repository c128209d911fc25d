using System.Text.Json.Serialization;

namespace RunLens;

/// <summary>The JSON of the small blocks a page carries besides a figure (the plotly.js sources of an output).</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class HtmlJsonContext : JsonSerializerContext;
