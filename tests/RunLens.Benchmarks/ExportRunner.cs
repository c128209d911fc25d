using System.Diagnostics;
using System.Globalization;

namespace RunLens.Benchmarks;

/// <summary>
/// <c>export [--count N] [--run DIR]</c>: the first figure's latency (browser start and plotly.js load included), then
/// figures per second for a batch of N figures per format (PNG at 300 DPI, SVG, PDF), alternating a run's reward
/// curves and position heatmap, all through one browser.
/// </summary>
internal static class ExportRunner
{
    public static int Run(string[] args)
    {
        var count = args.SkipWhile(a => a != "--count").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(20);
        var runDir = args.SkipWhile(a => a != "--run").Skip(1).FirstOrDefault()
            ?? Path.Combine(AppContext.BaseDirectory, "../../../../../sample-runs/experiments/v4/20250727_034014");
        var scan = Runs.Load(runDir)[0].Scan();
        Figure[] figures = [scan.RewardCurves(), scan.PositionHeatmap()];
        var folder = Path.Combine(Path.GetTempPath(), "runlens-bench-export");
        Directory.CreateDirectory(folder);

        var first = Stopwatch.StartNew();
        figures[0].SaveImage(Path.Combine(folder, "first.png"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first figure (browser start + plotly.js load + PNG): {first.Elapsed.TotalSeconds:F2} s"));
        foreach (var format in new[] { ImageFormat.Png, ImageFormat.Svg, ImageFormat.Pdf })
        {
            var clock = Stopwatch.StartNew();
            var bytes = 0L;
            for (var i = 0; i < count; i++)
            {
                var path = figures[i % 2].SaveImage(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{i}.{ImageOptions.Extension(format)}")));
                bytes += new FileInfo(path).Length;
            }
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{format,-4} {count} figures in {seconds:F2} s: {count / seconds:F2} figures/s, {bytes / count / 1024.0:F0} KB each"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"browsers started: {ChromiumSession.Launches}"));
        return 0;
    }
}
