using Microsoft.Playwright;
using RunLens.ChartsTests.Replay;
using RunLens.Plotly;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.ChartsTests.Browser;

/// <summary>
/// Notebook outputs (figures and a replay in <see cref="HtmlOptions.Notebook"/> mode: no plotly.js inside, the
/// loopback address to load it from) in a page that holds them the way notebook clients do, in Debian's chromium.
/// Every output draws by itself: after a reload, without the first output, twice on one page, and inserted later;
/// views that run no script show a readable description; nothing is requested from off the machine.
/// </summary>
public class NotebookOutputBrowserTests(ITestOutputHelper output)
{
    private static readonly string Host = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "RunLens.Charts.Tests", "Browser", "Pages", "notebook.html"));

    private static Figure Curve(string title, double scale) => new(
        [new ScatterTrace([0, 1, 2, 3], [0, scale, 2 * scale, 1.5 * scale]) { Name = "reward" },
         new ScatterTrace([0, 1, 2, 3], [1, 1, 0.5, 0.2]) { Name = "loss" }],
        new Layout { Title = new Title(title) });

    // Outputs as a kernel session renders them (one session: the same figure twice gets two ids).
    private static List<string> Outputs(HtmlOptions? options = null)
    {
        options ??= HtmlOptions.Notebook with { Session = new HtmlSession() };
        return
        [
            Curve("First", 1).ToHtml(options),
            Curve("Second", 2).ToHtml(options),
            ReplayFixtures.GridGame().Replay().ToHtml(options),
            Curve("Third", 3).ToHtml(options),
        ];
    }

    private static string Page(IEnumerable<string> outputs) =>
        Host.Replace("__OUTPUTS__", string.Concat(outputs.Select(o => "<div class=\"output\">" + o + "</div>\n")), StringComparison.Ordinal);

    // The page comes from a loopback server, as Jupyter serves notebooks from localhost.
    private static string Serve(LocalPageServer server, string html) => server.Page("/notebook.html", html);

    private static async Task WaitSettled(IPage page, int outputs) =>
        await page.WaitForFunctionAsync(
            $"() => document.querySelectorAll('[data-runlens-state=\"drawn\"], [data-runlens-state=\"failed\"]').length >= {outputs}",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static Task<int> Drawn(IPage page) =>
        page.EvaluateAsync<int>("() => document.querySelectorAll('[data-runlens-state=\"drawn\"]').length");

    private static Task<int> Plots(IPage page) =>
        page.EvaluateAsync<int>("() => document.querySelectorAll('.runlens-figure .js-plotly-plot').length");

    private static void AssertOnlyThisMachine(ChromiumPage browser)
    {
        Assert.NotEmpty(browser.Requests);
        Assert.All(browser.Requests, url => Assert.Contains(new Uri(url).Host, new[] { "127.0.0.1", "localhost" }));
    }

    [Fact]
    public async Task Saved_outputs_draw_and_draw_again_after_a_reload()
    {
        await using var browser = await ChromiumPage.OpenAsync(output);
        if (browser is null)
            return;
        var page = browser.Page;
        using var server = new LocalPageServer();
        var url = Serve(server, Page(Outputs()));

        await page.GotoAsync(url);
        await WaitSettled(page, 4);
        Assert.Equal(4, await Drawn(page));
        Assert.Equal(3, await Plots(page));
        await page.ReloadAsync();
        await WaitSettled(page, 4);

        Assert.Equal(4, await Drawn(page));
        Assert.Equal(3, await Plots(page));
        // Once drawn, the descriptions for script-less views are out of sight.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('.runlens-fallback, .rl-fallback')].filter(e => e.offsetParent !== null).length"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "runlens-notebook-outputs.png"), FullPage = true });
        Assert.Empty(browser.Errors);
        AssertOnlyThisMachine(browser);
    }

    [Fact]
    public async Task Outputs_draw_when_the_first_output_is_gone()
    {
        await using var browser = await ChromiumPage.OpenAsync(output);
        if (browser is null)
            return;
        var page = browser.Page;
        using var server = new LocalPageServer();
        var url = Serve(server, Page(Outputs().Skip(1)));

        await page.GotoAsync(url);
        await WaitSettled(page, 3);

        Assert.Equal(3, await Drawn(page));
        // Cleared while the page is open, then a new output arrives: it draws too.
        await page.EvaluateAsync("() => document.querySelector('.output').remove()");
        await page.EvaluateAsync("html => window.addOutput(html)", Curve("Later", 4).ToHtml(HtmlOptions.Notebook with { Session = new HtmlSession() }));
        await WaitSettled(page, 3);
        Assert.Equal(3, await Drawn(page));
        Assert.Empty(browser.Errors);
        AssertOnlyThisMachine(browser);
    }

    [Fact]
    public async Task The_same_output_shown_twice_draws_twice()
    {
        await using var browser = await ChromiumPage.OpenAsync(output);
        if (browser is null)
            return;
        var page = browser.Page;
        var outputs = Outputs();
        using var server = new LocalPageServer();
        // The same HTML twice: a second view of one notebook repeats its element ids.
        var url = Serve(server, Page([outputs[0], outputs[2], outputs[0], outputs[2]]));

        await page.GotoAsync(url);
        await WaitSettled(page, 4);

        Assert.Equal(4, await Drawn(page));
        Assert.Equal(2, await Plots(page));
        // Each replay plays on its own: stepping the second copy leaves the first at step 0.
        await page.Locator(".runlens-replay >> nth=1").Locator("button[aria-label='Last step']").ClickAsync();
        var frames = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.runlens-replay')].map(r => r.dataset.frame)");
        Assert.Equal("0", frames[0]);
        Assert.NotEqual("0", frames[1]);
        // Inserted again later, as a client re-rendering an output does.
        await page.EvaluateAsync("html => window.addOutput(html)", outputs[0]);
        await WaitSettled(page, 5);
        Assert.Equal(5, await Drawn(page));
        Assert.Empty(browser.Errors);
        AssertOnlyThisMachine(browser);
    }

    [Fact]
    public async Task Without_scripts_every_output_reads_as_text_and_none_is_blank()
    {
        await using var browser = await ChromiumPage.OpenAsync(output, javaScript: false);
        if (browser is null)
            return;
        var page = browser.Page;
        using var server = new LocalPageServer();
        var url = Serve(server, Page(Outputs()));

        await page.GotoAsync(url);

        var texts = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.output')].map(o => o.innerText.trim())");
        Assert.Equal(4, texts.Length);
        Assert.All(texts, t => Assert.Contains("scripts did not run in this view", t));
        Assert.StartsWith("First (2 traces: reward, loss)", texts[0]);
        Assert.StartsWith("Third (2 traces: reward, loss)", texts[3]);
        Assert.Contains("episode replay", texts[2]);
        // The replay's controls stay hidden: no dead skeleton.
        Assert.False(await page.Locator(".rl-live").IsVisibleAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('.main-svg').length"));
    }

    [Fact]
    public async Task When_no_plotly_can_be_had_the_output_says_why_instead_of_staying_blank()
    {
        await using var browser = await ChromiumPage.OpenAsync(output);
        if (browser is null)
            return;
        var page = browser.Page;
        // A loopback port nobody listens on: loading fails at once.
        var nobody = $"http://127.0.0.1:{FreePort()}/runlens/plotly.min.js";
        var dead = HtmlOptions.Notebook with { Session = new HtmlSession(), PlotlyJsSources = [nobody] };
        using var server = new LocalPageServer();
        var url = Serve(server, Page([Curve("Lonely", 1).ToHtml(dead), ReplayFixtures.Tiny().Replay().ToHtml(dead)]));

        await page.GotoAsync(url);
        await WaitSettled(page, 2);

        Assert.Equal(2, await page.EvaluateAsync<int>("() => document.querySelectorAll('[data-runlens-state=\"failed\"]').length"));
        var notes = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.runlens-fallback-note')].map(n => n.innerText)");
        Assert.All(notes, n => Assert.Contains("could not be loaded from " + nobody, n));
        Assert.All(notes, n => Assert.Contains("run a RunLens cell", n));
        // Only the failed loads themselves complain.
        Assert.All(browser.Errors, e => Assert.Contains("ERR_CONNECTION_REFUSED", e));
    }
}
