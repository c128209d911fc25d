using RunLens.TestSupport;

namespace RunLens.Notebooks.Tests.Runner;

public partial class NotebookRunnerTests
{
    [Fact]
    public void Nuget_RunLens_maps_to_the_local_build_and_the_runs_files_are_reported()
    {
        var samples = TestPaths.SampleRuns.Replace("\\", "\\\\", StringComparison.Ordinal);
        var run = Run(
            Cs("#!csharp\n#i \"nuget: /some/local/feed\"\n#r \"nuget: RunLens, 0.1.0\"\n#r \"nuget: RunLens.Charts\""),
            Cs($"using RunLens;\nvar runs = Runs.Load(\"{samples}\");\nruns.Count > 0"));

        Assert.True(run.Succeeded, string.Join("\n", run.Cells.SelectMany(c => c.Outputs)));
        Assert.Equal("True", Result(run.Cells[1]).Data["text/plain"]);
        // An SB3 run's monitor files are one entry whose Path is the run folder: the files read are its DiskPaths.
        var expected = Runs.Load(TestPaths.SampleRuns).SelectMany(r => r.Info.Files).SelectMany(f => f.DiskPaths).Distinct().Order(StringComparer.Ordinal);
        Assert.NotEmpty(run.FilesRead);
        Assert.Equal(expected, run.FilesRead);
    }

    [Fact]
    public void Another_nuget_package_is_a_clear_error()
    {
        var run = Run(Cs("var a = 1;\n#r \"nuget: Plotly.NET, 4.0.0\""));

        var error = Assert.IsType<ErrorOutput>(Assert.Single(run.Cells[0].Outputs));
        Assert.Equal(CellStatus.Failed, run.Cells[0].Status);
        Assert.StartsWith("Cell 1, line 2: #r \"nuget: Plotly.NET\" is not supported", error.Message);
    }

    [Fact]
    public void A_relative_dll_reference_resolves_against_the_notebook_folder()
    {
        var lib = typeof(Markdig.Markdown).Assembly.Location;
        File.Copy(lib, _dir.File("libs/Markdig.dll"));

        var run = Run(Cs("#r \"libs/Markdig.dll\"\nMarkdig.Markdown.ToHtml(\"*a*\").Trim()"));

        Assert.True(run.Succeeded, string.Join("\n", run.Cells.SelectMany(c => c.Outputs)));
        Assert.Equal("<p><em>a</em></p>", Result(run.Cells[0]).Data["text/plain"]);
    }

    [Fact]
    public void Time_is_handled_and_other_magics_are_reported_as_not_supported()
    {
        var run = Run(Cs("#!time\n#!set --name x --value 1\n1 + 1"));

        Assert.Equal(CellStatus.Ran, run.Cells[0].Status);
        var streams = run.Cells[0].Outputs.OfType<StreamOutput>().ToList();
        Assert.Contains(streams, s => s.Name == "stderr" && s.Text.Contains("#!set (line 2) is not supported", StringComparison.Ordinal));
        Assert.Contains(streams, s => s.Name == "stdout" && s.Text.StartsWith("Wall time: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Other_kernels_are_not_run_and_markdown_and_html_pass_through()
    {
        var run = Run(Md("# Hi"), new NotebookCell(CellKind.Code, "fsharp", "let x = 1"),
            new NotebookCell(CellKind.Code, "html", "<b>bold</b>"), new NotebookCell(CellKind.Code, "csharp", "#!javascript\nconsole.log(1)"),
            new NotebookCell(CellKind.Raw, "raw", "raw"));

        Assert.True(run.Succeeded);
        Assert.Equal([CellStatus.PassedThrough, CellStatus.NotRun, CellStatus.PassedThrough, CellStatus.NotRun, CellStatus.PassedThrough],
            run.Cells.Select(c => c.Status));
        Assert.Empty(run.Cells[0].Outputs);
        Assert.Contains("fsharp", Assert.IsType<StreamOutput>(Assert.Single(run.Cells[1].Outputs)).Text, StringComparison.Ordinal);
        Assert.Equal("<b>bold</b>", Assert.IsType<DisplayOutput>(Assert.Single(run.Cells[2].Outputs)).Data["text/html"]);
        Assert.Equal([1, 2, 3, 4, 5], run.Cells.Select(c => c.Number));
    }

    [Fact]
    public void The_working_directory_is_the_notebook_folder_and_is_restored()
    {
        var before = Environment.CurrentDirectory;
        var run = Run(Cs("System.IO.Directory.GetCurrentDirectory()"));

        Assert.Equal(_dir.Path, Result(run.Cells[0]).Data["text/plain"]);
        Assert.Equal(before, Environment.CurrentDirectory);
    }
}
