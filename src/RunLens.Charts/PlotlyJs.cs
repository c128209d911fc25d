namespace RunLens;

/// <summary>The plotly.js library embedded in RunLens.Charts (from the npm package <c>plotly.js-dist-min</c>).</summary>
public static class PlotlyJs
{
    /// <summary>The embedded plotly.js version; equals the version pinned in <c>src/RunLens.Charts/npm/package.json</c>.</summary>
    public const string Version = "4.1.2";

    /// <summary>The library's source, for a page that includes it once itself (render figures with <see cref="PlotlyJsMode.None"/>).</summary>
    public static string Script => Assets.PlotlyJs;

    /// <summary>plotly.js's licence text (MIT), to ship beside any page or file that includes <see cref="Script"/>.</summary>
    public static string License => Assets.PlotlyLicense;
}
