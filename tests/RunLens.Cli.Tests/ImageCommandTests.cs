using System.Globalization;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

/// <summary>Images and PDFs from the command line: plot --format png|svg|pdf, compare --figures, report --pdf, no browser.</summary>
public class ImageCommandTests
{
    private static string Records(int n) => "[" + string.Join(",", Enumerable.Range(0, n).Select(i => string.Create(CultureInfo.InvariantCulture,
        $"{{\"step\":{i},\"x\":{i % 4},\"y\":{i % 3},\"map\":1,\"total\":{i * 0.1:R},\"explore\":0.05}}"))) + "]";

    private static bool HaveBrowser()
    {
        try
        {
            ChromiumLocator.Find();
            return true;
        }
        catch (BrowserNotFoundException)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI must have chromium.");
            Console.WriteLine("SKIPPED: no chromium");
            return false;
        }
    }

    private static string Run(TempDir dir)
    {
        dir.Write("experiments/v2/20250726_130714/json_logs/0.json", Records(50));
        return Path.Combine(dir.Path, "experiments/v2/20250726_130714");
    }

    [Fact]
    public void Plot_format_png_writes_both_charts_at_300_dpi_into_the_runs_plots_folder()
    {
        if (!HaveBrowser())
            return;
        using var dir = new TempDir();
        var run = Run(dir);

        var (exit, output, error) = CliRunner.Run("plot", run, "--format", "png", "--width", "3.5", "--height", "2.5");

        Assert.True(exit == 0, error);
        var rewards = Path.Combine(run, "plots", "v2_20250726_130714_rewards.png");
        var heatmap = Path.Combine(run, "plots", "v2_20250726_130714_heatmap.png");
        Assert.Equal([rewards, heatmap], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var png = File.ReadAllBytes(heatmap);
        // 3.5 x 2.5 in at 300 DPI.
        Assert.Equal(1050, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
        Assert.Equal(750, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
        // The pHYs chunk right after IHDR: 11811 pixels per metre = 300 DPI.
        Assert.Equal("pHYs", System.Text.Encoding.ASCII.GetString(png, 37, 4));
        Assert.Equal(11811, (png[41] << 24) | (png[42] << 16) | (png[43] << 8) | png[44]);
    }

    [Theory]
    [InlineData("svg", "<svg")]
    [InlineData("pdf", "%PDF-")]
    public void Plot_writes_svg_and_pdf_with_the_publication_theme(string format, string start)
    {
        if (!HaveBrowser())
            return;
        using var dir = new TempDir();
        var run = Run(dir);
        var outDir = Path.Combine(dir.Path, "figures");

        var (exit, output, error) = CliRunner.Run("plot", run, "--format", format, "--theme", "publication", "--output-dir", outDir);

        Assert.True(exit == 0, error);
        var files = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.StartsWith(start, File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_browser_plot_exits_1_with_the_install_hint_and_writes_nothing()
    {
        using var dir = new TempDir();
        var run = Run(dir);

        var (exit, output, error) = CliRunner.Run("plot", run, "--format", "png", "--browser", "/nonexistent/chromium");

        Assert.Equal(1, exit);
        Assert.Contains("apt-get install chromium", error, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(run, "plots")));
    }

    [Fact]
    public void Html_charts_refuse_an_image_size()
    {
        using var dir = new TempDir();
        var (exit, _, error) = CliRunner.Run("plot", Run(dir), "--width", "3.5");
        Assert.Equal(1, exit);
        Assert.Contains("--format png", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_theme_is_refused_by_name()
    {
        using var dir = new TempDir();
        var (exit, _, error) = CliRunner.Run("plot", Run(dir), "--theme", "neon");
        Assert.NotEqual(0, exit);
        Assert.Contains("publication", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_figures_writes_each_chart_as_an_image()
    {
        if (!HaveBrowser())
            return;
        using var dir = new TempDir();
        foreach (var (variant, seed, offset) in new[] { ("a", 0, 0.0), ("a", 1, 0.1), ("b", 0, 1.0), ("b", 1, 1.1) })
            dir.Write($"{variant}/seed{seed}/metrics.jsonl", string.Join("\n", Enumerable.Range(0, 10).Select(i =>
                string.Create(CultureInfo.InvariantCulture, $"{{\"step\":{i},\"score\":{offset + i * 0.01:R}}}"))));
        var figures = Path.Combine(dir.Path, "figures");

        var (exit, _, error) = CliRunner.Run("compare", dir.Path, "--metric", "score", "--reps", "200", "--figures", figures, "--figure-format", "svg");

        Assert.True(exit == 0, error);
        var written = Directory.GetFiles(figures, "*.svg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.True(written.Count >= 3, string.Join(", ", written));
        Assert.StartsWith("01_", written[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Report_pdf_without_a_browser_exits_1_before_running_the_notebook()
    {
        using var dir = new TempDir();
        var notebook = dir.Write("n.ipynb", "{}");
        var ran = false;
        var terminal = Terminal.FromConsole(new StringWriter(), new StringWriter());
        var exit = Commands.ReportCommand.Run(new Commands.ReportCommand.ReportRequest(notebook, null, null) { Pdf = Path.Combine(dir.Path, "n.pdf"), Browser = "/nonexistent/chromium" },
            terminal, _ => { ran = true; throw new InvalidOperationException("must not run"); });
        Assert.Equal(1, exit);
        Assert.False(ran);
        Assert.False(File.Exists(Path.Combine(dir.Path, "n.pdf")));
    }

    [Fact]
    public void Report_pdf_without_a_path_goes_beside_the_notebook()
    {
        var parse = CliApp.CreateRootCommand().Parse(["report", "notebooks/02.ipynb", "--pdf"]);
        Assert.Empty(parse.Errors);
    }
}
