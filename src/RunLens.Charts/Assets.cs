namespace RunLens;

/// <summary>The one reader of this assembly's embedded files (templates, renderer script, plotly.js and its licence).</summary>
internal static class Assets
{
    public const string Prefix = "RunLens.Charts.Assets.";
    public const string FigureHtmlName = Prefix + "figure.html";
    public const string FigureJsName = Prefix + "figure.js";
    public const string PageHtmlName = Prefix + "page.html";
    public const string PlotlyHtmlName = Prefix + "plotly.html";
    public const string PlotlyJsName = Prefix + "plotly.min.js";
    public const string PlotlyLoaderJsName = Prefix + "plotly-loader.js";
    public const string PlotlyLicenseName = Prefix + "plotly.LICENSE";
    public const string ReplayHtmlName = Prefix + "replay.html";
    public const string ReplayJsName = Prefix + "replay.js";
    public const string ReplayViewJsName = Prefix + "replay-view.js";
    public const string ReplayCssName = Prefix + "replay.css";
    public const string LiveHtmlName = Prefix + "live.html";
    public const string LiveRefreshHtmlName = Prefix + "live-refresh.html";

    /// <summary>Every resource the code reads (a test checks each is embedded).</summary>
    public static IReadOnlyList<string> Names { get; } =
        [FigureHtmlName, FigureJsName, PageHtmlName, PlotlyHtmlName, PlotlyJsName, PlotlyLoaderJsName, PlotlyLicenseName, ReplayHtmlName, ReplayJsName, ReplayViewJsName, ReplayCssName, LiveHtmlName, LiveRefreshHtmlName];

    private static readonly Lazy<string> _plotlyJs = new(() => Read(PlotlyJsName));
    private static readonly Lazy<string> _plotlyLoaderJs = new(() => Read(PlotlyLoaderJsName));
    private static readonly Lazy<string> _figureHtml = new(() => Read(FigureHtmlName));
    private static readonly Lazy<string> _figureJs = new(() => Read(FigureJsName));
    private static readonly Lazy<string> _pageHtml = new(() => Read(PageHtmlName));
    private static readonly Lazy<string> _plotlyHtml = new(() => Read(PlotlyHtmlName));
    private static readonly Lazy<string> _plotlyLicense = new(() => Read(PlotlyLicenseName));
    private static readonly Lazy<string> _replayHtml = new(() => Read(ReplayHtmlName));
    private static readonly Lazy<string> _replayJs = new(() => Read(ReplayJsName));
    private static readonly Lazy<string> _replayViewJs = new(() => Read(ReplayViewJsName));
    private static readonly Lazy<string> _replayCss = new(() => Read(ReplayCssName));
    private static readonly Lazy<string> _liveHtml = new(() => Read(LiveHtmlName));
    private static readonly Lazy<string> _liveRefreshHtml = new(() => Read(LiveRefreshHtmlName));

    public static string PlotlyJs => _plotlyJs.Value;
    public static string PlotlyLicense => _plotlyLicense.Value;
    public static string PlotlyLoaderJs => _plotlyLoaderJs.Value;
    public static string FigureHtml => _figureHtml.Value;
    public static string FigureJs => _figureJs.Value;
    public static string PageHtml => _pageHtml.Value;
    public static string PlotlyHtml => _plotlyHtml.Value;
    public static string ReplayHtml => _replayHtml.Value;
    public static string ReplayJs => _replayJs.Value;
    public static string ReplayViewJs => _replayViewJs.Value;
    public static string ReplayCss => _replayCss.Value;
    public static string LiveHtml => _liveHtml.Value;
    public static string LiveRefreshHtml => _liveRefreshHtml.Value;

    public static string Read(string name)
    {
        var assembly = typeof(Assets).Assembly;
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(
                $"The embedded resource '{name}' is missing from {assembly.GetName().Name}. Rebuild RunLens.Charts: its " +
                "build installs plotly.js with npm (src/RunLens.Charts/npm) and embeds the files of Assets/.");
        using var reader = new StreamReader(stream);
        // Templates end with a newline (editorconfig); trimming it keeps fragments from growing blank lines.
        var text = reader.ReadToEnd();
        return name is PlotlyJsName or PlotlyLicenseName ? text : text.TrimEnd('\n');
    }
}
