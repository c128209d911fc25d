using Microsoft.Playwright;
using Xunit.Abstractions;

namespace RunLens.TestSupport;

/// <summary>
/// A page in Debian's chromium (never a downloaded browser) that records console errors, page errors and every
/// request. <see cref="OpenAsync"/> returns null (the test says SKIPPED) without /usr/bin/chromium, except on CI
/// (CI=true), where that fails.
/// </summary>
internal sealed class ChromiumPage : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ChromiumPage(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                Errors.Add(message.Text);
            else if (message.Type == "warning")
                Warnings.Add(message.Text);
        };
        page.PageError += (_, error) => Errors.Add(error);
        page.RequestFailed += (_, request) => FailedLoads.Add(request.Url);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                FailedLoads.Add(response.Url);
        };
        page.Request += (_, request) => Requests.Add(request.Url);
    }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions, in order.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Addresses that failed to load or answered with an error status (the console says only "Failed to load resource").</summary>
    public List<string> FailedLoads { get; } = [];

    /// <summary>
    /// Console warnings. Not failures: chromium's software WebGL ("GL Driver Message") and plotly's own canvas
    /// readbacks warn on every 3-D page.
    /// </summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Every URL the page requested.</summary>
    public List<string> Requests { get; } = [];

    public static async Task<ChromiumPage?> OpenAsync(ITestOutputHelper output, int width = 1150, int height = 1400, bool javaScript = true)
    {
        if (!File.Exists(Chromium))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"{Chromium} is missing on CI; install Debian's chromium package.");
            output.WriteLine($"SKIPPED: chromium not installed at {Chromium}");
            Console.WriteLine($"SKIPPED: chromium not installed at {Chromium}");
            return null;
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Software WebGL for plotly's 3-D scenes, opted into explicitly (chromium warns when it falls back on its own).
            Args = ["--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--use-angle=swiftshader",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
        });
        return new ChromiumPage(playwright, browser, page);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
