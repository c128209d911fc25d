using System.Text.Json;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using RunLens.TestSupport;

namespace RunLens.Interactive.Tests.Kernel;

/// <summary>The extension loaded into a real C# kernel: greeting, formatters, MIME bundles, Markdown, progress.</summary>
[Collection(KernelCollection.Name)]
public class ExtensionTests
{
    private const string Plotly = "application/vnd.plotly.v1+json";

    private static string Value(DisplayEvent e, string mime) => e.FormattedValues.Single(v => v.MimeType == mime).Value;

    [Fact]
    public async Task Loading_greets_with_the_version_and_the_address_plotly_js_is_served_from()
    {
        using var session = await KernelSession.StartAsync(loadExtension: false);

        var events = await session.RunAsync("await RunLens.Interactive.RunLensKernelExtension.LoadAsync();");

        var greeting = Assert.Single(events.OfType<DisplayedValueProduced>());
        var text = Value(greeting, "text/markdown");
        Assert.StartsWith("**RunLens 0.1.0", text, StringComparison.Ordinal);
        Assert.Contains(PlotlyJsServer.Sources[0], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_displayable_type_is_registered_in_the_mime_types_its_attribute_names()
    {
        using var session = await KernelSession.StartAsync();

        var types = KernelFormatters.Displayables.Select(d => d.Type.Name).ToList();
        foreach (var expected in new[] { "Figure", "ReplayWidget", "RunSet", "Run", "ScanResult", "Series", "MarkdownText", "ScoreComparison", "RunListing", "ProgressLine" })
            Assert.Contains(expected, types);
        foreach (var (type, mimeTypes) in KernelFormatters.Displayables)
            Assert.Equal(mimeTypes, Formatter.GetPreferredMimeTypesFor(type));
        Assert.Equal([Plotly, "text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(Figure)));
    }

    [Fact]
    public async Task Under_the_jupyter_protocol_charts_go_out_without_json_mime_types_which_it_would_send_as_strings()
    {
        using var session = await KernelSession.StartAsync();

        KernelFormatters.Register(jupyter: true);

        Assert.Equal(["text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(Figure)));
        Assert.Equal(["text/markdown", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(MarkdownText)));
        KernelFormatters.Register(jupyter: false);
        Assert.Equal([Plotly, "text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(Figure)));
    }

    [Fact]
    public async Task A_figure_displays_as_plotly_json_html_and_text_with_the_same_figure_in_json_and_html()
    {
        using var session = await KernelSession.StartAsync();

        var events = await session.RunAsync("""
            new Figure([new RunLens.Plotly.ScatterTrace([0, 1, 2], [1, 4, 9]) { Name = "reward" }],
                new RunLens.Plotly.Layout { Title = new RunLens.Plotly.Title("Squares") })
            """);

        var value = Assert.Single(events.OfType<ReturnValueProduced>());
        Assert.Equal([Plotly, "text/html", "text/plain"], value.FormattedValues.Select(v => v.MimeType));
        using var json = JsonDocument.Parse(Value(value, Plotly));
        Assert.Equal("scatter", json.RootElement.GetProperty("data")[0].GetProperty("type").GetString());
        Assert.Equal("Squares", json.RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        var html = Value(value, "text/html");
        Assert.Contains("<script type=\"application/json\" class=\"runlens-figure-data\">" + Value(value, Plotly) + "</script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(PlotlyJs.Script[^200..], html, StringComparison.Ordinal);
        Assert.Equal("Squares (chart, 1 trace: reward)", Value(value, "text/plain"));
    }

    [Fact]
    public async Task Markdown_renders_as_markdown_and_series_as_a_table()
    {
        using var session = await KernelSession.StartAsync();

        var markdown = Assert.Single((await session.RunAsync("new MarkdownText(\"| a |\\n|---|\\n| 1 |\")")).OfType<ReturnValueProduced>());
        var series = Assert.Single((await session.RunAsync(
            "new Series(\"run\", \"reward\", [new ScalarPoint(0, 1.5, null), new ScalarPoint(10, 2.5, 3.25)])")).OfType<ReturnValueProduced>());

        Assert.Equal(["text/markdown", "text/plain"], markdown.FormattedValues.Select(v => v.MimeType));
        Assert.Equal("| a |\n|---|\n| 1 |", Value(markdown, "text/markdown"));
        Assert.Contains("<td class=\"num\">3.25</td>", Value(series, "text/html"), StringComparison.Ordinal);
        Assert.StartsWith("run/reward: 2 points, steps 0..10\npoints  finite", Value(series, "text/plain"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_scan_shows_one_progress_line_that_updates_in_place_and_ends_as_its_summary()
    {
        using var session = await KernelSession.StartAsync();
        using var _ = ProgressTiming.Immediate();
        var sample = Path.Combine(TestPaths.SampleRuns, "experiments", "v4", "20250727_034014");

        var events = await session.RunAsync($"var scan = Runs.Load(@\"{sample}\")[0].Scan(new ScanOptions {{ Threads = 1 }});");

        var produced = Assert.Single(events.OfType<DisplayedValueProduced>());
        var updates = events.OfType<DisplayedValueUpdated>().ToList();
        Assert.StartsWith("runlens-progress-", produced.ValueId, StringComparison.Ordinal);
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal(produced.ValueId, u.ValueId));
        Assert.Contains("<progress", Value(produced, "text/html"), StringComparison.Ordinal);
        Assert.Matches(@"^Scanned \d+ files, [\d.]+ MB, [\d,]+ records in [\d.]+ s$", Value(updates[^1], "text/plain"));
    }

    [Fact]
    public async Task Work_nested_in_an_operation_shows_no_progress_of_its_own()
    {
        using var session = await KernelSession.StartAsync();
        using var _ = ProgressTiming.Immediate();

        var events = await session.RunAsync($"Runs.Load(@\"{Path.Combine(TestPaths.SampleRuns, "cartpole-ppo")}\").Describe();");

        var produced = Assert.Single(events.OfType<DisplayedValueProduced>());
        Assert.StartsWith("Describing", Value(produced, "text/plain"), StringComparison.Ordinal);
        Assert.StartsWith("Described", Value(events.OfType<DisplayedValueUpdated>().Last(), "text/plain"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quick_work_shows_no_progress_at_all()
    {
        using var session = await KernelSession.StartAsync();

        var events = await session.RunAsync($"Runs.Load(@\"{Path.Combine(TestPaths.SampleRuns, "cartpole-ppo")}\")[0].Scan();");

        Assert.Empty(events.OfType<DisplayedValueProduced>());
    }
}
