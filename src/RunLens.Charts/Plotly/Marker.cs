namespace RunLens.Plotly;

/// <summary>How a trace's point markers are drawn (with <c>mode</c> <c>markers</c> or <c>lines+markers</c>).</summary>
public sealed record Marker
{
    /// <summary>Diameter in pixels.</summary>
    public double? Size { get; init; }

    /// <summary>A CSS colour.</summary>
    public string? Color { get; init; }

    /// <summary>The marker's shape: <c>circle</c>, <c>square</c>, <c>diamond</c>, <c>x</c>, <c>triangle-up</c>, ...</summary>
    public string? Symbol { get; init; }

    /// <summary>The marker's outline (its colour and width), so a marker stays visible on any background.</summary>
    public Line? Line { get; init; }
}
