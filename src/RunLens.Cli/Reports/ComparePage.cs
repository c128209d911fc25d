using System.Net;
using System.Text;
using System.Text.Json;

namespace RunLens.Cli.Reports;

/// <summary>
/// The page <c>runlens compare --html</c> writes: the comparison table and probability-of-improvement matrix, the
/// charts that fit the grouping, the notes, and the <c>--json</c> report as a data block. plotly.js is inline once in
/// the head, so the page works offline; the layout is the asset <c>Assets/compare.html</c>.
/// </summary>
internal static class ComparePage
{
    private const string TemplateName = "RunLens.Cli.Assets.compare.html";

    public static void Write(string path, RunSet runs, ScoreComparison comparison, CompareReport report, string? metric)
    {
        var figures = Figures(runs, comparison, metric).ToList();
        // One session for the page: figure ids stay unique, and none carries plotly.js (the head has it).
        var options = new HtmlOptions { PlotlyJs = PlotlyJsMode.None, Session = new HtmlSession() };
        var title = "Comparison: " + comparison.Scores.Metric + " by " + comparison.Scores.GroupBy;
        var html = Template.Fill(ReadTemplate(), new Dictionary<string, string>
        {
            ["__RUNLENS_TITLE__"] = WebUtility.HtmlEncode(title),
            ["__RUNLENS_WHAT__"] = WebUtility.HtmlEncode(comparison.Caption()),
            ["__RUNLENS_PLOTLY__"] = figures.Count > 0 ? FigureHtml.PlotlyBlock(PlotlyJs.Script) : "",
            ["__RUNLENS_TABLE__"] = comparison.ToHtml(),
            ["__RUNLENS_FIGURES__"] = string.Concat(figures.Select(f => f.ToHtml(options))),
            ["__RUNLENS_NOTES__"] = WebUtility.HtmlEncode(string.Join("\n", report.Notes)),
            // The serializer's default encoder escapes '<', '>' and '&', so the JSON cannot close its script block.
            ["__RUNLENS_DATA__"] = JsonSerializer.Serialize(report, CompareJsonContext.Default.CompareReport),
        });
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        File.WriteAllText(path, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>
    /// The charts that fit: with two hyperparameters in <c>--group-by</c>, the heatmap of the first against the
    /// second; when hyperparameters vary between the runs, their parallel coordinates.
    /// </summary>
    private static IEnumerable<Figure> Figures(RunSet runs, ScoreComparison comparison, string? metric)
    {
        _ = runs;
        _ = metric;
        var scores = comparison.Scores;
        var names = scores.GroupBy.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        SweepTable? sweep;
        try
        {
            sweep = scores.Sweep();
        }
        catch (ArgumentException)
        {
            sweep = null;
        }
        if (sweep is not null && names.Length == 2 && names.All(sweep.Hyperparameters.Contains))
            yield return sweep.HyperparameterHeatmap(names[0], names[1], comparison.Bootstrap);
        if (sweep is not null)
            yield return sweep.ParallelCoordinates();
    }

    private static string ReadTemplate()
    {
        var assembly = typeof(ComparePage).Assembly;
        using var stream = assembly.GetManifestResourceStream(TemplateName)
            ?? throw new InvalidOperationException($"The embedded page template '{TemplateName}' is missing; rebuild RunLens.Cli (it embeds Assets/*).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
