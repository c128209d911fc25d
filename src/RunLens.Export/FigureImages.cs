using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RunLens;

/// <summary>
/// Saves figures as PNG, SVG, PDF, JPEG or WebP through headless Chromium and the same plotly.js the HTML pages use
/// (<c>Plotly.toImage</c>), so an image shows exactly what the page shows. One browser serves the whole process.
/// </summary>
/// <example>
/// <code>
/// scan.RewardCurves().SaveImage("rewards.png");                                        // 1920 x 1440 px, 300 DPI
/// scan.RewardCurves().SaveImage("rewards.pdf", new ImageOptions { Theme = Theme.Publication, Width = 3.5 });
/// new[] { curves, heatmap }.SaveImages("figures", new ImageOptions { Format = ImageFormat.Svg });
/// </code>
/// </example>
public static partial class FigureImages
{
    /// <summary>Saves the figure as an image; the format comes from the extension unless the options say.</summary>
    /// <param name="figure">The figure.</param>
    /// <param name="path">The file to write (its folder is created); written whole or not at all.</param>
    /// <param name="options">Format, size, DPI, theme, browser; null for the defaults (6.4 × 4.8 in, 300 DPI).</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="BrowserNotFoundException">No Chromium was found; the message says how to install one.</exception>
    public static string SaveImage(this Figure figure, string path, ImageOptions? options = null) =>
        Wait(SaveImageAsync(figure, path, options));

    /// <inheritdoc cref="SaveImage(Figure, string, ImageOptions?)"/>
    public static async Task<string> SaveImageAsync(this Figure figure, string path, ImageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= ImageOptions.Default;
        var bytes = await RenderAsync(figure, options.FormatFor(path), options).ConfigureAwait(false);
        return WriteWhole(path, bytes);
    }

    /// <summary>The figure as image bytes (for a notebook output, an HTTP response, a zip entry).</summary>
    /// <param name="figure">The figure.</param>
    /// <param name="format">The image format.</param>
    /// <param name="options">Size, DPI, theme, browser (its <c>Format</c> is ignored).</param>
    public static byte[] ToImage(this Figure figure, ImageFormat format, ImageOptions? options = null) =>
        Wait(ToImageAsync(figure, format, options));

    /// <inheritdoc cref="ToImage(Figure, ImageFormat, ImageOptions?)"/>
    public static Task<byte[]> ToImageAsync(this Figure figure, ImageFormat format, ImageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return RenderAsync(figure, format, options ?? ImageOptions.Default);
    }

    /// <summary>
    /// Saves each figure into <paramref name="folder"/> as <c>NN_title.ext</c> (in order; format from the options,
    /// default PNG), with one browser for all of them.
    /// </summary>
    /// <returns>The paths written, in order.</returns>
    public static IReadOnlyList<string> SaveImages(this IEnumerable<Figure> figures, string folder, ImageOptions? options = null) =>
        Wait(SaveImagesAsync(figures, folder, options));

    /// <inheritdoc cref="SaveImages(IEnumerable{Figure}, string, ImageOptions?)"/>
    public static async Task<IReadOnlyList<string>> SaveImagesAsync(this IEnumerable<Figure> figures, string folder, ImageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        options ??= ImageOptions.Default;
        var extension = ImageOptions.Extension(options.Format ?? ImageFormat.Png);
        var written = new List<string>();
        var index = 0;
        foreach (var figure in figures)
        {
            index++;
            var name = string.Create(CultureInfo.InvariantCulture, $"{index:00}_{FileName(figure.Layout.Title?.Text ?? "figure")}.{extension}");
            written.Add(await SaveImageAsync(figure, Path.Combine(folder, name), options with { Format = options.Format ?? ImageFormat.Png }).ConfigureAwait(false));
        }
        return written;
    }

    /// <summary>Finds the browser now, so a command can refuse before it writes anything.</summary>
    /// <exception cref="BrowserNotFoundException">None was found; the message says how to install one.</exception>
    public static string RequireBrowser(string? browser = null) => ChromiumLocator.Find(browser);

    internal static async Task<byte[]> RenderAsync(Figure figure, ImageFormat format, ImageOptions options)
    {
        var themed = options.Theme is { } theme ? figure.WithTheme(theme) : figure;
        var (widthIn, heightIn) = options.SizeOf(themed);
        var session = await ChromiumSession.ForAsync(ChromiumLocator.Find(options.Browser)).ConfigureAwait(false);
        // Laid out at its physical size: 96 CSS pixels per inch, as browsers print, so a 12 px font is 9 pt on paper.
        var (width, height) = (widthIn * 96, heightIn * 96);
        var json = themed.ToJson();
        switch (format)
        {
            case ImageFormat.Svg:
                return Encoding.UTF8.GetBytes(Sized(await session.ImageAsync(json, "svg", width, height, 1).ConfigureAwait(false), widthIn, heightIn, width, height));
            case ImageFormat.Pdf:
                var svg = Sized(await session.ImageAsync(json, "svg", width, height, 1).ConfigureAwait(false), widthIn, heightIn, width, height);
                return await session.SvgPdfAsync(svg, widthIn, heightIn, DocumentTitle(themed)).ConfigureAwait(false);
            default:
                var dpi = options.Dpi * options.Scale;
                var name = format == ImageFormat.Jpeg ? "jpeg" : format.ToString().ToLowerInvariant();
                // plotly sizes the canvas as floor(width × scale): 460.8 × 3.125 in doubles is 1439.9999..., so nudge the
                // scale up by far less than a pixel to land on the intended 1440.
                var bytes = Convert.FromBase64String(await session.ImageAsync(json, name, width, height, dpi / 96 * (1 + 1e-9)).ConfigureAwait(false));
                return format switch
                {
                    ImageFormat.Png => PngDensity.SetPng(bytes, dpi),
                    ImageFormat.Jpeg => PngDensity.SetJpeg(bytes, dpi),
                    _ => bytes,
                };
        }
    }

    /// <summary>plotly's SVG (sized in CSS pixels) with its physical size in inches and a view box, so it prints and imports at size.</summary>
    internal static string Sized(string svg, double widthIn, double heightIn, double width, double height)
    {
        var document = XDocument.Parse(svg);
        var root = document.Root ?? throw new InvalidDataException("plotly.js returned an SVG without a root element.");
        root.SetAttributeValue("width", ChromiumSession.Inches(widthIn));
        root.SetAttributeValue("height", ChromiumSession.Inches(heightIn));
        if (root.Attribute("viewBox") is null)
            root.SetAttributeValue("viewBox", FormattableString.Invariant($"0 0 {width:0.###} {height:0.###}"));
        return document.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// The PDF's document title: the figure's title as plain text (line breaks as spaces, plotly's inline tags such as
    /// <c>&lt;b&gt;</c> dropped, entities decoded), or "RunLens export" when it has none.
    /// </summary>
    internal static string DocumentTitle(Figure figure)
    {
        var text = figure.Layout.Title?.Text;
        if (string.IsNullOrWhiteSpace(text))
            return DefaultDocumentTitle;
        var plain = WebUtility.HtmlDecode(Tag().Replace(LineBreak().Replace(text, " "), ""));
        plain = Spaces().Replace(plain, " ").Trim();
        return plain.Length == 0 ? DefaultDocumentTitle : plain;
    }

    internal const string DefaultDocumentTitle = "RunLens export";

    [GeneratedRegex("<br\\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex("\\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    /// <summary>Writes the bytes to a temporary file beside <paramref name="path"/>, then moves it in place: a failure leaves nothing half-written.</summary>
    internal static string WriteWhole(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".partial-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
        return full;
    }

    internal static string FileName(string title)
    {
        var text = title.Split("<br>")[0];
        var name = new StringBuilder();
        foreach (var c in text.Trim())
            name.Append(char.IsLetterOrDigit(c) || c is '-' or '.' ? char.ToLowerInvariant(c) : '_');
        var result = name.ToString().Trim('_', '.');
        while (result.Contains("__", StringComparison.Ordinal))
            result = result.Replace("__", "_", StringComparison.Ordinal);
        return result.Length == 0 ? "figure" : result[..Math.Min(result.Length, 60)];
    }

    // Notebook cells and the CLI call the synchronous forms; run the work off any synchronization context so waiting on
    // it cannot deadlock, and surface the real exception rather than an AggregateException.
    internal static T Wait<T>(Task<T> task) => Task.Run(() => task).GetAwaiter().GetResult();
}
