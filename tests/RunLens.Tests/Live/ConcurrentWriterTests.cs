using System.Globalization;
using System.IO.Compression;
using System.Text;
using RunLens.Formats.Json;
using RunLens.Tests.Formats.Wandb;
using RunLens.TestSupport;

namespace RunLens.Tests.Live;

/// <summary>
/// A writer on another thread appends a log's bytes in chunks cut anywhere (inside records, inside a frame's header)
/// while the live scan updates as fast as it can: no update reports anything, records never go down, and once the
/// writer is done the result equals a full scan.
/// </summary>
public sealed class ConcurrentWriterTests
{
    private static readonly ScanOptions Options = new() { ReservoirSize = 10, PerFileSamples = 5, Buckets = 8, Seed = 2, Threads = 2 };

    private static void Replay(TempDir dir, string relative, byte[] bytes, int seed, string? allowed = null, int largestChunk = 700)
    {
        var path = dir.File(relative);
        File.WriteAllBytes(path, []);
        using var live = LiveScan.Follow(dir.Path, options: new LiveOptions { Scan = Options, IdleTimeout = Timeout.InfiniteTimeSpan });
        var writer = Task.Run(() =>
        {
            var random = new Random(seed);
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            for (var at = 0; at < bytes.Length;)
            {
                var chunk = Math.Min(bytes.Length - at, 1 + random.Next(largestChunk));
                file.Write(bytes, at, chunk);
                at += chunk;
                if (random.Next(4) == 0)
                    Thread.Sleep(1);
            }
        });
        long records = 0;
        var updates = 0;
        while (!writer.IsCompleted || updates == 0)
        {
            live.Update();
            updates++;
            var issues = live.Result.Issues.Where(i => allowed is null || !i.Message.Contains(allowed, StringComparison.Ordinal)).ToList();
            Assert.True(issues.Count == 0, $"update {updates}: {string.Join("; ", issues.Select(i => i.Message))}");
            Assert.True(live.Result.Records >= records, $"update {updates}: records went from {records} to {live.Result.Records}");
            records = live.Result.Records;
        }
        writer.GetAwaiter().GetResult();
        live.Update();
        Assert.Equal(0, live.Status.PendingBytes);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, $"after {updates} updates");
    }

    private static string Lines(int count) => string.Concat(Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture,
        $"{{\"step\":{i},\"rewards\":{{\"total\":{Math.Sin(i):R}}},\"position\":{{\"x\":{i % 9},\"y\":{i % 4}}}}}\n")));

    [Fact]
    public void Json_lines_written_in_chunks_cut_anywhere()
    {
        using var dir = new TempDir();
        Replay(dir, "run/metrics.jsonl", Encoding.UTF8.GetBytes(Lines(3000)), 1);
    }

    [Fact]
    public void A_json_array_written_in_chunks_cut_anywhere()
    {
        using var dir = new TempDir();
        var text = "[" + string.Join(",\n", Lines(2000).Split('\n', StringSplitOptions.RemoveEmptyEntries)) + "]\n";
        Replay(dir, "run/json_logs/steps_0000.json", Encoding.UTF8.GetBytes(text), 2);
    }

    [Fact]
    public void A_csv_written_in_chunks_cut_anywhere()
    {
        using var dir = new TempDir();
        var text = "time/total_timesteps,rollout/ep_rew_mean\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i * 2048},{Math.Cos(i):R}\n")));
        Replay(dir, "ppo_1/progress.csv", Encoding.UTF8.GetBytes(text), 3);
    }

    [Fact]
    public void A_gzip_log_written_in_chunks_cut_anywhere()
    {
        using var dir = new TempDir();
        using var memory = new MemoryStream();
        foreach (var part in Lines(3000).Chunk(20_000))
        {
            using var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true);
            gzip.Write(Encoding.UTF8.GetBytes(part));
        }
        Replay(dir, "run/metrics.jsonl.gz", memory.ToArray(), 4);
    }

    [Fact]
    public void A_tensorboard_event_file_written_in_chunks_cut_anywhere()
    {
        using var source = new TempDir();
        using (var writer = new TensorBoardEventWriter(source.Path, 1_700_000_000))
        {
            for (var step = 0; step < 1500; step++)
                writer.WriteScalars(step, 1_700_000_000 + step, [new("reward", Math.Sin(step)), new("loss", step * 0.01)]);
        }
        var bytes = File.ReadAllBytes(Directory.GetFiles(source.Path).Single());
        using var dir = new TempDir();
        Replay(dir, "tb/PPO_1/events.out.tfevents.1700000000.runlens", bytes, 5);
    }

    [Fact]
    public void A_wandb_transaction_log_written_in_chunks_cut_anywhere()
    {
        var log = new WandbLogFixture().Write(WandbLogFixture.RunRecord("abc123"));
        for (var i = 0; i < 400; i++)
            log.Write(WandbLogFixture.History(i, i, WandbLogFixture.Item("_step", $"{i}"), WandbLogFixture.Item("reward", (i % 17).ToString(CultureInfo.InvariantCulture))));
        using var dir = new TempDir();
        Replay(dir, "wandb/run-20250101_000000-abc123/run-abc123.wandb", log.Bytes, 6);
    }

    [Fact]
    public void A_record_longer_than_the_reader_s_window_written_in_chunks_is_read_in_passing_once_whole()
    {
        using var dir = new TempDir();
        var giant = "{\"step\":1,\"score\":2.5,\"blob\":\"" + new string('x', JsonRecordReader.DefaultWindow + (1 << 20)) + "\"}\n";
        Replay(dir, "run/metrics.jsonl", Encoding.UTF8.GetBytes(Lines(200) + giant + Lines(200)), 7, allowed: "read in passing", largestChunk: 1 << 20);
    }
}
