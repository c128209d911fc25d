using RunLens.TestSupport;

namespace RunLens.Notebooks.Tests;

/// <summary>
/// Every notebook in notebooks/ runs through the headless runner against sample-runs/ (the notebooks reference the
/// Debug build's DLLs by relative path), with no failed cell and the outputs expected, and its report and executed
/// .ipynb are written and checked.
/// </summary>
[Collection(RunnerCollection.Name)]
public class NotebookTests
{
    private static string Folder => Path.Combine(TestPaths.RepoRoot, "notebooks");

    public static TheoryData<string> Notebooks() => new(Names());

    private static IEnumerable<string> Names() =>
        Directory.GetFiles(Folder, "*.ipynb").Where(p => !p.EndsWith(".executed.ipynb", StringComparison.Ordinal))
            .Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_without_errors_and_shows_html_for_every_trailing_value(string name)
    {
        var run = NotebookRunner.Run(NotebookReader.Read(Path.Combine(Folder, name)));

        var failed = run.FirstFailure;
        Assert.True(failed is null, $"cell {failed?.Number} failed: {string.Join("\n", failed?.Outputs.OfType<ErrorOutput>().Select(e => e.Message) ?? [])}");
        foreach (var cell in run.Cells.Where(c => c.Cell.Kind == CellKind.Code))
        {
            Assert.Equal(CellStatus.Ran, cell.Status);
            Assert.DoesNotContain(cell.Outputs, o => o is ErrorOutput);
            if (EndsWithValue(cell.Cell.Source))
                Assert.Contains(cell.Outputs, o => o is DisplayOutput { IsResult: true } d && d.Data.ContainsKey("text/html"));
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
        var run = NotebookRunner.Run(NotebookReader.Read(Path.Combine(Folder, "01-quickstart.ipynb")));

        var figures = run.Cells.SelectMany(c => c.Outputs).OfType<DisplayOutput>()
            .Count(d => d.Data.TryGetValue("text/html", out var h) && h.Contains("runlens-figure", StringComparison.Ordinal));
        Assert.Equal(3, figures);
    }

    [Fact]
    public void Every_notebook_is_listed_in_the_README()
    {
        var readme = File.ReadAllText(Path.Combine(Folder, "README.md"));

        foreach (var name in Names())
            Assert.Contains($"[{name}]", readme);
    }

    // A cell whose last line is an expression (not a directive, using, declaration or statement ending in ';' or '}').
    private static bool EndsWithValue(string source)
    {
        var last = source.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)) ?? "";
        return last.Length > 0 && !last.StartsWith('#') && !last.StartsWith("using ", StringComparison.Ordinal) && !last.EndsWith(';') && !last.EndsWith('}');
    }
}
