namespace RunLens;

/// <summary>The one reader of this assembly's embedded files (the export page, its script and style, the print style).</summary>
internal static class ExportAssets
{
    public const string Prefix = "RunLens.Export.Assets.";
    public const string ExportHtmlName = Prefix + "export.html";
    public const string ExportJsName = Prefix + "export.js";
    public const string ExportCssName = Prefix + "export.css";
    public const string PrintCssName = Prefix + "print.css";
    public const string ReplayImageCssName = Prefix + "replay-image.css";
    public const string ReplayImageJsName = Prefix + "replay-image.js";

    /// <summary>Every resource the code reads (a test checks each is embedded).</summary>
    public static IReadOnlyList<string> Names { get; } = [ExportHtmlName, ExportJsName, ExportCssName, PrintCssName, ReplayImageCssName, ReplayImageJsName];

    private static readonly Lazy<string> _page = new(() => Template.Fill(Read(ExportHtmlName), new Dictionary<string, string>
    {
        ["__RUNLENS_CSS__"] = Read(ExportCssName),
        ["__RUNLENS_PLOTLY__"] = FigureHtml.PlotlyBlock(PlotlyJs.Script),
        ["__RUNLENS_SCRIPT__"] = Read(ExportJsName),
    }));

    private static readonly Lazy<string> _printCss = new(() => Read(PrintCssName));

    private static readonly Lazy<string> _replayImageCss = new(() => Read(ReplayImageCssName));
    private static readonly Lazy<string> _replayImageJs = new(() => Read(ReplayImageJsName));

    /// <summary>The style that shows a replay alone and without its controls, for its image.</summary>
    public static string ReplayImageCss => _replayImageCss.Value;

    /// <summary>The script that readies a drawn replay for its image (<c>window.runlensReplayImage</c>).</summary>
    public static string ReplayImageJs => _replayImageJs.Value;

    /// <summary>The export page: plotly.js (the copy the HTML embeds) and <c>window.runlensExport</c>.</summary>
    public static string ExportPage => _page.Value;

    /// <summary>The print style for report PDFs.</summary>
    public static string PrintCss => _printCss.Value;

    public static string Read(string name)
    {
        var assembly = typeof(ExportAssets).Assembly;
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing from {assembly.GetName().Name}; rebuild RunLens.Export.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().TrimEnd('\n');
    }
}
