using Microsoft.Playwright;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Notebooks.Tests.Browser;

/// <summary>
/// Opens the quickstart report in Debian's chromium (never a downloaded browser) from file:// and checks that plotly
/// drew every chart offline. Without /usr/bin/chromium the test says SKIPPED and returns, except on CI (CI=true).
/// </summary>
[Collection(RunnerCollection.Name)]
public class ReportBrowserTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Quickstart_report_draws_its_charts_offline_without_console_errors()
    {
        if (!File.Exists(Chromium))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"{Chromium} is missing on CI; install Debian's chromium package.");
            output.WriteLine($"SKIPPED: chromium not installed at {Chromium}");
            Console.WriteLine($"SKIPPED: chromium not installed at {Chromium}");
            return;
        }
        var run = NotebookRunner.Run(NotebookReader.Read(Path.Combine(TestPaths.RepoRoot, "notebooks", "01-quickstart.ipynb")));
        Assert.True(run.Succeeded, $"cell {run.FirstFailure?.Number} failed");
        using var temp = new TempDir();
        var path = temp.File("01-quickstart.html");
        NotebookReport.WriteHtml(run, path);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        page.Request += (_, request) => requests.Add(request.Url);

        var url = new Uri(path).AbsoluteUri;
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.js-plotly-plot .main-svg').length > 0 && " +
            "document.querySelectorAll('.js-plotly-plot').length === document.querySelectorAll('.runlens-figure').length",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        var plots = await page.EvaluateAsync<int>("() => document.querySelectorAll('.js-plotly-plot').length");
        var tocLinks = await page.EvaluateAsync<int>("() => document.querySelectorAll('nav.toc a').length");
        await page.ClickAsync(".toggle-code");
        var openCode = await page.EvaluateAsync<int>("() => document.querySelectorAll('details.source[open]').length");
        var screenshot = Path.Combine(Path.GetTempPath(), "runlens-quickstart-report.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");

        Assert.Equal(3, plots);
        Assert.True(tocLinks >= 5, $"{tocLinks} table of contents links");
        Assert.True(openCode > 0, "the toggle did not open the code cells");
        Assert.Empty(errors);
        Assert.Equal([url], requests);
    }
}
