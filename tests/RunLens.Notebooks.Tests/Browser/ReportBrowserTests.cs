using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Notebooks.Tests.Browser;

/// <summary>
/// Opens notebook reports in Debian's chromium (never a downloaded browser) from file:// and checks that plotly drew
/// every chart and replay offline. Without /usr/bin/chromium the tests say SKIPPED and return, except on CI (CI=true).
/// </summary>
[Collection(RunnerCollection.Name)]
public class ReportBrowserTests(NotebookRuns runs, ITestOutputHelper output)
{
    [Fact]
    public async Task Quickstart_report_draws_its_charts_offline_without_console_errors()
    {
        await using var browser = await ChromiumPage.OpenAsync(output, 1200, 900);
        if (browser is null)
            return;
        using var temp = new TempDir();
        var url = Report("01-quickstart", temp);
        var page = browser.Page;

        await page.GotoAsync(url);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.js-plotly-plot .main-svg').length > 0 && " +
            "document.querySelectorAll('.js-plotly-plot').length === document.querySelectorAll('.runlens-figure').length",
            null, new() { Timeout = 20_000 });
        var plots = await page.EvaluateAsync<int>("() => document.querySelectorAll('.js-plotly-plot').length");
        var tocLinks = await page.EvaluateAsync<int>("() => document.querySelectorAll('nav.toc a').length");
        await page.ClickAsync(".toggle-code");
        var openCode = await page.EvaluateAsync<int>("() => document.querySelectorAll('details.source[open]').length");
        await Shot(page, "runlens-quickstart-report");

        Assert.Equal(3, plots);
        Assert.True(tocLinks >= 5, $"{tocLinks} table of contents links");
        Assert.True(openCode > 0, "the toggle did not open the code cells");
        Assert.Empty(browser.Errors);
        Assert.Equal([url], browser.Requests);
    }

    [Fact]
    public async Task Replay_notebook_report_brings_every_replay_to_life_offline()
    {
        await using var browser = await ChromiumPage.OpenAsync(output, 1200, 900);
        if (browser is null)
            return;
        using var temp = new TempDir();
        var url = Report("04-episode-replay", temp);
        var page = browser.Page;

        await page.GotoAsync(url);
        await page.WaitForFunctionAsync("() => { const all = document.querySelectorAll('.runlens-replay'); " +
            "return all.length > 0 && Array.from(all).every(w => w.dataset.ready === 'true'); }", null, new() { Timeout = 30_000 });
        var replays = await page.EvaluateAsync<int>("() => document.querySelectorAll('.runlens-replay').length");
        // Each widget plays on its own: press play in the first, it advances.
        var id = await page.EvaluateAsync<string>("() => document.querySelector('.runlens-replay').id");
        await page.ClickAsync($"#{id}-play");
        await page.WaitForFunctionAsync($"() => +document.getElementById('{id}').dataset.frame >= 2");
        await Shot(page, "runlens-replay-report");

        Assert.True(replays >= 3, $"{replays} replays in the report");
        Assert.Empty(browser.Errors);
        Assert.Equal([url], browser.Requests);
    }

    private string Report(string notebook, TempDir temp)
    {
        var run = runs.Of(notebook + ".ipynb");
        Assert.True(run.Succeeded, $"cell {run.FirstFailure?.Number} failed");
        var path = temp.File(notebook + ".html");
        NotebookReport.WriteHtml(run, path);
        return new Uri(path).AbsoluteUri;
    }

    private async Task Shot(Microsoft.Playwright.IPage page, string name)
    {
        var file = Path.Combine(Path.GetTempPath(), name + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        output.WriteLine($"screenshot: {file}");
    }
}
