using System.Globalization;
using System.Net;

namespace RunLens;

/// <summary>
/// Renders a replay through its asset files: the data goes in as a JSON block, a readable description sits in front
/// of the widget for views that run no script, and ids come from the data's hash.
/// </summary>
internal static class ReplayHtml
{
    public static string Render(ReplayWidget widget, HtmlOptions options)
    {
        var json = widget.ToJson();
        return FigureHtml.Page(options, "replay-" + FigureHtml.Hash(json), (id, sources) => Template.Fill(Assets.ReplayHtml, new Dictionary<string, string>
        {
            ["__RUNLENS_ID__"] = id,
            ["__RUNLENS_TITLE__"] = WebUtility.HtmlEncode(widget.Title),
            ["__RUNLENS_SUMMARY__"] = WebUtility.HtmlEncode(Summary(widget)),
            ["__RUNLENS_DATA__"] = json,
            ["__RUNLENS_SOURCES__"] = sources,
            ["__RUNLENS_STYLE__"] = Assets.ReplayCss,
            ["__RUNLENS_LOADER__"] = Assets.PlotlyLoaderJs,
            ["__RUNLENS_VIEW__"] = Assets.ReplayViewJs,
            ["__RUNLENS_SCRIPT__"] = Assets.ReplayJs,
        }));
    }

    // "3 episodes, 1,637 frames; episode 7: return 12.5 over 60 steps" — what the widget would open on.
    private static string Summary(ReplayWidget widget)
    {
        var episodes = widget.Data.Episodes;
        var frames = episodes.Sum(e => e.Steps.Count);
        return string.Create(CultureInfo.InvariantCulture,
            $"{episodes.Count:N0} episode{(episodes.Count == 1 ? "" : "s")}, {frames:N0} frame{(frames == 1 ? "" : "s")}")
            + (widget.Labels.Count > 0 ? "; first: " + widget.Labels[0] : "");
    }
}
