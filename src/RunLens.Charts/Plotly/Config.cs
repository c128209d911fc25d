namespace RunLens.Plotly;

/// <summary>plotly.js options that are not part of the figure's look (the renderer always adds <c>responsive</c> and hides the logo).</summary>
public sealed record Config
{
    /// <summary>Whether the mode bar (zoom, pan, download) shows: null is on hover.</summary>
    public bool? DisplayModeBar { get; init; }

    /// <summary>Whether scrolling zooms.</summary>
    public bool? ScrollZoom { get; init; }

    /// <summary>Whether the plot is static (no hover, zoom or pan).</summary>
    public bool? StaticPlot { get; init; }
}
