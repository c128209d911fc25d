using System.Net;
using RunLens.TestSupport;

namespace RunLens.ChartsTests.Live;

public class LiveViewTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    // Three lines of loss and reward: steps 0..2, hand-checkable.
    private static ScanResult Scan(TempDir dir)
    {
        dir.Write("run/log.jsonl", "{\"step\":0,\"loss\":1,\"reward\":0}\n{\"step\":1,\"loss\":0.5,\"reward\":2}\n{\"step\":2,\"loss\":0.25,\"reward\":4}\n");
        return Runs.Load(dir.Path).Scan();
    }

    private static LiveStatus Status(bool finished) =>
        new(3, 2, 1, 120, 1.5, At.AddSeconds(-4), 0, finished, finished ? "status finished" : null, At);

    [Fact]
    public void A_view_of_a_named_metric_draws_it_under_the_status_line()
    {
        using var dir = new TempDir();

        var view = LiveView.Of(Scan(dir), Status(finished: false), "loss");

        Assert.NotNull(view.Figure);
        Assert.Contains("\"name\":\"loss\"", view.Figure.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"name\":\"reward\"", view.Figure.ToJson(), StringComparison.Ordinal);
        var html = view.ToHtml();
        Assert.Contains(WebUtility.HtmlEncode("3 records · step 2 · 2 records/s · last write 4 s ago · running"), html, StringComparison.Ordinal);
        Assert.Contains("data-runlens-live=\"running\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("runlens-live-status", StringComparison.Ordinal) < html.IndexOf("runlens-figure", StringComparison.Ordinal));
        Assert.StartsWith("3 records · step 2", view.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_metric_the_view_draws_the_reward_curves()
    {
        using var dir = new TempDir();

        var view = LiveView.Of(Scan(dir), Status(finished: false));

        Assert.Contains("\"name\":\"reward\"", view.Figure!.ToJson(), StringComparison.Ordinal);
        Assert.Null(view.Note);
    }

    [Fact]
    public void Before_the_metric_exists_the_view_says_so_and_lists_the_fields()
    {
        using var dir = new TempDir();

        var view = LiveView.Of(Scan(dir), Status(finished: false), "entropy");

        Assert.Null(view.Figure);
        Assert.Equal("No field 'entropy' yet. Numeric fields so far: loss, reward, step.", view.Note);
        Assert.Contains("No field &#39;entropy&#39; yet", view.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_reloads_itself_while_the_run_is_written_and_stays_once_it_ended()
    {
        using var dir = new TempDir();
        var scan = Scan(dir);
        var page = Path.Combine(dir.Path, "out", "live.html");

        LiveView.Of(scan, Status(finished: false), "loss").WriteHtml(page, TimeSpan.FromSeconds(2));
        var running = File.ReadAllText(page);
        LiveView.Of(scan, Status(finished: true), "loss").WriteHtml(page, TimeSpan.FromSeconds(2));
        var ended = File.ReadAllText(page);

        Assert.Contains("<meta http-equiv=\"refresh\" content=\"2\">", running, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", ended, StringComparison.Ordinal);
        Assert.Contains("data-runlens-live=\"ended\"", ended, StringComparison.Ordinal);
        // plotly.js inline exactly once, in the page's head.
        var plotly = ended.IndexOf(PlotlyJs.Script, StringComparison.Ordinal);
        Assert.True(plotly > 0 && plotly < ended.IndexOf("</head>", StringComparison.Ordinal));
        Assert.Equal(-1, ended.IndexOf(PlotlyJs.Script, plotly + 1, StringComparison.Ordinal));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(page)!));
    }

    [Fact]
    public void MetricCurves_names_the_fields_there_are_when_a_name_is_no_field()
    {
        using var dir = new TempDir();

        var error = Assert.Throws<ArgumentException>(() => Scan(dir).MetricCurves(["loss", "kl"]));

        Assert.StartsWith("No field 'kl' in this scan. Numeric fields here: loss, reward, step.", error.Message, StringComparison.Ordinal);
    }
}
