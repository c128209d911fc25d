namespace RunLens;

/// <summary>Renders a replay through its asset files; the data goes in as a JSON block and ids come from its hash.</summary>
internal static class ReplayHtml
{
    public static string Render(ReplayWidget widget, HtmlOptions options)
    {
        var json = widget.ToJson();
        return FigureHtml.Page(options, "replay-" + FigureHtml.Hash(json), id => Template.Fill(Assets.ReplayHtml, new Dictionary<string, string>
        {
            ["__RUNLENS_ID__"] = id,
            ["__RUNLENS_DATA__"] = json,
            ["__RUNLENS_STYLE__"] = Assets.ReplayCss,
            ["__RUNLENS_VIEW__"] = Assets.ReplayViewJs,
            ["__RUNLENS_SCRIPT__"] = Assets.ReplayJs,
        }));
    }
}
