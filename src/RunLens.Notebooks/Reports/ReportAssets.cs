namespace RunLens.Notebooks;

/// <summary>The one reader of this assembly's embedded files: the report page template, its CSS and its script.</summary>
internal static class ReportAssets
{
    public const string Prefix = "RunLens.Notebooks.Assets.";
    public const string PageHtmlName = Prefix + "report.html";
    public const string CssName = Prefix + "report.css";
    public const string ScriptName = Prefix + "report.js";

    /// <summary>Every resource the code reads (a test checks each is embedded).</summary>
    public static IReadOnlyList<string> Names { get; } = [PageHtmlName, CssName, ScriptName];

    private static readonly Lazy<string> _pageHtml = new(() => Read(PageHtmlName));
    private static readonly Lazy<string> _css = new(() => Read(CssName));
    private static readonly Lazy<string> _script = new(() => Read(ScriptName));

    public static string PageHtml => _pageHtml.Value;
    public static string Css => _css.Value;
    public static string Script => _script.Value;

    public static string Read(string name)
    {
        var assembly = typeof(ReportAssets).Assembly;
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(
                $"The embedded resource '{name}' is missing from {assembly.GetName().Name}; rebuild RunLens.Notebooks (it embeds Reports/Assets/*).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().TrimEnd('\n');
    }

    /// <summary>Fills <c>__RUNLENS_NAME__</c> tokens in one pass (the charts' filler: inserted text is never rescanned).</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values) => Template.Fill(template, values);
}
