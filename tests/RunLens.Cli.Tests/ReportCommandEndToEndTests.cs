using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

/// <summary>
/// Tests that set process-wide state (Console.Out, the current directory, environment variables) run on their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookRunnerCollection
{
    public const string Name = "Process-wide state (console, directory, environment)";
}

[Collection(NotebookRunnerCollection.Name)]
public class ReportCommandEndToEndTests
{
    [Fact]
    public void Quickstart_report_and_executed_notebook_are_written()
    {
        using var dir = new TempDir();
        var html = Path.Combine(dir.Path, "quickstart.html");
        var ipynb = Path.Combine(dir.Path, "quickstart.ipynb");

        var (exit, output, error) = CliRunner.Run("report", Path.Combine(TestPaths.RepoRoot, "notebooks", "01-quickstart.ipynb"), "-o", html, "--ipynb", ipynb);

        Assert.True(exit == 0, error);
        Assert.Equal([html, ipynb], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("runlens-figure", File.ReadAllText(html));
        Assert.Contains("\"output_type\": \"execute_result\"", File.ReadAllText(ipynb));
    }

    [Fact]
    public void A_failing_cell_exits_3_naming_the_cell_and_line()
    {
        using var dir = new TempDir();
        var notebook = dir.Write("bad.ipynb", """
            {"cells": [
              {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# Bad"]},
              {"cell_type": "code", "execution_count": null, "id": "b", "metadata": {}, "outputs": [], "source": ["var x = 1;\n", "x"]},
              {"cell_type": "code", "execution_count": null, "id": "c", "metadata": {}, "outputs": [], "source": ["var y = 2;\n", "undefinedThing"]}],
             "metadata": {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"}},
             "nbformat": 4, "nbformat_minor": 5}
            """);

        var (exit, _, error) = CliRunner.Run("report", notebook);

        Assert.Equal(3, exit);
        Assert.Equal("runlens report: cell 3 failed: (line 2) CS0103: The name 'undefinedThing' does not exist in the current context", error.Trim());
        Assert.True(File.Exists(Path.Combine(dir.Path, "bad.html")));
    }
}
