using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Notebooks.Tests.Clients;

/// <summary>
/// Every notebook in notebooks/ through Jupyter with the dotnet-interactive kernel (nbclient, as
/// <c>jupyter nbconvert --execute</c> runs it), then opened in the classic notebook server in chromium: trusted, every
/// chart and replay draws, again after a reload, with no console error and no request off the machine; untrusted, and
/// in nbconvert's sanitized HTML, every chart reads as its description instead of a blank.
/// </summary>
[Collection(JupyterCollection.Name)]
public class JupyterNotebookTests(ITestOutputHelper output)
{
    public static TheoryData<string> Notebooks() => ClientNotebooks.Names();

    // This process serves plotly.js to the pages: the notebooks' outputs were written by a kernel that has stopped,
    // and name this port as the one to fall back to (a reopened notebook draws while any RunLens process runs).
    private static Dictionary<string, string> KernelEnvironment() => new()
    {
        ["RUNLENS_PLOTLY_PORT"] = PlotlyJsServer.Port.ToString(CultureInfo.InvariantCulture),
    };

    private (JsonDocument Notebook, string Path)? Execute(Jupyter jupyter, string name, string folder)
    {
        var executed = Path.Combine(folder, name);
        var (exit, log, elapsed) = jupyter.Execute(Path.Combine(ClientNotebooks.Folder, name), executed, ClientNotebooks.Folder, KernelEnvironment());
        output.WriteLine($"{name}: nbclient exit {exit} in {elapsed.TotalSeconds:0.0} s, {new FileInfo(executed).Length / 1e6:0.00} MB");
        Assert.True(exit == 0, $"nbclient failed on {name}:\n{log}");
        var notebook = JsonDocument.Parse(File.ReadAllText(executed));
        Assert.Empty(ClientNotebooks.Errors(notebook));
        var problem = Nbformat.Validate(executed, out _);
        Assert.True(problem is null, problem);
        return (notebook, executed);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task The_notebook_runs_in_jupyter_and_draws_in_the_trusted_notebook_page_after_a_reload_too(string name)
    {
        var jupyter = Jupyter.Find(output);
        if (jupyter is null)
            return;
        using var temp = new TempDir();
        var (notebook, executed) = Execute(jupyter, name, temp.Path)!.Value;
        // A watch's final live view draws its chart in the page like a figure.
        var figures = ClientNotebooks.Figures(notebook) + ClientNotebooks.LiveCharts(notebook);
        var replays = ClientNotebooks.Replays(notebook);
        // Under the Jupyter protocol JSON MIME types would arrive as strings: charts go out as HTML and text only.
        Assert.DoesNotContain(ClientNotebooks.Displays(notebook), d => d.Data.TryGetProperty(ClientNotebooks.PlotlyMime, out _));

        jupyter.Trust(executed);
        using var server = jupyter.Serve(temp.Path, KernelEnvironment());
        await using var browser = await ChromiumPage.OpenAsync(output, height: 1600);
        if (browser is null)
            return;
        var page = browser.Page;
        await page.GotoAsync(server.Url + "notebooks/" + name);
        await Settled(page, figures + replays);
        Assert.Equal(figures + replays, await Drawn(page));
        await page.ReloadAsync();
        await Settled(page, figures + replays);

        Assert.Equal(figures + replays, await Drawn(page));
        Assert.Equal(figures, await page.EvaluateAsync<int>("() => document.querySelectorAll('.runlens-figure .js-plotly-plot').length"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "runlens-jupyter-" + name + ".png") });
        // dotnet-interactive's own first output (not RunLens's) probes addresses for its HTTP API, some of them not
        // loopback (192.0.2.2, fd00::2), and fails to load its script in this page: those alone may fail and complain.
        Assert.All(browser.FailedLoads, url => Assert.True(IsKernelBootstrap(url), $"{url} failed to load."));
        Assert.All(browser.Errors, e => Assert.True(e.StartsWith("Failed to load resource", StringComparison.Ordinal)
            || e.Contains("dotnet-interactive", StringComparison.Ordinal), e));
        Assert.All(browser.Requests.Where(url => !IsKernelBootstrap(url)), url => Assert.Equal("127.0.0.1", new Uri(url).Host));
    }

    [Fact]
    public async Task Untrusted_and_sanitized_views_read_every_chart_as_its_description()
    {
        var jupyter = Jupyter.Find(output);
        if (jupyter is null)
            return;
        using var temp = new TempDir();
        const string name = "01-quickstart.ipynb";
        var (notebook, executed) = Execute(jupyter, name, temp.Path)!.Value;
        var figures = ClientNotebooks.Figures(notebook);
        Assert.True(figures >= 3);

        using var server = jupyter.Serve(temp.Path, KernelEnvironment());
        await using var browser = await ChromiumPage.OpenAsync(output, height: 1600);
        if (browser is null)
            return;
        var page = browser.Page;
        await page.GotoAsync(server.Url + "notebooks/" + name);
        await page.WaitForSelectorAsync(".output_html", new PageWaitForSelectorOptions { Timeout = 30_000 });
        // Jupyter strips the scripts of an untrusted notebook's outputs: each chart shows its description.
        var texts = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.runlens-fallback')].map(f => f.innerText)");
        Assert.Equal(figures, texts.Length);
        Assert.All(texts, t => Assert.Contains("scripts did not run in this view", t));
        Assert.Equal(0, await Drawn(page));

        // nbconvert --sanitize-html (nbviewer's way) escapes the HTML outputs: the description is still there to read.
        var html = File.ReadAllText(jupyter.SanitizedHtml(executed, temp.File("sanitized")));
        Assert.Equal(figures, CountOf(html, "scripts did not run in this view"));
    }

    private static bool IsKernelBootstrap(string url) =>
        url.EndsWith(":2048/discovery", StringComparison.Ordinal) || url.Contains("resources/dotnet-interactive.js", StringComparison.Ordinal);

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static async Task Settled(IPage page, int outputs) =>
        await page.WaitForFunctionAsync(
            $"() => document.querySelectorAll('[data-runlens-state=\"drawn\"], [data-runlens-state=\"failed\"]').length >= {outputs}",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });

    private static Task<int> Drawn(IPage page) =>
        page.EvaluateAsync<int>("() => document.querySelectorAll('[data-runlens-state=\"drawn\"]').length");
}

/// <summary>Jupyter tests run one at a time: each starts a kernel and a notebook server on 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JupyterCollection
{
    public const string Name = "Jupyter";
}
