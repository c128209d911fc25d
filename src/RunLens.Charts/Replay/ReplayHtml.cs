using System.Security.Cryptography;
using System.Text;

namespace RunLens;

/// <summary>Renders a replay through its asset files; the data goes in as a JSON block and ids come from its hash.</summary>
internal static class ReplayHtml
{
    public static string Render(ReplayWidget widget, HtmlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var json = widget.ToJson();
        var session = options.Session ?? (options.FullDocument ? new HtmlSession() : HtmlSession.Default);
        var mode = options.FullDocument && options.PlotlyJs == PlotlyJsMode.EmbedOnce ? PlotlyJsMode.Embed : options.PlotlyJs;
        var (id, carriesPlotly) = session.Next("replay-" + Hash(json), mode);
        var fragment = Template.Fill(Assets.ReplayHtml, new Dictionary<string, string>
        {
            ["__RUNLENS_ID__"] = id,
            ["__RUNLENS_DATA__"] = json,
            ["__RUNLENS_STYLE__"] = Assets.ReplayCss,
            ["__RUNLENS_SCRIPT__"] = Assets.ReplayJs,
        });
        var plotly = carriesPlotly ? FigureHtml.PlotlyBlock(Assets.PlotlyJs) : "";
        if (!options.FullDocument)
            return plotly + fragment;
        return Template.Fill(Assets.PageHtml, new Dictionary<string, string>
        {
            ["__RUNLENS_HEAD__"] = plotly,
            ["__RUNLENS_BODY__"] = fragment,
        });
    }

    private static string Hash(string json) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)), 0, 4).ToLowerInvariant();
}
