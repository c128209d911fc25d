namespace RunLens.Plotly;

/// <summary>Where and how the legend is drawn.</summary>
public sealed record Legend
{
    /// <summary><c>v</c> (a column) or <c>h</c> (a row).</summary>
    public string? Orientation { get; init; }

    /// <summary>Horizontal position, in [0, 1] of the plotting area (may be outside).</summary>
    public double? X { get; init; }

    /// <summary>Vertical position, in [0, 1] of the plotting area (may be outside).</summary>
    public double? Y { get; init; }

    /// <summary><c>left</c>, <c>center</c> or <c>right</c>.</summary>
    public string? XAnchor { get; init; }

    /// <summary><c>top</c>, <c>middle</c> or <c>bottom</c>.</summary>
    public string? YAnchor { get; init; }

    /// <summary><c>normal</c>, <c>grouped</c>, <c>reversed</c>.</summary>
    public string? TraceOrder { get; init; }
}
