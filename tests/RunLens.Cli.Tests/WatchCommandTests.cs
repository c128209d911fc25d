using System.Globalization;
using System.Text.RegularExpressions;
using RunLens.Cli.Commands;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

public class WatchCommandTests
{
    [Fact]
    public async Task Watching_a_growing_run_prints_updated_values_and_exits_0_when_the_run_ends()
    {
        using var dir = new TempDir();
        var runDir = Path.Combine(dir.Path, "ppo");
        var page = Path.Combine(dir.Path, "live.html");
        var writer = RunWriter.Create(runDir, new RunWriterOptions { FlushInterval = TimeSpan.FromMilliseconds(50) });
        writer.LogScalars(0, [new("reward", 0)]);
        writer.Flush();
        // The trainer: one point every 100 ms for about 1.5 s, then done (status.json says finished).
        var training = Task.Run(async () =>
        {
            for (var step = 1; step <= 15; step++)
            {
                writer.LogScalars(step, [new("reward", step * 10)]);
                await Task.Delay(100);
            }
            writer.Dispose();
        });

        var (exit, output, error) = await Task.Run(() => CliRunner.Run("watch", runDir, "--metric", "metrics.reward", "--every", "200ms", "--html", page));
        await training;

        Assert.True(exit == 0, error);
        // One table per update: the reward's latest value grows from update to update and ends at the last point.
        var values = Regex.Matches(output, @"metrics\.reward\s+(\d+)\s+(\d+)").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.True(values.Distinct().Count() >= 3, output);
        Assert.Equal(values.Order(), values);
        Assert.Equal(150, values[^1]);
        Assert.Contains("ended (status finished)", output, StringComparison.Ordinal);
        Assert.Contains("the run ended (status finished); 16 records", error, StringComparison.Ordinal);
        var html = File.ReadAllText(page);
        Assert.Contains("data-runlens-live=\"ended\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void The_page_reloads_itself_while_the_run_is_written_and_Ctrl_C_exits_130()
    {
        using var dir = new TempDir();
        var page = Path.Combine(dir.Path, "live.html");
        using var writer = RunWriter.Create(Path.Combine(dir.Path, "run"));
        writer.LogScalars(0, [new("reward", 1)]);
        writer.Flush();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var error = new StringWriter();

        var exit = WatchCommand.Run(new WatchCommand.WatchRequest(dir.Path, null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), page, null),
            new Terminal(new StringWriter(), error, interactive: false), cancel.Token);

        Assert.Equal(130, exit);
        Assert.Contains("stopped; 1 records read", error.ToString(), StringComparison.Ordinal);
        // The last page says the watch stopped and no longer reloads; the pages before it did (checked on one written now).
        var html = File.ReadAllText(page);
        Assert.Contains("Watch stopped (Ctrl+C)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
        using var live = LiveScan.Follow(dir.Path);
        LiveView.Of(live.Result, live.Status).WriteHtml(page, TimeSpan.FromSeconds(3));
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"3\">", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--every", "0s", "--every takes a positive duration")]
    [InlineData("--idle", "soon", "--idle takes a positive duration")]
    public void A_bad_duration_is_a_user_error_that_names_the_option(string option, string value, string message)
    {
        using var dir = new TempDir();

        var (exit, _, error) = CliRunner.Run("watch", dir.Path, option, value);

        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_a_user_error()
    {
        var (exit, _, error) = CliRunner.Run("watch", Path.Combine(Path.GetTempPath(), "runlens-no-such-run"));

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5s", 5.0)]
    [InlineData("500ms", 0.5)]
    [InlineData("2m", 120.0)]
    [InlineData("1.5", 1.5)]
    public void Durations_read_with_their_unit(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), WatchCommand.ParseDuration(text));
}
