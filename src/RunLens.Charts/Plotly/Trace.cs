using System.Text.Json.Serialization;

namespace RunLens.Plotly;

/// <summary>
/// One plotly trace: a set of data drawn one way. Serialized with a <c>type</c> field (<c>scatter</c>,
/// <c>heatmap</c>) so plotly.js knows how to draw it. Properties left null are omitted from the JSON.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ScatterTrace), "scatter")]
[JsonDerivedType(typeof(HeatmapTrace), "heatmap")]
[JsonDerivedType(typeof(ParcoordsTrace), "parcoords")]
public abstract record Trace
{
    /// <summary>The name shown in the legend and in hover labels.</summary>
    public string? Name { get; init; }

    /// <summary>Traces with the same group toggle together when one legend entry is clicked.</summary>
    public string? LegendGroup { get; init; }

    /// <summary>Whether the trace has a legend entry (plotly's default: true for most traces).</summary>
    public bool? ShowLegend { get; init; }

    /// <summary>Hover text template, for example <c>%{y:.3g}&lt;extra&gt;&lt;/extra&gt;</c>.</summary>
    public string? HoverTemplate { get; init; }

    /// <summary>Which hover fields to show; <c>skip</c> makes the trace ignore the mouse.</summary>
    public string? HoverInfo { get; init; }

    /// <summary>The x axis the trace is drawn on: <c>x</c> (default), <c>x2</c>, ...</summary>
    [JsonPropertyName("xaxis")]
    public string? XAxis { get; init; }

    /// <summary>The y axis the trace is drawn on: <c>y</c> (default), <c>y2</c>, ...</summary>
    [JsonPropertyName("yaxis")]
    public string? YAxis { get; init; }

    /// <summary>Whether the trace is drawn (null: plotly's default, visible).</summary>
    public bool? Visible { get; init; }
}
