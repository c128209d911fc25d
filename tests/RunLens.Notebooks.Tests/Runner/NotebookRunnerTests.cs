using RunLens.TestSupport;

namespace RunLens.Notebooks.Tests.Runner;

public partial class NotebookRunnerTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void State_carries_across_cells()
    {
        var run = Run(Cs("var x = 20;"), Cs("var y = x + 1;"), Cs("x + y"));

        Assert.True(run.Succeeded);
        Assert.Equal([1, 2, 3], run.Cells.Select(c => c.ExecutionCount!.Value));
        Assert.Equal("41", Result(run.Cells[2]).Data["text/plain"]);
    }

    [Fact]
    public void A_trailing_expression_is_the_result_and_display_calls_are_not()
    {
        var run = Run(Cs("display(1);\n2.Display();\n\"<b>x</b>\".DisplayAs(\"text/html\");\n3"), Cs("var quiet = 4;"));

        var outputs = run.Cells[0].Outputs.Cast<DisplayOutput>().ToList();
        Assert.Equal([false, false, false, true], outputs.Select(o => o.IsResult));
        Assert.Equal(["1", "2", "3"], outputs.Where(o => o.Data.ContainsKey("text/plain")).Select(o => o.Data["text/plain"]));
        Assert.Equal("<b>x</b>", outputs[2].Data["text/html"]);
        Assert.Empty(run.Cells[1].Outputs);
    }

    [Fact]
    public void Values_are_formatted_by_the_kernel_formatter()
    {
        var run = Run(Cs("42"), Cs("\"a<b\""), Cs("new { Name = \"a\", Count = 1 }"));

        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>42</pre></div>", Result(run.Cells[0]).Data["text/html"], StringComparison.Ordinal);
        Assert.Equal("text/plain", Result(run.Cells[1]).Data.Keys.First());
        Assert.Equal("a<b", Result(run.Cells[1]).Data["text/plain"]);
        Assert.Contains("dni-treeview", Result(run.Cells[2]).Data["text/html"]);
    }

    [Fact]
    public void Console_output_is_captured_per_cell_in_order()
    {
        var stdout = Console.Out;
        var run = Run(Cs("Console.Write(\"a\");\nConsole.WriteLine(\"b\");\nConsole.Error.WriteLine(\"oops\");\ndisplay(1);\nConsole.WriteLine(\"c\");"), Cs("Console.WriteLine(\"second\");"));

        var outputs = run.Cells[0].Outputs;
        Assert.Equal(new StreamOutput("stdout", "ab\n"), outputs[0]);
        Assert.Equal(new StreamOutput("stderr", "oops\n"), outputs[1]);
        Assert.IsType<DisplayOutput>(outputs[2]);
        Assert.Equal(new StreamOutput("stdout", "c\n"), outputs[3]);
        Assert.Equal([new StreamOutput("stdout", "second\n")], run.Cells[1].Outputs);
        Assert.Same(stdout, Console.Out);
    }

    [Fact]
    public void A_compile_error_in_cell_3_names_the_cell_the_line_and_the_message()
    {
        var run = Run(Md("# Intro"), Cs("var a = 1;\nConsole.WriteLine(a);"), Cs("var b = 2;\nvar c = undefinedName + b;"), Cs("a"));

        Assert.False(run.Succeeded);
        Assert.Equal([CellStatus.PassedThrough, CellStatus.Ran, CellStatus.Failed, CellStatus.NotRun], run.Cells.Select(c => c.Status));
        Assert.Equal([new StreamOutput("stdout", "1\n")], run.Cells[1].Outputs);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(run.FirstFailure!.Outputs));
        Assert.Equal(3, run.FirstFailure.Number);
        Assert.StartsWith("Cell 3, line 2: CS0103: The name 'undefinedName' does not exist", error.Message);
        Assert.Contains(error.Traceback, l => l.Contains("var c = undefinedName + b;", StringComparison.Ordinal));
        Assert.Empty(run.Cells[3].Outputs);
    }

    [Fact]
    public void A_runtime_exception_names_its_type_message_and_line_in_the_cell()
    {
        var run = Run(Cs("var n = 1;"), Cs("Console.WriteLine(\"before\");\nthrow new InvalidOperationException(\"bad things\");"), Cs("n"));

        var failed = run.FirstFailure!;
        Assert.Equal(2, failed.Number);
        Assert.Equal(new StreamOutput("stdout", "before\n"), failed.Outputs[0]);
        var error = Assert.IsType<ErrorOutput>(failed.Outputs[1]);
        Assert.Equal("System.InvalidOperationException", error.Name);
        Assert.Equal("Cell 2, line 2: bad things", error.Message);
        Assert.Contains("   at cell 2, line 2", error.Traceback);
        Assert.Equal(CellStatus.NotRun, run.Cells[2].Status);
    }

    [Fact]
    public void Without_stop_at_first_failure_later_cells_still_run_on_the_earlier_state()
    {
        var run = Run(new NotebookRunOptions { StopAtFirstFailure = false }, Cs("var n = 5;"), Cs("nope"), Cs("n"));

        Assert.Equal([CellStatus.Ran, CellStatus.Failed, CellStatus.Ran], run.Cells.Select(c => c.Status));
        Assert.Equal("5", Result(run.Cells[2]).Data["text/plain"]);
    }

    [Fact]
    public void An_ipynb_file_reads_and_runs_end_to_end()
    {
        var path = _dir.Write("nb.ipynb", """
            {"cells": [
              {"cell_type": "markdown", "id": "m", "metadata": {}, "source": ["# Sum\n"]},
              {"cell_type": "code", "id": "c", "metadata": {"polyglot_notebook": {"kernelName": "csharp"}}, "outputs": [],
               "source": ["Console.WriteLine(\"hello\");\n", "new[] { 1, 2, 3 }.Sum()"]}],
             "metadata": {"polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp"}}}, "nbformat": 4, "nbformat_minor": 5}
            """);

        var run = NotebookRunner.Run(NotebookReader.Read(path));

        Assert.True(run.Succeeded);
        Assert.Equal([new StreamOutput("stdout", "hello\n")], run.Cells[1].Outputs.OfType<StreamOutput>());
        Assert.Equal("6", Result(run.Cells[1]).Data["text/plain"]);
        Assert.True(run.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public void A_cell_that_runs_too_long_fails_with_a_timeout_and_stops_the_run()
    {
        var options = new NotebookRunOptions { CellTimeout = TimeSpan.FromMilliseconds(300), StopAtFirstFailure = false };
        var run = Run(options, Cs("System.Threading.Thread.Sleep(3000);"), Cs("1"));

        Assert.Equal([CellStatus.Failed, CellStatus.NotRun], run.Cells.Select(c => c.Status));
        Assert.Equal("TimeoutException", Assert.IsType<ErrorOutput>(Assert.Single(run.Cells[0].Outputs)).Name);
    }

    private static NotebookCell Cs(string source) => new(CellKind.Code, "csharp", source);

    private static NotebookCell Md(string source) => new(CellKind.Markdown, "markdown", source);

    private static DisplayOutput Result(CellResult cell) => Assert.Single(cell.Outputs.OfType<DisplayOutput>(), o => o.IsResult);

    private NotebookRun Run(params NotebookCell[] cells) => Run(new NotebookRunOptions(), cells);

    private NotebookRun Run(NotebookRunOptions options, params NotebookCell[] cells) =>
        NotebookRunner.Run(new NotebookDocument(_dir.File("test.dib"), "dib", "csharp", cells, ""), options);
}
