namespace RunLens.Notebooks.Tests;

/// <summary>A hand-built notebook run with every cell and output kind, for the report and .ipynb writers.</summary>
internal static class SampleRun
{
    public static Figure Heatmap() => Charts.PositionHeatmap(
        [new PositionCount(1, 0, 0, 3), new PositionCount(1, 1, 0, 5), new PositionCount(1, 0, 1, 2)], "tiny heatmap");

    public static NotebookRun Create(bool withFailure = false)
    {
        var document = new NotebookDocument("/tmp/nb/sample.ipynb", "ipynb", "csharp",
        [
            new NotebookCell(CellKind.Markdown, "markdown", "# Sample <b>run</b>\n\nSome *markdown* <script>alert('x')</script>.\n\n## Curves"),
            new NotebookCell(CellKind.Code, "csharp", "Console.WriteLine(\"hi <there>\");\n1 + 1"),
            new NotebookCell(CellKind.Code, "csharp", "display(heatmap);"),
            new NotebookCell(CellKind.Markdown, "markdown", "## Curves\n\n### Details"),
            new NotebookCell(CellKind.Code, "csharp", "undefinedThing"),
            new NotebookCell(CellKind.Raw, "raw", "raw <text>"),
        ], new string('a', 64));
        // Notebook-mode HTML as a kernel session writes it: no plotly.js, the loopback address to load it from.
        var figureHtml = Heatmap().ToHtml(new HtmlOptions { Session = new HtmlSession(), PlotlyJsSources = [PlotlyJsServer.Url(PlotlyJsServer.DefaultPort)] });
        var error = new ErrorOutput("CompilationErrorException", "(1,1): error CS0103: The name 'undefinedThing' does not exist", ["at cell 5"]);
        var cells = new List<CellResult>
        {
            new(1, document.Cells[0], CellStatus.PassedThrough, [], TimeSpan.Zero, null),
            new(2, document.Cells[1], CellStatus.Ran,
            [
                new StreamOutput("stdout", "hi <there>\n"),
                new DisplayOutput(new Dictionary<string, string> { ["text/plain"] = "2", ["text/html"] = "<div class=\"dni-plaintext\"><pre>2</pre></div>" }, IsResult: true),
            ], TimeSpan.FromMilliseconds(120), 1),
            new(3, document.Cells[2], CellStatus.Ran,
                [new DisplayOutput(new Dictionary<string, string> { ["text/html"] = figureHtml }, IsResult: false)], TimeSpan.FromMilliseconds(40), 2),
            new(4, document.Cells[3], CellStatus.PassedThrough, [], TimeSpan.Zero, null),
            withFailure
                ? new(5, document.Cells[4], CellStatus.Failed, [error], TimeSpan.FromMilliseconds(5), 3)
                : new(5, document.Cells[4], CellStatus.Ran, [new DisplayOutput(new Dictionary<string, string> { ["text/plain"] = "<plain & simple>" }, IsResult: true)], TimeSpan.FromMilliseconds(5), 3),
            new(6, document.Cells[5], CellStatus.PassedThrough, [], TimeSpan.Zero, null),
        };
        return new NotebookRun(document, cells, ["/data/run/log.jsonl", "/data/run/config.json"],
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), TimeSpan.FromSeconds(1.5));
    }
}
