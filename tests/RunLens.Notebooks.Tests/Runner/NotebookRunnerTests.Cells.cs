using RunLens.TestSupport;

namespace RunLens.Notebooks.Tests.Runner;

public partial class NotebookRunnerTests
{
    [Fact]
    public void Markdown_raw_and_html_pass_through_and_other_kernels_are_not_run()
    {
        var run = Run(Md("# Hi"), new NotebookCell(CellKind.Code, "fsharp", "let x = 1"),
            new NotebookCell(CellKind.Code, "html", "<b>bold</b>"), new NotebookCell(CellKind.Code, "javascript", "console.log(1)"),
            new NotebookCell(CellKind.Raw, "raw", "raw"), Cs("1"));

        Assert.True(run.Succeeded, Errors(run));
        Assert.Equal([CellStatus.PassedThrough, CellStatus.NotRun, CellStatus.PassedThrough, CellStatus.NotRun, CellStatus.PassedThrough, CellStatus.Ran],
            run.Cells.Select(c => c.Status));
        Assert.Empty(run.Cells[0].Outputs);
        var note = Assert.IsType<StreamOutput>(Assert.Single(run.Cells[1].Outputs));
        Assert.Equal(new StreamOutput("stderr", "Not run: the notebook runner hosts only the C# kernel, and this is a fsharp cell.\n"), note);
        Assert.Equal("<b>bold</b>", Assert.IsType<DisplayOutput>(Assert.Single(run.Cells[2].Outputs)).Data["text/html"]);
        Assert.Equal([1, 2, 3, 4, 5, 6], run.Cells.Select(c => c.Number));
        Assert.Equal(1, run.Cells[5].ExecutionCount);
    }

    [Fact]
    public void A_first_line_naming_the_cells_kernel_routes_it_as_in_the_kernel()
    {
        var run = Run(Cs("#!csharp\n\"routed\""), new NotebookCell(CellKind.Code, "html", "#!html\n<i>html</i>"));

        Assert.True(run.Succeeded, Errors(run));
        Assert.Equal("routed", Result(run.Cells[0]).Data["text/plain"]);
        Assert.Equal("<i>html</i>", Assert.IsType<DisplayOutput>(Assert.Single(run.Cells[1].Outputs)).Data["text/html"]);
    }

    [Fact]
    public void Time_shows_the_wall_time_as_the_tool_does_and_unknown_magics_fail_naming_cell_and_line()
    {
        var run = Run(new NotebookRunOptions { StopAtFirstFailure = false }, Cs("#!time\n\"timed\""), Cs("var a = 1;\n#!nope --x 1\na"));

        Assert.Equal(CellStatus.Ran, run.Cells[0].Status);
        Assert.Equal("timed", Result(run.Cells[0]).Data["text/plain"]);
        Assert.Matches(@"^Wall time: \d+(\.\d+)?ms$", Text(run.Cells[0].Outputs[^1]));
        Assert.Equal(CellStatus.Failed, run.Cells[1].Status);
        Assert.Equal("Cell 2, line 2: DNI101: Unknown magic command '#!nope'", Assert.IsType<ErrorOutput>(Assert.Single(run.Cells[1].Outputs)).Message);
    }

    [Fact]
    public void Value_sharing_magics_work_as_in_the_kernel()
    {
        var run = Run(Cs("#!set --name shared --value hello\nshared"));

        Assert.True(run.Succeeded, Errors(run));
        Assert.Equal("hello", Result(run.Cells[0]).Data["text/plain"]);
    }

    [Fact]
    public void The_working_directory_is_the_notebook_folder_and_is_restored()
    {
        var before = Environment.CurrentDirectory;
        var run = Run(Cs("System.IO.Directory.GetCurrentDirectory()"));

        Assert.Equal(_dir.Path, Result(run.Cells[0]).Data["text/plain"]);
        Assert.Equal(before, Environment.CurrentDirectory);
    }

    [Fact]
    public void A_relative_dll_reference_resolves_against_the_notebook_folder()
    {
        File.Copy(typeof(Markdig.Markdown).Assembly.Location, _dir.File("libs/Markdig.dll"));

        var run = Run(Cs("#r \"libs/Markdig.dll\"\nMarkdig.Markdown.ToHtml(\"*a*\").Trim()"));

        Assert.True(run.Succeeded, Errors(run));
        Assert.Equal("<p><em>a</em></p>", Result(run.Cells[0]).Data["text/plain"]);
    }

    [Fact]
    public void The_files_behind_the_runs_a_notebook_holds_are_its_provenance()
    {
        var dll = typeof(RunSet).Assembly.Location;
        var samples = TestPaths.SampleRuns.Replace("\\", "\\\\", StringComparison.Ordinal);
        var run = Run(Cs($"#r \"{dll}\"\nusing RunLens;"), Cs($"var runs = Runs.Load(\"{samples}\");\nruns.Count > 0"));

        Assert.True(run.Succeeded, Errors(run));
        // An SB3 run's monitor files are one entry whose Path is the run folder: the files read are its DiskPaths.
        var expected = Runs.Load(TestPaths.SampleRuns).SelectMany(r => r.Info.Files).SelectMany(f => f.DiskPaths).Distinct().Order(StringComparer.Ordinal);
        Assert.NotEmpty(run.FilesRead);
        Assert.Equal(expected, run.FilesRead);
    }
}
