using System.Globalization;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Notebooks.Tests;

/// <summary>
/// Every notebook in notebooks/ runs on the real C# kernel against sample-runs/ (the notebooks reference the Debug
/// build's DLLs by relative path), with no failed cell and the outputs expected, and its report and executed .ipynb
/// are written and checked.
/// </summary>
[Collection(RunnerCollection.Name)]
public class NotebookTests(NotebookRuns runs, ITestOutputHelper output)
{
    public static TheoryData<string> Notebooks() => new(NotebookRuns.Names());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_without_errors_and_shows_every_trailing_value(string name)
    {
        var run = runs.Of(name);
        var cells = run.Cells.Where(c => c.Cell.Kind == CellKind.Code).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {run.Elapsed.TotalSeconds:0.00} s in all, {cells.Sum(c => c.Elapsed.TotalSeconds):0.00} s in {cells.Count} cells, " +
            $"first cell {cells[0].Elapsed.TotalSeconds:0.00} s"));

        var failed = run.FirstFailure;
        Assert.True(failed is null, $"cell {failed?.Number} failed: {string.Join("\n", failed?.Outputs.OfType<ErrorOutput>().Select(e => e.Message) ?? [])}");
        foreach (var cell in cells)
        {
            Assert.Equal(CellStatus.Ran, cell.Status);
            Assert.DoesNotContain(cell.Outputs, o => o is ErrorOutput);
            // What VS Code shows: objects as HTML, strings as plain text.
            if (EndsWithValue(cell.Cell.Source))
                Assert.Contains(cell.Outputs, o => o is DisplayOutput { IsResult: true } d && (d.Data.ContainsKey("text/html") || d.Data.ContainsKey("text/plain")));
        }
        Assert.NotEmpty(run.FilesRead);

        using var temp = new TempDir();
        var html = temp.File(Path.ChangeExtension(name, ".html"));
        var ipynb = temp.File(name);
        NotebookReport.WriteHtml(run, html);
        IpynbWriter.Write(run, ipynb);
        var report = File.ReadAllText(html);
        var plotly = report.IndexOf(PlotlyJs.Script, StringComparison.Ordinal);
        Assert.True(plotly > 0 && report.IndexOf(PlotlyJs.Script, plotly + 1, StringComparison.Ordinal) < 0, "plotly.js must be in the report exactly once.");
        var problem = Nbformat.Validate(ipynb, out _);
        Assert.True(problem is null, problem);
    }

    [Fact]
    public void Quickstart_draws_three_figures()
    {
        var run = runs.Of("01-quickstart.ipynb");

        var figures = run.Cells.SelectMany(c => c.Outputs).OfType<DisplayOutput>()
            .Count(d => d.Data.TryGetValue("text/html", out var h) && h.Contains("runlens-figure", StringComparison.Ordinal));
        Assert.Equal(3, figures);
    }

    [Fact]
    public void Quickstart_saves_the_reward_curves_as_png_svg_and_pdf_and_shows_the_png()
    {
        var run = runs.Of("01-quickstart.ipynb");

        // The export cell runs headless Chromium (CI installs it); its output is the PNG inline.
        var shown = run.Cells.SelectMany(c => c.Outputs).OfType<DisplayOutput>()
            .Count(d => d.Data.TryGetValue("text/html", out var h) && h.Contains("data:image/png;base64,", StringComparison.Ordinal));
        Assert.Equal(1, shown);
        var folder = Path.Combine(NotebookRuns.Folder, "..", "artifacts", "figures");
        foreach (var name in new[] { "rewards.png", "rewards.svg", "rewards.pdf" })
            Assert.True(new FileInfo(Path.Combine(folder, name)).Length > 1000, name);
    }

    [Fact]
    public void Train_and_watch_ends_with_the_final_chart_and_status_of_a_finished_run()
    {
        var run = runs.Of("07-train-and-watch.ipynb");

        // The watch's display, updated in place while the run grew, ends as one output: the final view (100 updates).
        var watch = run.Cells.Single(c => c.Cell.Kind == CellKind.Code && c.Cell.Source.Contains(".Watch(", StringComparison.Ordinal));
        var view = Assert.Single(watch.Outputs.OfType<DisplayOutput>());
        Assert.Contains("data-runlens-live=\"ended\"", view.Data["text/html"], StringComparison.Ordinal);
        Assert.Contains("runlens-figure", view.Data["text/html"], StringComparison.Ordinal);
        Assert.Matches(@"^100 records · step 99 · .* · ended \(status finished\)", view.Data["text/plain"]);
        var summary = run.Cells.Single(c => c.Cell.Kind == CellKind.Code && c.Cell.Source.Contains("run.Info.Status", StringComparison.Ordinal));
        Assert.Contains(summary.Outputs.OfType<DisplayOutput>(), d => d.Data.TryGetValue("text/plain", out var t) && t.Contains("finished, 100 records", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_notebook_is_listed_in_the_README()
    {
        var readme = File.ReadAllText(Path.Combine(NotebookRuns.Folder, "README.md"));

        foreach (var name in NotebookRuns.Names())
            Assert.Contains($"[{name}]", readme);
    }

    // A cell whose last line is an expression (not a directive, using, declaration or statement ending in ';' or '}').
    private static bool EndsWithValue(string source)
    {
        var last = source.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)) ?? "";
        return last.Length > 0 && !last.StartsWith('#') && !last.StartsWith("using ", StringComparison.Ordinal) && !last.EndsWith(';') && !last.EndsWith('}');
    }
}
