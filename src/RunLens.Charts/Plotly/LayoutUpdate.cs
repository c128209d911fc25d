using System.Text.Json.Serialization;

namespace RunLens.Plotly;

/// <summary>Layout attributes a button changes, named with plotly's dotted paths.</summary>
public sealed record LayoutUpdate : UpdateArgs
{
    /// <summary>The new figure title.</summary>
    [JsonPropertyName("title.text")]
    public string? TitleText { get; init; }

    /// <summary>The new subtitle.</summary>
    [JsonPropertyName("title.subtitle.text")]
    public string? SubtitleText { get; init; }

    /// <summary>Recompute the x range for the newly visible data (true), discarding any zoom.</summary>
    [JsonPropertyName("xaxis.autorange")]
    public bool? XAutoRange { get; init; }

    /// <summary>The y autorange after the change, for example <c>reversed</c> (recomputed, keeping screen orientation).</summary>
    [JsonPropertyName("yaxis.autorange")]
    public string? YAutoRange { get; init; }
}
