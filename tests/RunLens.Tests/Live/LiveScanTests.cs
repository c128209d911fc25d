using System.Globalization;
using System.Text;
using RunLens.TestSupport;

namespace RunLens.Tests.Live;

public sealed class LiveScanTests
{
    // Small samples so that reservoir, per-file samples and bucket rebinning all come into play in a few hundred records.
    private static readonly ScanOptions Options = new() { ReservoirSize = 16, PerFileSamples = 8, Buckets = 16, Seed = 3, Threads = 2 };
    private static readonly LiveOptions Live = new() { Scan = Options, IdleTimeout = Timeout.InfiniteTimeSpan };

    private static string JsonLine(int i) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"step\":{i * 8},\"rewards\":{{\"total\":{Math.Sin(i) * 3:R}}},\"position\":{{\"x\":{i % 7},\"y\":{i % 5},\"map\":{i % 3}}},\"phase\":\"{(i % 2 == 0 ? "a" : "b")}\"}}\n");

    private static void Append(string path, string text) => File.AppendAllText(path, text);

    [Fact]
    public void A_followed_json_lines_log_equals_a_full_scan_after_every_append()
    {
        using var dir = new TempDir();
        var log = dir.File("exp/v1/20250101_000000/json_logs/0.jsonl");
        Append(log, JsonLine(0));
        using var live = LiveScan.Follow(dir.Path, options: Live);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "start");
        var i = 1;
        for (var append = 0; append < 25; append++)
        {
            var text = new StringBuilder();
            for (var k = 0; k < 1 + append % 7 * 9; k++)
                text.Append(JsonLine(i++));
            Append(log, text.ToString());
            live.Update();
            LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, $"after append {append}");
        }
        Assert.Equal(i, live.Result.Records);
    }

    [Fact]
    public void A_json_array_still_being_written_equals_a_full_scan_after_every_append()
    {
        using var dir = new TempDir();
        var log = dir.File("run/json_logs/steps_0000.json");
        Append(log, "[\n" + JsonLine(0).TrimEnd());
        using var live = LiveScan.Follow(dir.Path, options: Live);
        for (var i = 1; i < 200; i += 13)
        {
            Append(log, string.Concat(Enumerable.Range(i, 13).Select(k => ",\n" + JsonLine(k).TrimEnd())));
            live.Update();
            LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, $"after record {i}");
        }
        Append(log, "\n]\n");
        live.Update();
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "closed");
        Assert.Empty(live.Result.Issues);
    }

    [Fact]
    public void A_csv_log_equals_a_full_scan_after_every_append()
    {
        using var dir = new TempDir();
        var log = dir.File("ppo_1/progress.csv");
        Append(log, "time/total_timesteps,rollout/ep_rew_mean,note\n");
        using var live = LiveScan.Follow(dir.Path, options: Live);
        var row = 0;
        for (var append = 0; append < 20; append++)
        {
            var text = new StringBuilder();
            for (var k = 0; k < 1 + append * 5; k++, row++)
                text.Append(CultureInfo.InvariantCulture, $"{row * 2048},{Math.Cos(row):R},{(row % 10 == 0 ? "eval" : "")}\n");
            Append(log, text.ToString());
            live.Update();
            LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, $"after append {append}");
        }
        Assert.Contains(live.Result.Issues, i => i.Message.Contains("column 'note'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_record_cut_short_by_the_writer_is_read_once_whole_and_never_reported()
    {
        using var dir = new TempDir();
        var log = dir.File("run/metrics.jsonl");
        var line = JsonLine(1);
        Append(log, JsonLine(0) + line[..20]);
        using var live = LiveScan.Follow(dir.Path, options: Live);
        Assert.Equal(1, live.Result.Records);
        Assert.Empty(live.Result.Issues);
        Assert.Equal(20, live.Status.PendingBytes);

        Append(log, line[20..]);
        live.Update();

        Assert.Equal(2, live.Result.Records);
        Assert.Empty(live.Result.Issues);
        Assert.Equal(0, live.Status.PendingBytes);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "completed");
    }

    [Fact]
    public void Stopping_reads_to_the_end_and_reports_a_record_cut_off_as_a_full_scan_does()
    {
        using var dir = new TempDir();
        var log = dir.File("run/metrics.jsonl");
        Append(log, JsonLine(0) + JsonLine(1)[..25]);
        using var live = LiveScan.Follow(dir.Path, options: Live);
        Assert.Empty(live.Result.Issues);

        var final = live.Stop();

        Assert.Contains(final.Issues, i => i.Message.Contains("cut off", StringComparison.Ordinal));
        LiveAssert.Same(Runs.Load(dir.Path).Scan(Options), final, "stopped");
    }

    [Fact]
    public void An_update_reads_only_the_appended_bytes()
    {
        using var dir = new TempDir();
        var log = dir.File("run/metrics.jsonl");
        Append(log, string.Concat(Enumerable.Range(0, 5000).Select(JsonLine)));
        using var live = LiveScan.Follow(dir.Path, options: Live);
        Assert.Equal(new FileInfo(log).Length, live.Status.BytesRead);
        var appended = string.Concat(Enumerable.Range(5000, 10).Select(JsonLine));

        Append(log, appended);
        live.Update();

        Assert.Equal(Encoding.UTF8.GetByteCount(appended), live.Status.BytesRead);
        Assert.Equal(5010, live.Result.Records);
    }

    [Fact]
    public void A_file_replaced_under_its_name_is_read_again_from_its_start_with_a_note()
    {
        using var dir = new TempDir();
        var log = dir.File("run/metrics.jsonl");
        Append(log, string.Concat(Enumerable.Range(0, 50).Select(JsonLine)));
        using var live = LiveScan.Follow(dir.Path, options: Live);

        // Rotation: the old file moves away (a name no log has) and a new one starts under the name.
        File.Move(log, log + ".1");
        Append(log, string.Concat(Enumerable.Range(100, 80).Select(JsonLine)));
        live.Update();

        Assert.Equal(80, live.Result.Records);
        Assert.Contains(live.Result.Notes, n => n.Contains("run/metrics.jsonl was replaced", StringComparison.Ordinal));
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "rotated");
    }

    [Fact]
    public void New_files_and_new_runs_join_at_the_next_update()
    {
        using var dir = new TempDir();
        using var live = LiveScan.Follow(dir.Path, options: Live);
        Assert.Equal(0, live.Result.Records);

        Append(dir.File("exp/a/20250101_000000/json_logs/0.jsonl"), JsonLine(0));
        live.Update();
        Append(dir.File("exp/a/20250101_000000/json_logs/1.jsonl"), JsonLine(1) + JsonLine(2));
        Append(dir.File("exp/b/20250101_000000/json_logs/0.jsonl"), JsonLine(3));
        live.Update();

        Assert.Equal(2, live.Runs.Count);
        Assert.Equal(4, live.Result.Records);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "joined");
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_run_followed_by_name_is_the_same_run_its_set_lists_and_only_it()
    {
        using var dir = new TempDir();
        Append(dir.File("exp/a/20250101_000000/json_logs/0.jsonl"), JsonLine(0));
        Append(dir.File("exp/b/20250101_000000/json_logs/0.jsonl"), JsonLine(1) + JsonLine(2));
        var runs = Runs.Load(dir.Path);

        using var live = runs[1].Follow(Live);
        Append(dir.File("exp/b/20250101_000000/json_logs/0.jsonl"), JsonLine(3));
        Append(dir.File("exp/a/20250101_000000/json_logs/0.jsonl"), JsonLine(4));
        live.Update();

        Assert.Equal([runs[1].Name], live.Runs.Select(r => r.Name));
        LiveAssert.Same(Runs.Load(dir.Path)[1].Scan(Options), live.Result, "one run");
    }

    [Fact]
    public async Task A_record_longer_than_the_reader_s_window_still_being_written_waits_without_holding_the_update()
    {
        using var dir = new TempDir();
        var log = dir.File("run/metrics.jsonl");
        var giant = "{\"step\":9,\"score\":2.5,\"blob\":\"" + new string('x', RunLens.Formats.Json.JsonRecordReader.DefaultWindow + 4096) + "\"}\n";
        Append(log, JsonLine(0) + giant[..(giant.Length - 100)]);

        // The update must come back with what is whole, not wait in the record for its writer.
        var following = Task.Run(() => LiveScan.Follow(dir.Path, options: Live));
        var finished = await Task.WhenAny(following, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == following, "the update waited inside the record being written");
        using var live = await following;
        Assert.Equal(1, live.Result.Records);
        Assert.True(live.Status.PendingBytes > RunLens.Formats.Json.JsonRecordReader.DefaultWindow, live.Status.ToString());
        Assert.Empty(live.Result.Issues);

        Append(log, giant[(giant.Length - 100)..] + JsonLine(1));
        live.Update();

        Assert.Equal(3, live.Result.Records);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "giant record whole");
    }

    [Theory]
    [InlineData(true, "no writes for 30 s")]
    [InlineData(false, "nothing written in 30 s")]
    public void A_run_idle_for_the_timeout_has_ended_and_says_why_even_when_nothing_was_ever_written(bool written, string reason)
    {
        using var dir = new TempDir();
        if (written)
            Append(dir.File("run/metrics.jsonl"), JsonLine(0));
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var live = LiveScan.Follow(dir.Path, options: Live with { IdleTimeout = TimeSpan.FromSeconds(30), Clock = clock });
        Assert.False(live.Finished);

        clock.Now += TimeSpan.FromSeconds(31);
        live.Update();

        Assert.True(live.Finished);
        Assert.Equal(reason, live.Status.Reason);
        Assert.Contains($"ended ({reason})", live.Status.ToString(), StringComparison.Ordinal);
    }
}
