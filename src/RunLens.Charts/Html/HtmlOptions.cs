namespace RunLens;

/// <summary>How a figure becomes HTML: a fragment or a whole page, and how plotly.js is included.</summary>
public sealed record HtmlOptions
{
    /// <summary>How plotly.js is included.</summary>
    public PlotlyJsMode PlotlyJs { get; init; } = PlotlyJsMode.Load;

    /// <summary>
    /// For <see cref="PlotlyJsMode.Load"/>: the addresses an output may load plotly.js from, in order. Null means
    /// <see cref="PlotlyJsServer.Sources"/> (this process serves the embedded copy on the loopback interface).
    /// </summary>
    public IReadOnlyList<string>? PlotlyJsSources { get; init; }

    /// <summary>True for a whole HTML document (plotly.js in <c>&lt;head&gt;</c>), false for a fragment.</summary>
    public bool FullDocument { get; init; }

    /// <summary>
    /// Which element ids are taken. Null means <see cref="HtmlSession.Default"/> for fragments and a fresh session for
    /// each full document, so a saved page always has the same ids.
    /// </summary>
    public HtmlSession? Session { get; init; }

    /// <summary>A self-contained page: plotly.js inline in <c>&lt;head&gt;</c>, works offline.</summary>
    public static HtmlOptions Standalone { get; } = new() { PlotlyJs = PlotlyJsMode.Embed, FullDocument = true };

    /// <summary>A notebook output fragment that loads plotly.js itself (<see cref="PlotlyJsMode.Load"/>).</summary>
    public static HtmlOptions Notebook { get; } = new() { PlotlyJs = PlotlyJsMode.Load };
}
