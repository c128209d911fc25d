using System.Security.Cryptography;
using System.Text;

namespace RunLens;

/// <summary>Renders figures through the asset templates: the figure goes in as a JSON block, ids come from its hash.</summary>
internal static class FigureHtml
{
    public static string Render(Figure figure, HtmlOptions options)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(options);
        var json = figure.ToJson();
        var session = options.Session ?? (options.FullDocument ? new HtmlSession() : HtmlSession.Default);
        // A full document always has plotly.js in <head> unless told None; EmbedOnce there means "this page once".
        var mode = options.FullDocument && options.PlotlyJs == PlotlyJsMode.EmbedOnce ? PlotlyJsMode.Embed : options.PlotlyJs;
        var (id, carriesPlotly) = session.Next(Hash(json), mode);
        var fragment = Template.Fill(Assets.FigureHtml, new Dictionary<string, string>
        {
            ["__RUNLENS_ID__"] = id,
            ["__RUNLENS_FIGURE__"] = json,
            ["__RUNLENS_RENDERER__"] = Assets.FigureJs,
        });
        var plotly = carriesPlotly ? PlotlyBlock(Assets.PlotlyJs) : "";
        if (!options.FullDocument)
            return plotly + fragment;
        return Template.Fill(Assets.PageHtml, new Dictionary<string, string>
        {
            ["__RUNLENS_HEAD__"] = plotly,
            ["__RUNLENS_BODY__"] = fragment,
        });
    }

    /// <summary>The script block that inlines a plotly.js source (hiding an AMD <c>define</c> while it runs).</summary>
    public static string PlotlyBlock(string plotlyJs) =>
        Template.Fill(Assets.PlotlyHtml, new Dictionary<string, string> { ["__RUNLENS_PLOTLY__"] = plotlyJs });

    // 8 hex digits of SHA-256 of the figure JSON: the same figure gets the same id on every machine and run.
    private static string Hash(string json) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)), 0, 4).ToLowerInvariant();
}
