using System.Collections.Concurrent;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace RunLens;

/// <summary>
/// One headless Chromium per executable per process, started on first use and reused for every figure after (a batch
/// of 100 figures starts one browser, and loads plotly.js into one page once). Work on the figure page is serialized;
/// reports and replays get a page of their own, closed after. The browser closes when the process exits.
/// </summary>
internal sealed class ChromiumSession : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ChromiumSession>>> _sessions = new(StringComparer.Ordinal);
    private static int _launches;

    // Generous: two shared cores can be slow, and the first figure also parses 4.8 MB of plotly.js.
    private const int TimeoutMs = 120_000;

    private readonly IBrowser _browser;
    private readonly IPage _figures;
    private readonly SemaphoreSlim _gate = new(1, 1);

    static ChromiumSession() => AppDomain.CurrentDomain.ProcessExit += (_, _) => CloseAll();

    private ChromiumSession(string executable, IBrowser browser, IPage figures)
    {
        Executable = executable;
        _browser = browser;
        _figures = figures;
    }

    /// <summary>The browser executable.</summary>
    public string Executable { get; }

    /// <summary>How many browsers this process has started (a test checks a batch starts one).</summary>
    public static int Launches => Volatile.Read(ref _launches);

    /// <summary>The session for <paramref name="executable"/>, started when there is none (or the last one died).</summary>
    public static async Task<ChromiumSession> ForAsync(string executable)
    {
        while (true)
        {
            var lazy = _sessions.GetOrAdd(executable, path => new Lazy<Task<ChromiumSession>>(() => StartAsync(path)));
            ChromiumSession session;
            try
            {
                session = await lazy.Value.ConfigureAwait(false);
            }
            catch
            {
                // A failed start is not cached: the next call (after installing a browser, say) tries again.
                _sessions.TryRemove(new KeyValuePair<string, Lazy<Task<ChromiumSession>>>(executable, lazy));
                throw;
            }
            if (session._browser.IsConnected && !session._figures.IsClosed)
                return session;
            _sessions.TryRemove(new KeyValuePair<string, Lazy<Task<ChromiumSession>>>(executable, lazy));
        }
    }

    private static async Task<ChromiumSession> StartAsync(string executable)
    {
        Interlocked.Increment(ref _launches);
        IBrowser browser;
        try
        {
            browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Timeout = TimeoutMs,
                ProtocolTimeout = TimeoutMs,
                // --no-sandbox: Chromium refuses to run as root with its sandbox (containers, CI), and it only ever
                // opens our own pages here, with no remote content. The rest keep it from reaching the network.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                        "--enable-unsafe-swiftshader", "--use-angle=swiftshader", "--hide-scrollbars", "--mute-audio"],
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PuppeteerException or IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new BrowserNotFoundException(
                $"Could not start the browser '{executable}': {ex.Message} " + ChromiumLocator.InstallHint, ex);
        }
        try
        {
            var page = await browser.NewPageAsync().ConfigureAwait(false);
            page.DefaultTimeout = TimeoutMs;
            await page.SetContentAsync(ExportAssets.ExportPage, new SetContentOptions { Timeout = TimeoutMs, WaitUntil = [WaitUntilNavigation.Load] }).ConfigureAwait(false);
            await page.WaitForFunctionAsync("() => !!(window.Plotly && window.runlensExport)", new WaitForFunctionOptions { Timeout = TimeoutMs }).ConfigureAwait(false);
            return new ChromiumSession(executable, browser, page);
        }
        catch
        {
            await browser.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// plotly.js's <c>Plotly.toImage</c> of the figure laid out at <paramref name="width"/> × <paramref name="height"/>
    /// CSS pixels and rasterised at <paramref name="scale"/>: SVG text for <c>svg</c>, base64 for the raster formats.
    /// </summary>
    public async Task<string> ImageAsync(string figureJson, string format, double width, double height, double scale)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return await _figures.EvaluateFunctionAsync<string>(
                "(figure, format, width, height, scale) => window.runlensExport.image(figure, format, width, height, scale)",
                figureJson, format, width, height, scale).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Prints an SVG sized in inches to a one-page PDF of exactly that size, with <paramref name="title"/> as its document title.</summary>
    public async Task<byte[]> SvgPdfAsync(string svg, double widthInches, double heightInches, string title)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _figures.EvaluateFunctionAsync("(svg, title) => window.runlensExport.showSvg(svg, title)", svg, title).ConfigureAwait(false);
            return await _figures.PdfDataAsync(new PdfOptions
            {
                Width = Inches(widthInches),
                Height = Inches(heightInches),
                PrintBackground = true,
                MarginOptions = new MarginOptions { Top = "0", Right = "0", Bottom = "0", Left = "0" },
                // Rounding to device pixels can spill a hairline onto a second page; the figure is the first.
                PageRanges = "1",
            }).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Opens a whole page in a tab of its own (closed after), waits until every RunLens figure and replay on it has
    /// drawn or failed, and hands the tab to <paramref name="use"/>.
    /// </summary>
    public async Task<T> WithPageAsync<T>(string html, int viewportWidth, double deviceScale, Func<IPage, Task<T>> use, int viewportHeight = 900)
    {
        var page = await _browser.NewPageAsync().ConfigureAwait(false);
        try
        {
            page.DefaultTimeout = TimeoutMs;
            await page.SetViewportAsync(new ViewPortOptions { Width = viewportWidth, Height = viewportHeight, DeviceScaleFactor = deviceScale }).ConfigureAwait(false);
            await page.SetContentAsync(html, new SetContentOptions { Timeout = TimeoutMs, WaitUntil = [WaitUntilNavigation.Load] }).ConfigureAwait(false);
            // Figures mark themselves drawn or failed (figure.js); a replay is done once its view, tracks and timeline
            // have drawn (data-ready), its data or plotly.js failed (data-runlens-state), or drawing failed (its message).
            await page.WaitForFunctionAsync(
                "() => Array.from(document.querySelectorAll('div.runlens-figure')).every(f => ['drawn', 'failed'].includes(f.getAttribute('data-runlens-state')))" +
                " && Array.from(document.querySelectorAll('div.runlens-replay')).every(r => r.getAttribute('data-runlens-state') === 'failed'" +
                " || r.getAttribute('data-ready') === 'true' || !!(r.querySelector('.rl-message') || {}).textContent)",
                new WaitForFunctionOptions { Timeout = TimeoutMs, PollingInterval = 100 }).ConfigureAwait(false);
            await page.EvaluateExpressionAsync("document.fonts.ready.then(() => true)").ConfigureAwait(false);
            return await use(page).ConfigureAwait(false);
        }
        finally
        {
            await page.CloseAsync().ConfigureAwait(false);
        }
    }

    internal static string Inches(double inches) => FormattableString.Invariant($"{inches:0.####}in");

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync().ConfigureAwait(false);
        _browser.Dispose();
        _gate.Dispose();
    }

    /// <summary>Closes every browser this process started.</summary>
    public static void CloseAll()
    {
        foreach (var lazy in _sessions.Values)
        {
            if (!lazy.IsValueCreated || !lazy.Value.IsCompletedSuccessfully)
                continue;
            // Bounded: the process is exiting, and a hung browser must not hold it.
            lazy.Value.Result.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        }
        _sessions.Clear();
    }
}
