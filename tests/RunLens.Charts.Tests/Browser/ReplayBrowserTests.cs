using System.Text.Json;
using Microsoft.Playwright;
using RunLens.ChartsTests.Replay;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.ChartsTests.Browser;

/// <summary>
/// Replays opened in chromium and driven like a user: play, slider drag, keyboard, episode switch, clicks on the
/// tracks and the timeline; screenshots at the first, a middle and the last step go to the temp folder.
/// </summary>
public class ReplayBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_snapshot_file_written_by_hand_replays_with_working_controls_and_no_errors_or_requests()
    {
        using var temp = new TempDir();
        WriteSnapshots(temp.Path);
        var run = Runs.Load(temp.Path).Single();
        Assert.Equal(2, run.Snapshots.Count);
        var path = temp.File("snapshots.html");
        run.Snapshots.Replay().WriteHtml(path);

        await using var browser = await ChromiumPage.OpenAsync(output);
        if (browser is null)
            return;
        var page = browser.Page;
        var url = new Uri(path).AbsoluteUri;
        await page.GotoAsync(url);
        var id = await Ready(page, 0);
        // The timeline starts on the latest snapshot: 60 steps, two waypoints.
        Assert.Equal("1", await Attr(page, id, "data-episode"));
        Assert.Equal("step 0 / 59", await page.Locator($"#{id}-counter").InnerTextAsync());
        Assert.Equal(1, await TrailLength(page, id));
        Assert.Equal(["#d62728", "#d62728"], await WaypointColors(page, id));
        await Shot(page, "replay-first");

        // Play: the counter and the agent's marker move on.
        var x0 = await AgentX(page, id);
        await page.ClickAsync($"#{id}-play");
        await page.WaitForFunctionAsync($"() => +document.getElementById('{id}').dataset.frame >= 3");
        await page.ClickAsync($"#{id}-play");
        Assert.Equal("false", await Attr(page, id, "data-playing"));
        Assert.NotEqual("step 0 / 59", await page.Locator($"#{id}-counter").InnerTextAsync());
        Assert.NotEqual(x0, await AgentX(page, id));

        // Drag the slider's thumb from the left end to the middle.
        var slider = (await page.Locator($"#{id}-slider").BoundingBoxAsync())!;
        await page.Locator($"#{id}-first").ClickAsync();
        await page.Mouse.MoveAsync(slider.X + 6, slider.Y + slider.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(slider.X + slider.Width / 2, slider.Y + slider.Height / 2, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
        var middle = await Frame(page, id);
        Assert.InRange(middle, 22, 37);
        Assert.Equal(middle + 1, await TrailLength(page, id));
        Assert.Equal(middle, await page.EvaluateAsync<double>($"() => document.getElementById('{id}-tracks').layout.shapes[0].x0"));
        await Shot(page, "replay-middle");

        // Keyboard, with the widget focused.
        await page.Locator($"#{id}-summary").ClickAsync();
        await page.Keyboard.PressAsync("Home");
        Assert.Equal(0, await Frame(page, id));
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal(1, await Frame(page, id));
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        Assert.Equal(11, await Frame(page, id));
        await page.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal(10, await Frame(page, id));
        await page.Keyboard.PressAsync("Space");
        Assert.Equal("true", await Attr(page, id, "data-playing"));
        await page.Keyboard.PressAsync("Space");
        Assert.Equal("false", await Attr(page, id, "data-playing"));
        await page.Keyboard.PressAsync("End");
        Assert.Equal(59, await Frame(page, id));
        Assert.Equal(60, await TrailLength(page, id));
        Assert.Equal(["#2ca02c", "#2ca02c"], await WaypointColors(page, id));
        await Shot(page, "replay-last");

        // Clicking a track jumps to that step.
        var step = await ClickTrack(page, id, 20);
        Assert.InRange(await Frame(page, id), step - 1, step + 1);

        // Switch episodes with the selector and with PageUp/PageDown.
        await page.SelectOptionAsync($"#{id}-episode", "0");
        await page.WaitForFunctionAsync($"() => document.getElementById('{id}').dataset.episode === '0' && document.getElementById('{id}').dataset.ready === 'true'");
        Assert.Equal("step 0 / 39", await page.Locator($"#{id}-counter").InnerTextAsync());
        await page.Locator($"#{id}-summary").ClickAsync();
        await page.Keyboard.PressAsync("PageDown");
        Assert.Equal("1", await Attr(page, id, "data-episode"));

        Assert.Empty(browser.Errors);
        Assert.Equal([url], browser.Requests);
    }

    [Fact]
    public async Task A_grid_game_replay_follows_map_switches_and_draws_the_grid_states()
    {
        using var temp = new TempDir();
        var path = temp.File("grid.html");
        ReplayFixtures.GridGame().Replay().WriteHtml(path);

        await using var browser = await ChromiumPage.OpenAsync(output);
        if (browser is null)
            return;
        var page = browser.Page;
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        var id = await Ready(page, 0);
        Assert.StartsWith("map 1", await ViewTitle(page, id));
        Assert.True(await page.EvaluateAsync<bool>($"() => document.getElementById('{id}-grid-initial').width > 0 && document.getElementById('{id}-grid-final').width > 0"));

        await page.Locator($"#{id}-last").ClickAsync();
        Assert.StartsWith("map 2 · map switch 1 of 1", await ViewTitle(page, id));
        // On map 2 the trail holds only that map's 8 steps.
        Assert.Equal(8, await TrailLength(page, id));
        Assert.Equal("step 19", await page.Locator($"#{id}-grid-caption").InnerTextAsync());
        // The current grid's top-left cell at step 19 is value 9, ARC's maroon (#870c25).
        var pixel = await page.EvaluateAsync<int[]>($"() => Array.from(document.getElementById('{id}-grid-current').getContext('2d').getImageData(1, 1, 1, 1).data)");
        Assert.Equal([0x87, 0x0c, 0x25, 255], pixel);
        await Shot(page, "replay-grid");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Two_widgets_on_one_page_play_and_take_keys_independently()
    {
        using var temp = new TempDir();
        var session = new HtmlSession();
        var flight = ReplayFixtures.Flight(steps: 500).Replay().ToHtml(new HtmlOptions { Session = session });
        var grid = ReplayFixtures.GridGame().Replay().ToHtml(new HtmlOptions { Session = session });
        var path = temp.Write("two.html", Template.Fill(Assets.PageHtml, new Dictionary<string, string>
        {
            ["__RUNLENS_HEAD__"] = "",
            ["__RUNLENS_BODY__"] = flight + grid,
        }));

        await using var browser = await ChromiumPage.OpenAsync(output, height: 2600);
        if (browser is null)
            return;
        var page = browser.Page;
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        var a = await Ready(page, 0);
        var b = await Ready(page, 1);
        Assert.NotEqual(a, b);

        await page.ClickAsync($"#{a}-play");
        await page.WaitForFunctionAsync($"() => +document.getElementById('{a}').dataset.frame >= 5");
        Assert.Equal(0, await Frame(page, b));
        await page.ClickAsync($"#{a}-play");

        await page.Locator($"#{b}-summary").ClickAsync();
        var before = await Frame(page, a);
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal(1, await Frame(page, b));
        Assert.Equal(before, await Frame(page, a));

        // The 3-D view's follow mode narrows the scene around the agent.
        await page.Locator($"#{a}-follow").CheckAsync();
        var range = await page.EvaluateAsync<double[]>($"() => document.getElementById('{a}-view').layout.scene.xaxis.range");
        Assert.True(range[1] - range[0] < 5, $"follow range {range[0]}..{range[1]}");
        await Shot(page, "replay-two-widgets");
        Assert.Empty(browser.Errors);
    }

    // Two snapshots as a logger in another language would write them: written here with System.Text.Json, not by
    // RunLens's SnapshotLogger. A flight along x through waypoints at x = 2 and x = 5.
    private static void WriteSnapshots(string root)
    {
        var folder = Path.Combine(root, "snapshots");
        Directory.CreateDirectory(folder);
        var index = new List<string>();
        foreach (var (update, steps) in new[] { (0, 40), (10, 60) })
        {
            var stepList = Enumerable.Range(0, steps).Select(t => new
            {
                t,
                position = new[] { t * 0.1, Math.Sin(t / 5.0), 1 + t * 0.02 },
                orientation = new[] { 0.0, 0.1, Math.Cos(t / 5.0) },
                action = new[] { 0.5, 0.1 * t },
                reward = t is 20 or 50 ? 10.0 : 0.1,
            }).ToList();
            var file = $"snapshot_{update:D6}.json";
            File.WriteAllText(Path.Combine(folder, file), JsonSerializer.Serialize(new
            {
                update,
                step = update * 100,
                waypoints = new[] { new[] { 2.0, Math.Sin(4.0), 1.4 }, new[] { 5.0, Math.Sin(10.0), 2.0 } },
                waypoint_radius = 0.05,
                steps = stepList,
            }));
            var reached = steps > 50 ? 2 : 1;
            index.Add(JsonSerializer.Serialize(new { update, step = update * 100, @return = stepList.Sum(s => s.reward), steps, waypoints_reached = reached, success = reached == 2, file }));
        }
        File.WriteAllLines(Path.Combine(folder, "index.jsonl"), index);
    }

    private static async Task<string> Ready(IPage page, int n)
    {
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('.runlens-replay')[{n}]?.dataset.ready === 'true'", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        return await page.EvaluateAsync<string>($"() => document.querySelectorAll('.runlens-replay')[{n}].id");
    }

    private static Task<string> Attr(IPage page, string id, string name) =>
        page.EvaluateAsync<string>($"() => document.getElementById('{id}').getAttribute('{name}')");

    private static Task<int> Frame(IPage page, string id) =>
        page.EvaluateAsync<int>($"() => +document.getElementById('{id}').dataset.frame");

    private static Task<int> TrailLength(IPage page, string id) =>
        page.EvaluateAsync<int>($"() => document.getElementById('{id}-view').data.find(t => t.name === 'path so far').x.filter(v => v !== null).length");

    private static Task<double> AgentX(IPage page, string id) =>
        page.EvaluateAsync<double>($"() => document.getElementById('{id}-view').data.find(t => t.name === 'agent').x[0]");

    private static Task<string[]> WaypointColors(IPage page, string id) =>
        page.EvaluateAsync<string[]>($"() => document.getElementById('{id}-view').data.find(t => t.name === 'waypoints').marker.color");

    private static Task<string> ViewTitle(IPage page, string id) =>
        page.EvaluateAsync<string>($"() => document.getElementById('{id}-view').layout.title.text");

    // Clicks the first track panel above a step (plotly's own axis conversion gives the pixel); returns that step.
    private static async Task<int> ClickTrack(IPage page, string id, int step)
    {
        var point = await page.EvaluateAsync<float[]>($$"""
            () => {
              const gd = document.getElementById('{{id}}-tracks'), box = gd.getBoundingClientRect(), l = gd._fullLayout;
              const y = l.yaxis;
              return [box.left + l._size.l + l.xaxis.l2p({{step}}), box.top + l._size.t + y._offset - l._size.t + y._length / 2];
            }
            """);
        await page.Mouse.MoveAsync(point[0], point[1]);
        await page.Mouse.ClickAsync(point[0], point[1]);
        return step;
    }

    private async Task Shot(IPage page, string name)
    {
        var file = Path.Combine(Path.GetTempPath(), name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        output.WriteLine($"screenshot: {file}");
    }
}
