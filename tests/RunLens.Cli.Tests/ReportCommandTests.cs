using RunLens.Cli.Commands;
using RunLens.Notebooks;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

public class ReportCommandTests
{
    private static NotebookRun FakeRun(string path, bool fail)
    {
        var document = new NotebookDocument(path, "ipynb", "csharp",
        [
            new NotebookCell(CellKind.Markdown, "markdown", "# Title"),
            new NotebookCell(CellKind.Code, "csharp", "var x = 1;\nundefinedThing"),
        ], new string('0', 64));
        CellResult code = fail
            ? new(2, document.Cells[1], CellStatus.Failed, [new ErrorOutput("CompilationErrorException", "(line 2) CS0103: The name 'undefinedThing' does not exist in the current context", [])], TimeSpan.Zero, 1)
            : new(2, document.Cells[1], CellStatus.Ran, [new DisplayOutput(new Dictionary<string, string> { ["text/plain"] = "1" }, IsResult: true)], TimeSpan.Zero, 1);
        return new NotebookRun(document, [new(1, document.Cells[0], CellStatus.PassedThrough, [], TimeSpan.Zero, null), code],
            [], DateTimeOffset.UnixEpoch, TimeSpan.Zero);
    }

    private static (int Exit, string Out, string Error) Run(ReportCommand.ReportRequest request, bool fail)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = ReportCommand.Run(request, new Terminal(output, error, interactive: false), path => FakeRun(path, fail));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Writes_the_report_beside_the_notebook_by_default()
    {
        using var dir = new TempDir();
        var notebook = dir.Write("nb/demo.ipynb", "{}");

        var (exit, output, error) = Run(new ReportCommand.ReportRequest(notebook, null, null), fail: false);

        Assert.True(exit == 0, error);
        var html = Path.Combine(dir.Path, "nb", "demo.html");
        Assert.Equal(html, output.Trim());
        Assert.Contains("<h1 id=\"sec-title\">Title</h1>", File.ReadAllText(html));
    }

    [Fact]
    public void Output_and_ipynb_options_name_the_files_written()
    {
        using var dir = new TempDir();
        var notebook = dir.Write("demo.ipynb", "{}");
        var html = Path.Combine(dir.Path, "out", "r.html");
        var ipynb = Path.Combine(dir.Path, "out", "r.ipynb");

        var (exit, output, error) = Run(new ReportCommand.ReportRequest(notebook, html, ipynb), fail: false);

        Assert.True(exit == 0, error);
        Assert.Equal([html, ipynb], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"nbformat_minor\": 5", File.ReadAllText(ipynb));
    }

    [Fact]
    public void A_failed_cell_exits_3_naming_the_cell_and_still_writes_the_report()
    {
        using var dir = new TempDir();
        var notebook = dir.Write("demo.ipynb", "{}");

        var (exit, _, error) = Run(new ReportCommand.ReportRequest(notebook, null, null), fail: true);

        Assert.Equal(3, exit);
        Assert.Equal("runlens report: cell 2 failed: (line 2) CS0103: The name 'undefinedThing' does not exist in the current context", error.Trim());
        Assert.True(File.Exists(Path.Combine(dir.Path, "demo.html")));
    }

    [Fact]
    public void A_missing_notebook_is_a_user_error()
    {
        var (exit, _, error) = CliRunner.Run("report", "/no/such/notebook.ipynb");

        Assert.Equal(1, exit);
        Assert.Contains("no notebook at '/no/such/notebook.ipynb'", error);
    }
}
