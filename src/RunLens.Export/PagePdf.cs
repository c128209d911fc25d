using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace RunLens;

/// <summary>
/// Prints a whole RunLens page (a notebook report, a comparison page) to PDF through headless Chromium: the page is
/// laid out at the width of an A4 page's text, every chart and replay is drawn first, and a print style (an asset:
/// table of contents on its own page, a page break before each section, charts never split, replay controls hidden)
/// is added. Charts stay vectors; a replay prints its first frame.
/// </summary>
/// <example><code>PagePdf.Write(NotebookReport.ToHtml(run), "report.pdf");</code></example>
public static class PagePdf
{
    // A4 (210 mm) less 12 mm margins each side is 186 mm = 703 CSS pixels: charts lay out at the width they print at.
    private const int PrintWidth = 703;

    /// <summary>Writes the page as a PDF (whole or not at all).</summary>
    /// <param name="html">A whole HTML document that needs nothing from the network.</param>
    /// <param name="path">The PDF to write; its folder is created.</param>
    /// <param name="browser">The browser executable; null to find one (see <see cref="ChromiumLocator"/>).</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="BrowserNotFoundException">No Chromium was found; the message says how to install one.</exception>
    public static string Write(string html, string path, string? browser = null) =>
        FigureImages.Wait(WriteAsync(html, path, browser));

    /// <inheritdoc cref="Write"/>
    public static async Task<string> WriteAsync(string html, string path, string? browser = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var session = await ChromiumSession.ForAsync(ChromiumLocator.Find(browser)).ConfigureAwait(false);
        var bytes = await session.WithPageAsync(html, PrintWidth, 1, async page =>
        {
            await page.AddStyleTagAsync(new AddTagOptions { Content = ExportAssets.PrintCss }).ConfigureAwait(false);
            return await page.PdfDataAsync(new PdfOptions
            {
                Format = PaperFormat.A4,
                PrintBackground = true,
                PreferCSSPageSize = true,
                Outline = true,
                Tagged = true,
            }).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return FigureImages.WriteWhole(path, bytes);
    }
}
