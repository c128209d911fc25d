using System.Text.Json.Serialization;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace RunLens;

/// <summary>
/// Saves the first frame of an episode replay as an image: the replay's own page (its embedded scripts and plotly.js)
/// opened in headless Chromium, drawn at frame 0 of the episode it opens on, its controls hidden, and captured as a
/// PNG, JPEG or WebP screenshot or printed to a one-page PDF. There is no SVG: the path view, tracks and grid states
/// are several plots and canvases on a page, not one plotly figure.
/// </summary>
/// <example>
/// <code>
/// run.Episodes[3].Replay().SaveImage("episode3.png");                               // 6.4 in wide at 300 DPI
/// run.Snapshots.Replay().SaveImage("snapshots.pdf", new ImageOptions { Width = 7 });
/// </code>
/// </example>
public static class ReplayImages
{
    /// <summary>Saves the replay's first frame as an image; the format comes from the extension unless the options say.</summary>
    /// <param name="replay">The replay.</param>
    /// <param name="path">The file to write (its folder is created); written whole or not at all.</param>
    /// <param name="options">
    /// Format, width, DPI and browser; null for the defaults (6.4 in wide at 300 DPI). The height is the widget's own
    /// unless <see cref="ImageOptions.Height"/> or <see cref="ImageOptions.HeightPixels"/> fixes it (the widget is then
    /// cut off or padded with white at the bottom). <see cref="ImageOptions.Theme"/> is for figures and is ignored.
    /// </param>
    /// <returns>The full path written.</returns>
    /// <exception cref="NotSupportedException">The format is SVG.</exception>
    /// <exception cref="InvalidOperationException">The replay's page failed to draw; the message says why.</exception>
    /// <exception cref="BrowserNotFoundException">No Chromium was found; the message says how to install one.</exception>
    public static string SaveImage(this ReplayWidget replay, string path, ImageOptions? options = null) =>
        FigureImages.Wait(SaveImageAsync(replay, path, options));

    /// <inheritdoc cref="SaveImage(ReplayWidget, string, ImageOptions?)"/>
    public static async Task<string> SaveImageAsync(this ReplayWidget replay, string path, ImageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= ImageOptions.Default;
        var bytes = await ToImageAsync(replay, options.FormatFor(path), options).ConfigureAwait(false);
        return FigureImages.WriteWhole(path, bytes);
    }

    /// <summary>The replay's first frame as image bytes (PNG, JPEG, WebP or PDF).</summary>
    /// <param name="replay">The replay.</param>
    /// <param name="format">The image format; not SVG.</param>
    /// <param name="options">Width, height, DPI, browser (its <c>Format</c> is ignored); see <see cref="SaveImage"/>.</param>
    /// <exception cref="NotSupportedException">The format is SVG.</exception>
    /// <exception cref="InvalidOperationException">The replay's page failed to draw; the message says why.</exception>
    public static byte[] ToImage(this ReplayWidget replay, ImageFormat format, ImageOptions? options = null) =>
        FigureImages.Wait(ToImageAsync(replay, format, options));

    /// <inheritdoc cref="ToImage(ReplayWidget, ImageFormat, ImageOptions?)"/>
    public static Task<byte[]> ToImageAsync(this ReplayWidget replay, ImageFormat format, ImageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(replay);
        return RenderAsync(replay.ToHtml(HtmlOptions.Standalone), replay.Title, format, options ?? ImageOptions.Default);
    }

    /// <summary>Renders a replay page (the widget's standalone HTML; tests hand in broken ones).</summary>
    internal static async Task<byte[]> RenderAsync(string html, string title, ImageFormat format, ImageOptions options)
    {
        if (format == ImageFormat.Svg)
            throw new NotSupportedException(
                "A replay cannot be saved as SVG: its view, tracks and grid states are several plots and canvases, not one vector figure. Use .png or .pdf (vector text and plots).");
        var (widthIn, requestedHeightIn) = options.RequestedSize();
        var dpi = options.Dpi * options.Scale;
        var cssWidth = widthIn * 96;
        var session = await ChromiumSession.ForAsync(ChromiumLocator.Find(options.Browser)).ConfigureAwait(false);
        // Raster formats lay out at the physical width and render at dpi / 96 device pixels per CSS pixel; a PDF is
        // vector, so one device pixel per CSS pixel is enough to measure the page.
        var deviceScale = format == ImageFormat.Pdf ? 1 : dpi / 96;
        var viewportHeight = (int)Math.Ceiling(Math.Max(900, (requestedHeightIn ?? 0) * 96));
        return await session.WithPageAsync(html, (int)Math.Ceiling(cssWidth), deviceScale, async page =>
        {
            await page.AddStyleTagAsync(new AddTagOptions { Content = ExportAssets.ReplayImageCss }).ConfigureAwait(false);
            await page.AddScriptTagAsync(new AddTagOptions { Content = ExportAssets.ReplayImageJs }).ConfigureAwait(false);
            var state = await page.EvaluateFunctionAsync<ReplayPageState>("title => window.runlensReplayImage.prepare(title)", title).ConfigureAwait(false);
            if (state.Failed)
                throw new InvalidOperationException($"The replay '{title}' did not render, so no image was made: {state.Message.Trim()}");
            if (state.Frame != 0)
                throw new InvalidOperationException($"The replay '{title}' opened on frame {state.Frame}, not its first; no image was made.");
            var cssHeight = requestedHeightIn is { } h ? h * 96 : Math.Ceiling(state.Height);
            var heightIn = ImageOptions.Checked(cssHeight / 96, widthIn);
            if (format == ImageFormat.Pdf)
            {
                return await page.PdfDataAsync(new PdfOptions
                {
                    Width = ChromiumSession.Inches(widthIn),
                    Height = ChromiumSession.Inches(heightIn),
                    PrintBackground = true,
                    MarginOptions = new MarginOptions { Top = "0", Right = "0", Bottom = "0", Left = "0" },
                    PageRanges = "1",
                }).ConfigureAwait(false);
            }
            // The clip is in CSS pixels; nudged up by far less than a pixel so rounding lands on width x dpi.
            var bytes = await page.ScreenshotDataAsync(new ScreenshotOptions
            {
                Type = format switch
                {
                    ImageFormat.Jpeg => ScreenshotType.Jpeg,
                    ImageFormat.Webp => ScreenshotType.Webp,
                    _ => ScreenshotType.Png,
                },
                Quality = format == ImageFormat.Png ? null : 92,
                Clip = new Clip { X = (decimal)state.X, Y = (decimal)state.Y, Width = (decimal)(cssWidth * (1 + 1e-9)), Height = (decimal)(cssHeight * (1 + 1e-9)) },
                CaptureBeyondViewport = true,
            }).ConfigureAwait(false);
            return format switch
            {
                ImageFormat.Png => PngDensity.SetPng(bytes, dpi),
                ImageFormat.Jpeg => PngDensity.SetJpeg(bytes, dpi),
                _ => bytes,
            };
        }, viewportHeight).ConfigureAwait(false);
    }

    /// <summary>What <c>runlensReplayImage.prepare</c> reports (replay-image.js).</summary>
    internal sealed record ReplayPageState
    {
        [JsonPropertyName("failed")] public bool Failed { get; init; }
        [JsonPropertyName("message")] public string Message { get; init; } = "";
        [JsonPropertyName("frame")] public int Frame { get; init; }
        [JsonPropertyName("x")] public double X { get; init; }
        [JsonPropertyName("y")] public double Y { get; init; }
        [JsonPropertyName("width")] public double Width { get; init; }
        [JsonPropertyName("height")] public double Height { get; init; }
    }
}
