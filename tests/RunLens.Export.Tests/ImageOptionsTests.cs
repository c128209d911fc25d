namespace RunLens.ExportTests;

public class ImageOptionsTests
{
    private static readonly Figure Tiny = TinyFigures.TwoLines();

    [Theory]
    [InlineData("a.png", ImageFormat.Png)]
    [InlineData("a.SVG", ImageFormat.Svg)]
    [InlineData("out/a.pdf", ImageFormat.Pdf)]
    [InlineData("a.jpeg", ImageFormat.Jpeg)]
    [InlineData("a.webp", ImageFormat.Webp)]
    public void The_format_comes_from_the_extension(string path, ImageFormat format) =>
        Assert.Equal(format, ImageOptions.Default.FormatFor(path));

    [Fact]
    public void An_unknown_extension_names_the_extensions_that_work()
    {
        var error = Assert.Throws<ArgumentException>(() => ImageOptions.Default.FormatFor("a.bmp"));
        Assert.Contains(".png, .svg, .pdf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_size_is_6_4_by_4_8_inches_and_pixels_convert_at_the_dpi()
    {
        Assert.Equal((6.4, 4.8), ImageOptions.Default.SizeOf(Tiny));
        Assert.Equal((3.5, 2.0), new ImageOptions { WidthPixels = 1050, HeightPixels = 600 }.SizeOf(Tiny));
    }

    [Fact]
    public void A_tall_recipe_keeps_its_proportion()
    {
        // 1100 CSS pixels tall (a five-panel chart) at 0.0075 in per pixel.
        Assert.Equal(8.25, ImageOptions.Default.SizeOf(Tiny.WithHeight(1100)).Height, 9);
    }

    [Fact]
    public void Inches_and_pixels_for_one_side_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ImageOptions { Width = 3, WidthPixels = 900 }.SizeOf(Tiny));
        Assert.Contains("either in inches", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Png_density_of_300_dpi_is_11811_pixels_per_metre() => Assert.Equal(11811u, PngDensity.PixelsPerMetre(300));
}
