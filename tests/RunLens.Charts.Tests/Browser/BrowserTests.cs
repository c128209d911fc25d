using Microsoft.Playwright;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.ChartsTests.Browser;

/// <summary>
/// Opens standalone pages in Debian's chromium (never a downloaded browser) and checks plotly drew them offline.
/// Without /usr/bin/chromium the tests say SKIPPED and return, except on CI (CI=true), where they fail.
/// </summary>
public class BrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Reward_curves_page_draws_offline_without_errors()
    {
        var fields = Fixtures.SmallRewards().Append(Fixtures.Curve("rewards.heal", 4,
            Fixtures.Bucket(0, 4, 4, 1, 0, 1), Fixtures.Bucket(4, 4, 4, 2, 0, 2), Fixtures.Bucket(8, 4, 4, 3, 0, 3))).ToList();
        var figure = Charts.RewardCurves(fields, 20, Smoothing.Ema());

        await DrawAndCheck(figure, "runlens-reward-curves", expectedTraces: 9);
    }

    [Fact]
    public async Task Ten_million_point_reward_curves_page_draws_offline_with_its_spike()
    {
        var figure = Charts.RewardCurves(Fixtures.TenMillionPointRewards(), 10_000_000, Smoothing.Ema());

        await DrawAndCheck(figure, "runlens-reward-curves-10m", expectedTraces: 24);
    }

    [Fact]
    public async Task Position_heatmap_page_draws_offline_without_errors()
    {
        var cells = new List<PositionCount>();
        for (var x = 0; x < 20; x++)
            for (var y = 0; y < 12; y++)
                if ((x + y) % 3 != 0)
                    cells.Add(new PositionCount(40, x, y, 1 + x * x * y * 3));
        cells.Add(new PositionCount(7, 2, 2, 5));

        await DrawAndCheck(Charts.PositionHeatmap(cells), "runlens-heatmap", expectedTraces: 2);
    }

    [Fact]
    public async Task Position_heatmap_with_an_episode_path_draws_offline_without_errors()
    {
        var cells = new List<PositionCount>();
        for (var x = 0; x < 10; x++)
            for (var y = 0; y < 8; y++)
                cells.Add(new PositionCount(x < 5 ? 1 : 2, x, y, 1 + x * y));
        // Along row 3 of map 1, through a door into map 2, then down its column 6.
        double[][] positions = [[0, 3], [1, 3], [2, 3], [3, 3], [4, 3], [5, 3], [6, 3], [6, 4], [6, 5]];
        var maps = positions.Select(p => p[0] < 5 ? "1" : "2").ToList();
        var episode = new Episode(3, 2.5, positions.Length)
        {
            Trajectory = new Trajectory(new double[positions.Length]) { Positions = positions, Maps = maps },
        };

        // map 1: heatmap, path, start; map 2: heatmap, path, end.
        await DrawAndCheck(Charts.PositionHeatmap(cells, episode), "runlens-heatmap-path", expectedTraces: 6);
    }

    [Fact]
    public async Task Sweep_heatmap_interval_and_parallel_coordinates_pages_draw_offline_without_errors()
    {
        using var runs = new TempDir();
        foreach (var (lr, batch, seed) in new[] { (0.1, 8, 0), (0.1, 8, 1), (0.1, 16, 0), (0.01, 8, 0), (0.01, 8, 1) })
        {
            using var writer = RunWriter.Create(Path.Combine(runs.Path, $"lr={lr},batch={batch}", $"seed_{seed}"));
            writer.WriteConfig([new("learning_rate", lr), new("batch_size", batch), new("seed", seed)]);
            writer.LogScalars(0, [new("score", lr * 100 + batch + seed)]);
        }
        var scores = Runs.Load(runs.Path).FinalScores("metrics.score", groupBy: "learning_rate");
        var sweep = scores.Sweep();

        await DrawAndCheck(sweep.HyperparameterHeatmap("learning_rate", "batch_size", BootstrapOptions.Default with { Reps = 100 }), "runlens-sweep-heatmap", expectedTraces: 1);
        await DrawAndCheck(scores.Compare(bootstrap: BootstrapOptions.Default with { Reps = 100 }).AggregateIntervals(), "runlens-intervals", expectedTraces: 8);
        await DrawAndCheck(sweep.ParallelCoordinates(), "runlens-parcoords", expectedTraces: 1, drawn: ".parcoords .axis");
    }

    private async Task DrawAndCheck(Figure figure, string name, int expectedTraces, string drawn = ".scatterlayer .trace, .heatmaplayer .hm")
    {
        await using var browser = await ChromiumPage.OpenAsync(output, 1100, 900);
        if (browser is null)
            return;
        using var temp = new TempDir();
        var path = temp.File(name + ".html");
        figure.WriteHtml(path);
        var page = browser.Page;

        var url = new Uri(path).AbsoluteUri;
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync(".main-svg", new PageWaitForSelectorOptions { Timeout = 15_000 });
        var traces = await page.EvaluateAsync<int>("() => document.querySelector('.js-plotly-plot').data.length");
        var elements = await page.EvaluateAsync<int>($"() => document.querySelectorAll('{drawn}').length");
        var screenshot = Path.Combine(Path.GetTempPath(), name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");

        Assert.Equal(expectedTraces, traces);
        Assert.True(elements > 0, "plotly drew no trace elements.");
        Assert.Empty(browser.Errors);
        Assert.Equal([url], browser.Requests);
    }
}
