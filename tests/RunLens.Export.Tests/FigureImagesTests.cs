using System.Xml.Linq;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.ExportTests;

public class FigureImagesTests(ITestOutputHelper output)
{
    [Fact]
    public void A_png_of_a_6_4_by_4_8_inch_figure_is_1920_by_1440_pixels_and_records_300_dpi()
    {
        if (!Browser.Available(output))
            return;
        using var temp = new TempDir();
        var path = TinyFigures.TwoLines().SaveImage(temp.File("two.png"));
        var png = File.ReadAllBytes(path);
        Assert.Equal((1920, 1440), PngSize(png));
        // 300 DPI = 300 / 0.0254 = 11811.02 pixels per metre.
        Assert.Equal(11811u, PngDensity.ReadPng(png));
    }

    [Fact]
    public void A_single_column_png_at_600_dpi_is_2100_pixels_wide()
    {
        if (!Browser.Available(output))
            return;
        var png = TinyFigures.TwoLines().ToImage(ImageFormat.Png, new ImageOptions { Width = 3.5, Height = 2.5, Dpi = 600 });
        Assert.Equal((2100, 1500), PngSize(png));
        Assert.Equal(23622u, PngDensity.ReadPng(png));
    }

    [Fact]
    public void An_svg_is_vector_xml_with_its_title_as_text_and_its_size_in_inches()
    {
        if (!Browser.Available(output))
            return;
        using var temp = new TempDir();
        var svg = XDocument.Load(TinyFigures.TwoLines("Vector title").SaveImage(temp.File("two.svg")));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal("6.4in", svg.Root.Attribute("width")!.Value);
        Assert.Equal("4.8in", svg.Root.Attribute("height")!.Value);
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "Vector title");
        Assert.Empty(svg.Descendants(ns + "image"));
        // One path per line trace (plotly's "js-line"), in its colour.
        var lines = svg.Descendants(ns + "path").Where(p => (string?)p.Attribute("class") == "js-line").ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.Attribute("style")!.Value.Contains("rgb(255, 0, 0)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pdf_is_one_page_of_the_figures_size_with_extractable_text_and_embedded_fonts()
    {
        if (!Browser.Available(output))
            return;
        using var temp = new TempDir();
        var path = TinyFigures.TwoLines("Printed title").SaveImage(temp.File("two.pdf"), new ImageOptions { Width = 3.5, Height = 2.5 });
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        if (!PdfTools.Installed)
        {
            output.WriteLine("SKIPPED the poppler checks: apt-get install poppler-utils");
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI must have poppler-utils.");
            return;
        }
        var info = PdfTools.Run("pdfinfo", path);
        output.WriteLine(info);
        Assert.Matches(@"Pages:\s+1\n", info);
        // 3.5 x 2.5 in = 252 x 180 pt.
        Assert.Matches(@"Page size:\s+252 x 180 pts", info);
        Assert.Contains("Printed title", PdfTools.Run("pdftotext", path, "-"), StringComparison.Ordinal);
        // The document title is the figure's.
        Assert.Matches(@"Title:\s+Printed title\n", info);
        var fonts = PdfTools.Run("pdffonts", path).Split('\n').Skip(2).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(fonts);
        // pdffonts' "emb" column: every font is embedded.
        Assert.All(fonts, f => Assert.Contains(" yes ", f, StringComparison.Ordinal));
        Assert.DoesNotContain("Image", PdfTools.Run("pdfimages", "-list", path).Split('\n').Skip(2).FirstOrDefault() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Jpeg_and_webp_are_written_too_and_a_jpeg_records_its_dpi()
    {
        if (!Browser.Available(output))
            return;
        var jpeg = TinyFigures.TwoLines().ToImage(ImageFormat.Jpeg, new ImageOptions { Dpi = 150 });
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        Assert.Equal(1, jpeg[13]);
        Assert.Equal(150, (jpeg[14] << 8) | jpeg[15]);
        var webp = TinyFigures.TwoLines().ToImage(ImageFormat.Webp, new ImageOptions { Dpi = 96 });
        Assert.Equal("RIFF"u8.ToArray(), webp[..4]);
        Assert.Equal("WEBP"u8.ToArray(), webp[8..12]);
    }

    [Fact]
    public void A_batch_of_figures_starts_at_most_one_browser()
    {
        if (!Browser.Available(output))
            return;
        using var temp = new TempDir();
        TinyFigures.TwoLines().ToImage(ImageFormat.Svg);
        var before = ChromiumSession.Launches;
        var figures = Enumerable.Range(1, 12).Select(i => TinyFigures.TwoLines($"Figure {i}")).ToList();
        var paths = figures.SaveImages(temp.Path, new ImageOptions { Dpi = 72 });
        Assert.Equal(12, paths.Count);
        Assert.Equal("01_figure_1.png", Path.GetFileName(paths[0]));
        Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 1000));
        Assert.Equal(before, ChromiumSession.Launches);
    }

    [Fact]
    public void The_publication_theme_applies_on_export()
    {
        if (!Browser.Available(output))
            return;
        var figure = new Figure(
            [new RunLens.Plotly.ScatterTrace([0, 1], [0, 1]) { Line = new RunLens.Plotly.Line { Color = "rgba(31,119,180,1)" } }],
            new RunLens.Plotly.Layout { Title = new RunLens.Plotly.Title("Themed") });
        var svg = System.Text.Encoding.UTF8.GetString(figure.ToImage(ImageFormat.Svg, new ImageOptions { Theme = Theme.Publication }));
        // Okabe-Ito blue #0072B2 = rgb(0, 114, 178) instead of category10's rgb(31, 119, 180).
        Assert.Contains("rgb(0, 114, 178)", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("rgb(31, 119, 180)", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Reward", "Reward")]
    [InlineData("<b>Reward</b><br>seed 0 &amp; 1", "Reward seed 0 & 1")]
    [InlineData("", "RunLens export")]
    public void A_pdfs_document_title_is_the_figures_title_as_plain_text(string title, string expected) =>
        Assert.Equal(expected, FigureImages.DocumentTitle(TinyFigures.TwoLines(title)));

    [Fact]
    public void A_figure_without_a_title_gives_the_pdf_the_default_title() =>
        Assert.Equal("RunLens export", FigureImages.DocumentTitle(TinyFigures.TwoLines() with { Layout = new RunLens.Plotly.Layout() }));

    internal static (int Width, int Height) PngSize(byte[] png) =>
        ((png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19], (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
}
