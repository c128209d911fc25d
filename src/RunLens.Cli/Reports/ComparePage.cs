using System.Net;
using System.Text;
using System.Text.Json;

namespace RunLens.Cli.Reports;

/// <summary>
/// The page <c>runlens compare --html</c> writes: the comparison table and probability-of-improvement matrix, the
/// comparison charts (see <see cref="Figures"/>), the notes, and the <c>--json</c> report as a data block. plotly.js is inline once in
/// the head, so the page works offline; the layout is the asset <c>Assets/compare.html</c>.
/// </summary>
internal static class ComparePage
{
    private const string TemplateName = "RunLens.Cli.Assets.compare.html";

    public static void Write(string path, RunSet runs, ScoreComparison comparison, CompareReport report, string? metric, string? x = null)
    {
        // The table's block lists the scores' notes; the page's own block adds the command's and the charts'.
        var pageNotes = report.Notes.Where(n => !comparison.Scores.Notes.Contains(n)).ToList();
        var figures = Figures(runs, comparison, metric, x, pageNotes);
        // One session for the page: figure ids stay unique, and none carries plotly.js (the head has it).
        var options = new HtmlOptions { PlotlyJs = PlotlyJsMode.None, Session = new HtmlSession() };
        var title = "Comparison: " + comparison.Scores.Metric + " by " + comparison.Scores.GroupBy;
        var html = Template.Fill(ReadTemplate(), new Dictionary<string, string>
        {
            ["__RUNLENS_TITLE__"] = WebUtility.HtmlEncode(title),
            ["__RUNLENS_WHAT__"] = WebUtility.HtmlEncode(comparison.Scores.ToString()),
            ["__RUNLENS_PLOTLY__"] = figures.Count > 0 ? FigureHtml.PlotlyBlock(PlotlyJs.Script) : "",
            ["__RUNLENS_TABLE__"] = comparison.ToHtml(),
            ["__RUNLENS_FIGURES__"] = string.Concat(figures.Select(f => f.ToHtml(options))),
            ["__RUNLENS_NOTES__"] = WebUtility.HtmlEncode(string.Join("\n", pageNotes)),
            // The serializer's default encoder escapes '<', '>' and '&', so the JSON cannot close its script block.
            ["__RUNLENS_DATA__"] = JsonSerializer.Serialize(report, CompareJsonContext.Default.CompareReport),
        });
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        File.WriteAllText(path, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>
    /// The charts, in reading order: the groups' curves over training with seed-aligned bands (with <c>--metric</c>),
    /// rliable's interval plot, the probability-of-improvement plot, the performance profile, and for sweeps the
    /// hyperparameter heatmap (two hyperparameters in <c>--group-by</c>) and parallel coordinates. A chart that cannot
    /// be drawn is left out with a note.
    /// </summary>
    internal static List<Figure> Figures(RunSet runs, ScoreComparison comparison, string? metric, string? x, List<string> notes)
    {
        var scores = comparison.Scores;
        var figures = new List<Figure>();
        void Add(string what, Func<Figure> make)
        {
            try
            {
                figures.Add(make());
            }
            catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException)
            {
                notes.Add($"No {what} chart: {ex.Message}");
            }
        }
        if (metric is not null)
            Add("curves", () => Charts.CompareVariants(runs.AggregateCurves(metric, scores.GroupBy, new AggregateOptions { X = x })));
        Add("interval", () => comparison.AggregateIntervals());
        if (comparison.Groups.Count > 1)
            Add("probability-of-improvement", () => comparison.ImprovementPlot());
        Add("performance-profile", () => scores.PerformanceProfile(bootstrap: comparison.Bootstrap));
        var names = scores.GroupBy.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Any(n => n is not RunGroups.Variant and not RunGroups.Run))
        {
            SweepTable? sweep = null;
            Add("sweep", () =>
            {
                sweep = scores.Sweep();
                return names.Length == 2 ? sweep.HyperparameterHeatmap(names[0], names[1], comparison.Bootstrap) : sweep.ParallelCoordinates();
            });
            if (sweep is not null && names.Length == 2)
                Add("parallel-coordinates", () => sweep.ParallelCoordinates());
        }
        return figures;
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
