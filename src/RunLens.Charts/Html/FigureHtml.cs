using System.Security.Cryptography;
using System.Text;

namespace RunLens;

/// <summary>Renders figures through the asset templates: the figure goes in as a JSON block, ids come from its hash.</summary>
internal static class FigureHtml
{
    public static string Render(Figure figure, HtmlOptions options)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var json = figure.ToJson();
        return Page(options, Hash(json), id => Template.Fill(Assets.FigureHtml, new Dictionary<string, string>
        {
            ["__RUNLENS_ID__"] = id,
            ["__RUNLENS_FIGURE__"] = json,
            ["__RUNLENS_RENDERER__"] = Assets.FigureJs,
        }));
    }

    /// <summary>
    /// The rendering every displayable shares: an element id from <paramref name="hash"/> (unique in the session),
    /// plotly.js when the mode and session say so, and the fragment alone or inside the page template.
    /// </summary>
    public static string Page(HtmlOptions options, string hash, Func<string, string> fragmentFor)
    {
        ArgumentNullException.ThrowIfNull(options);
        var session = options.Session ?? (options.FullDocument ? new HtmlSession() : HtmlSession.Default);
        // A full document always has plotly.js in <head> unless told None; EmbedOnce there means "this page once".
        var mode = options.FullDocument && options.PlotlyJs == PlotlyJsMode.EmbedOnce ? PlotlyJsMode.Embed : options.PlotlyJs;
        var (id, carriesPlotly) = session.Next(hash, mode);
        var fragment = fragmentFor(id);
        var plotly = carriesPlotly ? PlotlyBlock(Assets.PlotlyJs) : "";
        if (!options.FullDocument)
            return plotly + fragment;
        return Template.Fill(Assets.PageHtml, new Dictionary<string, string>
        {
            ["__RUNLENS_HEAD__"] = plotly,
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
