using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RunLens;

/// <summary>
/// Renders figures through the asset templates: the figure goes in as a JSON block, a readable description sits in
/// front of it for views that run no script, and ids come from the figure's hash.
/// </summary>
internal static class FigureHtml
{
    public static string Render(Figure figure, HtmlOptions options)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var json = figure.ToJson();
        return Page(options, Hash(json), (id, sources) => Template.Fill(Assets.FigureHtml, new Dictionary<string, string>
        {
            ["__RUNLENS_ID__"] = id,
            ["__RUNLENS_TITLE__"] = WebUtility.HtmlEncode(FigureText.Title(figure)),
            ["__RUNLENS_SUMMARY__"] = WebUtility.HtmlEncode(FigureText.Summary(figure)),
            ["__RUNLENS_FIGURE__"] = json,
            ["__RUNLENS_SOURCES__"] = sources,
            ["__RUNLENS_LOADER__"] = Assets.PlotlyLoaderJs,
            ["__RUNLENS_RENDERER__"] = Assets.FigureJs,
        }));
    }

    /// <summary>
    /// The rendering every displayable shares: an element id from <paramref name="hash"/> (unique in the session), the
    /// plotly.js sources an output may load from (a JSON array, empty unless the mode is Load), plotly.js inline when
    /// the mode says Embed, and the fragment alone or inside the page template (with <paramref name="head"/> in its head).
    /// </summary>
    public static string Page(HtmlOptions options, string hash, Func<string, string, string> fragmentFor, string head = "")
    {
        ArgumentNullException.ThrowIfNull(options);
        var session = options.Session ?? (options.FullDocument ? new HtmlSession() : HtmlSession.Default);
        var id = session.Next(hash);
        IReadOnlyList<string> sources = options.PlotlyJs == PlotlyJsMode.Load ? options.PlotlyJsSources ?? PlotlyJsServer.Sources : [];
        var fragment = fragmentFor(id, JsonSerializer.Serialize(sources, HtmlJsonContext.Default.IReadOnlyListString));
        var plotly = options.PlotlyJs == PlotlyJsMode.Embed ? PlotlyBlock(Assets.PlotlyJs) : "";
        if (!options.FullDocument)
            return plotly + fragment;
        return Template.Fill(Assets.PageHtml, new Dictionary<string, string>
        {
            ["__RUNLENS_HEAD__"] = head + plotly,
            ["__RUNLENS_BODY__"] = fragment,
        });
    }

    /// <summary>Writes a whole page as UTF-8 without BOM, creating its folder when missing.</summary>
    public static void WriteFile(string path, string html)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        File.WriteAllText(path, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The script block that inlines a plotly.js source (hiding an AMD <c>define</c> while it runs).</summary>
    public static string PlotlyBlock(string plotlyJs) =>
        Template.Fill(Assets.PlotlyHtml, new Dictionary<string, string> { ["__RUNLENS_PLOTLY__"] = plotlyJs });

    // 8 hex digits of SHA-256 of the JSON: the same figure gets the same id on every machine and run.
    public static string Hash(string json) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)), 0, 4).ToLowerInvariant();
}
