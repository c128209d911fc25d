using Microsoft.DotNet.Interactive.Events;
using RunLens.TestSupport;

namespace RunLens.Interactive.Tests.Kernel;

/// <summary>run.Watch() in a real C# kernel: one display updated in place while the run grows, ending with the final view.</summary>
[Collection(KernelCollection.Name)]
public class WatchTests
{
    private static string Value(DisplayEvent e, string mime) => e.FormattedValues.Single(v => v.MimeType == mime).Value;

    [Fact]
    public async Task A_cell_watching_a_growing_run_updates_one_display_in_place_and_ends_with_the_final_chart_and_status()
    {
        using var session = await KernelSession.StartAsync();
        using var dir = new TempDir();

        // The trainer logs a reward every 100 ms for about a second in the background; the cell watches it.
        var events = await session.RunAsync($$"""
            var dir = @"{{dir.Path}}";
            var writer = RunWriter.Create(dir, new RunWriterOptions { FlushInterval = TimeSpan.FromMilliseconds(50) });
            var training = System.Threading.Tasks.Task.Run(async () =>
            {
                for (var step = 0; step < 10; step++)
                {
                    writer.LogScalars(step, [new("reward", step * 2.0)]);
                    await System.Threading.Tasks.Task.Delay(100);
                }
                writer.Dispose();
            });
            var scan = LiveScan.Follow(dir).Watch("metrics.reward", every: TimeSpan.FromMilliseconds(150));
            await training;
            """);

        var produced = Assert.Single(events.OfType<DisplayedValueProduced>(), e => e.ValueId?.StartsWith("runlens-watch-", StringComparison.Ordinal) == true);
        var updates = events.OfType<DisplayedValueUpdated>().Where(u => u.ValueId == produced.ValueId).ToList();
        Assert.True(updates.Count >= 3, $"{updates.Count} updates");
        var records = updates.Select(u => long.Parse(Value(u, "text/plain").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(records.Order(), records);
        Assert.StartsWith("10 records · step 9", Value(updates[^1], "text/plain"), StringComparison.Ordinal);
        Assert.Contains("ended (status finished)", Value(updates[^1], "text/plain"), StringComparison.Ordinal);
        var html = Value(updates[^1], "text/html");
        Assert.Contains("data-runlens-live=\"ended\"", html, StringComparison.Ordinal);
        Assert.Contains("runlens-figure", html, StringComparison.Ordinal);

        var next = await session.RunAsync("scan.Records");
        Assert.Contains(">10<", Value(next.OfType<ReturnValueProduced>().Single(), "text/html"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_interrupted_watch_returns_what_was_read_and_stops_the_live_scan()
    {
        using var dir = new TempDir();
        using var writer = RunWriter.Create(dir.Path);
        writer.LogScalars(0, [new("reward", 1)]);
        writer.Flush();
        var live = LiveScan.Follow(dir.Path);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var scan = CellWatch.Run(live, "metrics.reward", TimeSpan.FromSeconds(30), null, cancel.Token);

        Assert.Equal(1, scan.Records);
        Assert.Throws<ObjectDisposedException>(() => live.Update());
    }
}
