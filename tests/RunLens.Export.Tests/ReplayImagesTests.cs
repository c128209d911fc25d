using System.Text.RegularExpressions;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.ExportTests;

public partial class ReplayImagesTests(ITestOutputHelper output)
{
    // Ten steps along the diagonal of a 2-D plane, a reward of 1 at each: hand-checkable, and enough to draw a path,
    // a marker and a reward track.
    private static ReplayWidget TenSteps()
    {
        var positions = Enumerable.Range(0, 10).Select(i => new double[] { i, i }).ToList();
        var episode = new Episode(0, 10, 10) { Trajectory = new Trajectory(Enumerable.Repeat(1.0, 10).ToList()) { Positions = positions } };
        return episode.Replay(new ReplayOptions { Title = "Ten steps" });
    }

    [Fact]
    public void A_replay_png_is_its_first_frame_at_the_requested_width_and_dpi_and_not_blank()
    {
        if (!Browser.Available(output))
            return;
        using var temp = new TempDir();
        var path = TenSteps().SaveImage(temp.File("replay.png"), new ImageOptions { Width = 8, Dpi = 150 });
        var bytes = File.ReadAllBytes(path);
        var png = Png.Decode(bytes);
        output.WriteLine($"{png.Width} x {png.Height} px, ink {png.Ink():0.000}");
        // 8 in at 150 DPI; the height is the widget's own (view, tracks), a few inches.
        Assert.Equal(1200, png.Width);
        Assert.InRange(png.Height, 600, 3000);
        // 150 DPI = 5905.5 pixels per metre.
        Assert.Equal(5906u, PngDensity.ReadPng(bytes));
        Assert.InRange(png.Ink(), 0.02, 0.9);
    }

    [Fact]
    public void A_replay_png_with_a_fixed_height_has_exactly_the_requested_pixels()
    {
        if (!Browser.Available(output))
            return;
        var png = Png.Decode(TenSteps().ToImage(ImageFormat.Png, new ImageOptions { WidthPixels = 900, HeightPixels = 600, Dpi = 100 }));
        Assert.Equal((900, 600), (png.Width, png.Height));
        // Mostly white (the path view and one track), but a blank page would have none.
        Assert.True(png.Ink() > 0.005, $"ink {png.Ink()}");
    }

    [Fact]
    public void A_replay_pdf_is_one_page_of_the_width_asked_for_titled_with_the_replay()
    {
        if (!Browser.Available(output))
            return;
        using var temp = new TempDir();
        var path = TenSteps().SaveImage(temp.File("replay.pdf"), new ImageOptions { Width = 7 });
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        if (!PdfTools.Installed)
        {
            output.WriteLine("SKIPPED the poppler checks: apt-get install poppler-utils");
            return;
        }
        var info = PdfTools.Run("pdfinfo", path);
        output.WriteLine(info);
        Assert.Matches(@"Pages:\s+1\n", info);
        // 7 in = 504 pt.
        Assert.Matches(@"Page size:\s+504 x \d+(\.\d+)? pts", info);
        Assert.Matches(@"Title:\s+Ten steps\n", info);
    }

    [Fact]
    public void A_replay_cannot_be_saved_as_svg_and_says_what_to_use_instead()
    {
        using var temp = new TempDir();
        var error = Assert.Throws<NotSupportedException>(() => TenSteps().SaveImage(temp.File("replay.svg")));
        Assert.Contains("Use .png or .pdf", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void A_replay_whose_page_fails_to_render_gives_a_clear_error()
    {
        if (!Browser.Available(output))
            return;
        // The replay's own page with its data block broken, as a damaged or hand-edited page would be.
        var html = DataBlock().Replace(TenSteps().ToHtml(HtmlOptions.Standalone), "$1{ not json$2", 1);
        var error = Assert.Throws<InvalidOperationException>(() =>
            FigureImages.Wait(ReplayImages.RenderAsync(html, "Broken", ImageFormat.Png, ImageOptions.Default)));
        output.WriteLine(error.Message);
        Assert.Contains("The replay 'Broken' did not render", error.Message, StringComparison.Ordinal);
        Assert.Contains("could not read this replay's data", error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("(<script type=\"application/json\" class=\"runlens-replay-data\">).*?(</script>)", RegexOptions.Singleline)]
    private static partial Regex DataBlock();
}
