using RunLens.TestSupport;

namespace RunLens.Notebooks.Tests.Runner;

/// <summary>The runner on the real C# kernel: each test runs a tiny notebook it writes itself.</summary>
[Collection(RunnerCollection.Name)]
public partial class NotebookRunnerTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void State_carries_across_cells()
    {
        var run = Run(Cs("var x = 20;"), Cs("using System.Globalization;\nvar y = x + 1;"), Cs("(x + y).ToString(CultureInfo.InvariantCulture)"));

        Assert.True(run.Succeeded, Errors(run));
        Assert.Equal([1, 2, 3], run.Cells.Select(c => c.ExecutionCount!.Value));
        Assert.Equal("41", Result(run.Cells[2]).Data["text/plain"]);
    }

    [Fact]
    public void Values_show_as_a_notebook_frontend_shows_them_html_by_default_and_strings_as_text()
    {
        var run = Run(Cs("42"), Cs("\"a<b\""), Cs("new { Name = \"a\", Count = 1 }"));

        Assert.True(run.Succeeded, Errors(run));
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>42</pre></div>", Result(run.Cells[0]).Data["text/html"], StringComparison.Ordinal);
        Assert.Equal(["text/plain"], Result(run.Cells[1]).Data.Keys);
        Assert.Equal("a<b", Result(run.Cells[1]).Data["text/plain"]);
        Assert.Contains("dni-treeview", Result(run.Cells[2]).Data["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_trailing_expression_is_the_result_and_display_calls_are_displays()
    {
        var run = Run(Cs("display(\"one\");\n\"two\".Display();\n\"<b>x</b>\".DisplayAs(\"text/html\");\nHTML(\"<i>y</i>\")"),
            Cs("display(\"three\")"), Cs("var quiet = 4;"));

        Assert.True(run.Succeeded, Errors(run));
        var outputs = run.Cells[0].Outputs.Cast<DisplayOutput>().ToList();
        Assert.Equal([false, false, false, true], outputs.Select(o => o.IsResult));
        Assert.Equal(["one", "two"], outputs.Take(2).Select(o => o.Data["text/plain"]));
        Assert.Equal("<b>x</b>", outputs[2].Data["text/html"]);
        Assert.Equal("<i>y</i>", outputs[3].Data["text/html"]);
        // display(x) returns the DisplayedValue handle: the cell shows the value once, not the handle as its result.
        Assert.Equal("three", Assert.IsType<DisplayOutput>(Assert.Single(run.Cells[1].Outputs)).Data["text/plain"]);
        Assert.Empty(run.Cells[2].Outputs);
    }

    [Fact]
    public void A_display_that_updates_ends_as_one_output_with_the_last_value_in_its_place()
    {
        var run = Run(
            Cs("display(\"before\");\nvar progress = display(\"0%\");\nfor (var i = 1; i <= 4; i++)\n    progress.Update($\"{i * 25}%\");\nConsole.WriteLine(\"done\");"),
            Cs("var context = Microsoft.DotNet.Interactive.KernelInvocationContext.Current;\n" +
               "var shown = Microsoft.DotNet.Interactive.KernelInvocationContextExtensions.Display(context, \"a\");\n" +
               "display(\"between\");\nshown.Update(\"b\");\nshown.Update(\"c\");"));

        Assert.True(run.Succeeded, Errors(run));
        Assert.Equal(["before", "100%", "done\n"], run.Cells[0].Outputs.Select(Text));
        // The kernel's context.Display keeps one id through updates: matched by id, even with a display in between.
        Assert.Equal(["c", "between"], run.Cells[1].Outputs.Select(Text));
    }

    [Fact]
    public void Console_output_is_captured_per_cell_in_order()
    {
        var stdout = Console.Out;
        var run = Run(Cs("Console.Write(\"a\");\nConsole.WriteLine(\"b\");\nConsole.Error.WriteLine(\"oops\");\ndisplay(\"x\");\nConsole.WriteLine(\"c\");"),
            Cs("Console.WriteLine(\"second\");"));

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
        Assert.Equal("Cell 3, line 2: CS0103: The name 'undefinedName' does not exist in the current context", error.Message);
        Assert.Contains("    var c = undefinedName + b;", error.Traceback);
        Assert.Empty(run.Cells[3].Outputs);
        Assert.Null(run.Cells[3].ExecutionCount);
    }

    [Fact]
    public void A_runtime_exception_names_the_cell_its_type_and_message()
    {
        var run = Run(Cs("var n = 1;"), Cs("Console.WriteLine(\"before\");\nthrow new InvalidOperationException(\"bad things\");"), Cs("n"));

        var failed = run.FirstFailure!;
        Assert.Equal(2, failed.Number);
        Assert.Equal(new StreamOutput("stdout", "before\n"), failed.Outputs[0]);
        var error = Assert.IsType<ErrorOutput>(failed.Outputs[1]);
        Assert.Equal("System.InvalidOperationException", error.Name);
        // The kernel compiles cells without debug information: the trace names the submission, not a line.
        Assert.Equal("Cell 2: bad things", error.Message);
        Assert.Contains(error.Traceback, l => l.Contains("Submission#", StringComparison.Ordinal));
        Assert.Equal(CellStatus.NotRun, run.Cells[2].Status);
    }

    [Fact]
    public void Without_stop_at_first_failure_later_cells_still_run_on_the_earlier_state()
    {
        var run = Run(new NotebookRunOptions { StopAtFirstFailure = false }, Cs("var n = \"five\";"), Cs("nope"), Cs("n"));

        Assert.Equal([CellStatus.Ran, CellStatus.Failed, CellStatus.Ran], run.Cells.Select(c => c.Status));
        Assert.Equal("five", Result(run.Cells[2]).Data["text/plain"]);
    }

    [Fact]
    public void A_cell_that_runs_too_long_fails_with_a_timeout_and_stops_the_run()
    {
        var options = new NotebookRunOptions { CellTimeout = TimeSpan.FromMilliseconds(500), StopAtFirstFailure = false };
        var run = Run(options, Cs("Console.WriteLine(\"started\");\nSystem.Threading.Thread.Sleep(3000);"), Cs("1"));

        Assert.Equal([CellStatus.Failed, CellStatus.NotRun], run.Cells.Select(c => c.Status));
        var error = Assert.IsType<ErrorOutput>(run.Cells[0].Outputs[^1]);
        Assert.Equal("TimeoutException", error.Name);
        Assert.StartsWith("Cell 1: still running after 00:00:00.5", error.Message, StringComparison.Ordinal);
    }

    internal static NotebookCell Cs(string source) => new(CellKind.Code, "csharp", source);

    internal static NotebookCell Md(string source) => new(CellKind.Markdown, "markdown", source);

    internal static DisplayOutput Result(CellResult cell) => Assert.Single(cell.Outputs.OfType<DisplayOutput>(), o => o.IsResult);

    internal static string Text(CellOutput output) => output switch
    {
        StreamOutput s => s.Text,
        DisplayOutput d => d.Data.TryGetValue("text/plain", out var text) ? text : d.Data.Values.First(),
        ErrorOutput e => e.Message,
        _ => "",
    };

    internal static string Errors(NotebookRun run) =>
        string.Join("\n", run.Cells.SelectMany(c => c.Outputs).OfType<ErrorOutput>().Select(e => e.Message + "\n" + string.Join("\n", e.Traceback)));

    private NotebookRun Run(params NotebookCell[] cells) => Run(new NotebookRunOptions(), cells);

    private NotebookRun Run(NotebookRunOptions options, params NotebookCell[] cells) =>
        NotebookRunner.Run(new NotebookDocument(_dir.File("test.dib"), "dib", "csharp", cells, ""), options);
}
