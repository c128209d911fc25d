using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Notebooks.Tests.Clients;

/// <summary>
/// Every notebook in notebooks/ on the real kernel, run headless by dotnet-repl as a user would from a terminal: no
/// failed cell, the greeting of the extension, every chart as Plotly's MIME type (a valid plotly figure, the same as
/// in its HTML), HTML and text, no output carrying plotly.js.
/// </summary>
public class DotnetReplNotebookTests(ITestOutputHelper output)
{
    public static TheoryData<string> Notebooks() => ClientNotebooks.Names();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task The_notebook_runs_in_dotnet_repl_with_every_chart_as_a_plotly_bundle(string name)
    {
        using var temp = new TempDir();
        var executed = temp.File(name);

        var run = DotnetRepl.Run(Path.Combine(ClientNotebooks.Folder, name), executed, ClientNotebooks.Folder);
        output.WriteLine($"{name}: dotnet-repl exit {run.Exit} in {run.Elapsed.TotalSeconds:0.0} s, {new FileInfo(executed).Length / 1e6:0.00} MB");

        Assert.True(run.Exit == 0 && run.Notebook is not null, $"dotnet-repl exited {run.Exit}:\n{string.Join("\n", run.Errors)}\n{run.Output}");
        Assert.Empty(ClientNotebooks.Errors(run.Notebook!));
        var displays = ClientNotebooks.Displays(run.Notebook!);
        Assert.Contains(displays, d => d.Data.TryGetProperty("text/markdown", out var m) && ClientNotebooks.Text(m).StartsWith("**RunLens ", StringComparison.Ordinal));
        var figures = displays.Where(d => d.Data.TryGetProperty(ClientNotebooks.PlotlyMime, out _)).ToList();
        Assert.Equal(ClientNotebooks.Figures(run.Notebook!), figures.Count);
        foreach (var (cell, data) in figures)
        {
            Assert.True(data.TryGetProperty("text/html", out var html) && data.TryGetProperty("text/plain", out _), $"cell {cell + 1}: a chart without HTML or text.");
            var json = ClientNotebooks.Text(data.GetProperty(ClientNotebooks.PlotlyMime));
            Assert.Contains("<script type=\"application/json\" class=\"runlens-figure-data\">" + json + "</script>", ClientNotebooks.Text(html), StringComparison.Ordinal);
        }
        Assert.DoesNotContain(displays, d => d.Data.TryGetProperty("text/html", out var h) && ClientNotebooks.Text(h).Contains(PlotlyJs.Script[^300..], StringComparison.Ordinal));
        await PlotlyFigures.AssertValidAsync(figures.Select(f => ClientNotebooks.Text(f.Data.GetProperty(ClientNotebooks.PlotlyMime))).ToList(), output);
    }
}
