using System.Globalization;

namespace RunLens;

/// <summary>
/// How a figure becomes an image: its format, physical size and resolution. The figure is laid out at its physical
/// size (96 CSS pixels per inch, so fonts keep their printed size) and rasterised at <see cref="Dpi"/> ×
/// <see cref="Scale"/>: the default 6.4 × 4.8 in at 300 DPI is a 1920 × 1440 PNG that says 300 DPI.
/// </summary>
/// <example><code>figure.SaveImage("fig1.png", new ImageOptions { Width = 3.5, Height = 2.6, Theme = Theme.Publication });</code></example>
public sealed record ImageOptions
{
    /// <summary>The default width in inches (matplotlib's).</summary>
    public const double DefaultWidth = 6.4;

    /// <summary>The default height in inches (matplotlib's).</summary>
    public const double DefaultHeight = 4.8;

    /// <summary>The format; null takes it from the file's extension (<c>.png</c>, <c>.svg</c>, <c>.pdf</c>, <c>.jpg</c>, <c>.webp</c>).</summary>
    public ImageFormat? Format { get; init; }

    /// <summary>Width in inches (default 6.4; a single paper column is about 3.5, a double 7).</summary>
    public double? Width { get; init; }

    /// <summary>Height in inches (default 4.8, or more for a figure that states a taller height).</summary>
    public double? Height { get; init; }

    /// <summary>Width in pixels of the image, instead of <see cref="Width"/> (inches = pixels / <see cref="Dpi"/>).</summary>
    public int? WidthPixels { get; init; }

    /// <summary>Height in pixels of the image, instead of <see cref="Height"/>.</summary>
    public int? HeightPixels { get; init; }

    /// <summary>Dots per inch of raster images (default 300); vector formats keep the physical size only.</summary>
    public int Dpi { get; init; } = 300;

    /// <summary>A further resolution factor for raster images; the physical size stays, so the recorded DPI is <c>Dpi × Scale</c>.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>A look to apply first, e.g. <see cref="Theme.Publication"/>; null leaves the figure as it is.</summary>
    public Theme? Theme { get; init; }

    /// <summary>
    /// The Chromium (or Chrome, Edge) executable; null looks at <c>RUNLENS_CHROMIUM</c>, then for <c>chromium</c>,
    /// <c>chromium-browser</c>, <c>google-chrome</c> and <c>msedge</c> on PATH.
    /// </summary>
    public string? Browser { get; init; }

    /// <summary>The defaults: format from the extension, 6.4 × 4.8 in, 300 DPI.</summary>
    public static ImageOptions Default { get; } = new();

    /// <summary>The format for <paramref name="path"/>: <see cref="Format"/>, else the extension.</summary>
    /// <exception cref="ArgumentException">Neither says a format we write.</exception>
    public ImageFormat FormatFor(string path) => Format ?? FormatOf(Path.GetExtension(path))
        ?? throw new ArgumentException(
            $"Cannot tell the image format of '{path}': use the extension .png, .svg, .pdf, .jpg or .webp, or set ImageOptions.Format.", nameof(path));

    /// <summary>The format an extension (with or without its dot) or format name stands for, or null.</summary>
    public static ImageFormat? FormatOf(string extensionOrName) => extensionOrName.TrimStart('.').ToLowerInvariant() switch
    {
        "png" => ImageFormat.Png,
        "svg" => ImageFormat.Svg,
        "pdf" => ImageFormat.Pdf,
        "jpg" or "jpeg" => ImageFormat.Jpeg,
        "webp" => ImageFormat.Webp,
        _ => null,
    };

    /// <summary>The file extension of a format, without its dot.</summary>
    public static string Extension(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "jpg",
        _ => format.ToString().ToLowerInvariant(),
    };

    /// <summary>The physical size in inches for <paramref name="figure"/>, checked.</summary>
    internal (double Width, double Height) SizeOf(Figure figure)
    {
        // Recipes with several panels ask for more height in the page (Layout.Height in CSS pixels); keep that
        // proportion, at 0.75 % of an inch per pixel, so their panels do not get squashed into 4.8 in.
        var (width, height) = RequestedSize();
        return (width, Checked(height ?? Math.Max(DefaultHeight, (figure.Layout.Height ?? 0) * 0.0075), width));
    }

    /// <summary>
    /// The width in inches (default 6.4) and the height when one was given, checked: a page (a replay) takes its own
    /// height otherwise.
    /// </summary>
    internal (double Width, double? Height) RequestedSize()
    {
        if (Width is not null && WidthPixels is not null || Height is not null && HeightPixels is not null)
            throw new ArgumentException("Give the width (and the height) either in inches (Width, Height) or in pixels (WidthPixels, HeightPixels), not both.");
        if (Dpi is < 10 or > 2400)
            throw new ArgumentOutOfRangeException(nameof(Dpi), Dpi.ToString(CultureInfo.InvariantCulture) + " DPI", "Dpi must be between 10 and 2400 (300 is print quality).");
        if (!double.IsFinite(Scale) || Scale is <= 0 or > 10)
            throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "Scale must be above 0 and at most 10.");
        var width = Width ?? WidthPixels / (double)Dpi ?? DefaultWidth;
        var height = Height ?? HeightPixels / (double)Dpi;
        return (Checked(width, height ?? DefaultHeight), height is { } h ? Checked(h, width) : null);
    }

    /// <summary><paramref name="side"/> when both sides are between 0.5 and 100 inches.</summary>
    internal static double Checked(double side, double other) =>
        double.IsFinite(side) && double.IsFinite(other) && side is >= 0.5 and <= 100 && other is >= 0.5 and <= 100
            ? side
            : throw new ArgumentOutOfRangeException(nameof(Width), FormattableString.Invariant($"{side} x {other} in"),
                "Each side must be between 0.5 and 100 inches.");
}
