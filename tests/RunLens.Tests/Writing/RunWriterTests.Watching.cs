using System.IO.Compression;
using System.Text;
using System.Text.Json;
using RunLens.TestSupport;
using static RunLens.Tests.Writing.WritingFixtures;

namespace RunLens.Tests.Writing;

/// <summary>What a watch of a run being written relies on: whole records only, data within seconds, a recorded end.</summary>
public partial class RunWriterTests
{
    [Fact]
    public void Records_reach_the_disk_within_the_flush_interval_without_a_Flush_call()
    {
        using var dir = new TempDir();
        using var run = RunWriter.Create(dir.Path, new RunWriterOptions { Clock = CountingClock(), FlushInterval = TimeSpan.FromMilliseconds(50) });
        for (var step = 0; step < 3; step++)
        {
            run.LogScalars(step, [new("loss", step)]);
            run.LogStep(Record(step));
        }

        // A few dozen bytes are far from a full block: only the timer can have written them.
        var metrics = Path.Combine(dir.Path, "metrics.jsonl");
        var steps = Path.Combine(dir.Path, "json_logs", "steps_0000.json");
        Assert.True(Eventually(() => File.Exists(metrics) && Lines(metrics).Count == 3 && ReadShared(steps).Count(c => c == '{') >= 3),
            "the timed flush did not write the three lines and records within 10 s");
        using var open = JsonDocument.Parse(ReadShared(steps) + "]");
        Assert.Equal(3, open.RootElement.GetArrayLength());
    }

    [Fact]
    public void Without_timed_flushes_a_small_block_stays_in_memory()
    {
        using var dir = new TempDir();
        using var run = RunWriter.Create(dir.Path, new RunWriterOptions { Clock = CountingClock(), FlushInterval = Timeout.InfiniteTimeSpan });
        run.LogScalars(0, [new("loss", 1)]);
        Thread.Sleep(300);

        Assert.False(File.Exists(Path.Combine(dir.Path, "metrics.jsonl")) && new FileInfo(Path.Combine(dir.Path, "metrics.jsonl")).Length > 0);
        run.Flush();
        Assert.Single(Lines(Path.Combine(dir.Path, "metrics.jsonl")));
    }

    [Theory]
    [InlineData("steps_0000.json")]
    [InlineData("steps_0000.json.gz")]
    public void A_growing_chunk_read_at_any_moment_ends_with_a_whole_record(string chunk)
    {
        using var dir = new TempDir();
        // Every chunk gzip-compressed or none; one chunk for all records, and no timed flush: only full blocks.
        var gzip = chunk.EndsWith(".gz", StringComparison.Ordinal);
        using var run = RunWriter.Create(dir.Path, new RunWriterOptions
        {
            RecordsPerFile = 1_000_000, GzipEvery = gzip ? 1 : 0, Clock = CountingClock(), FlushInterval = Timeout.InfiniteTimeSpan,
        });
        var path = Path.Combine(dir.Path, "json_logs", chunk);
        var seen = 0;
        for (var step = 0; step < 6_000; step++)
        {
            run.LogStep(Record(step));
            if (step % 50 != 0 || !File.Exists(path))
                continue;
            var text = gzip ? Decompressed(path) : ReadShared(path);
            // Nothing yet, or an array of whole records so far: '[' alone, or ending with a record's closing brace.
            if (text.Length == 0)
                continue;
            Assert.True(text == "[" || text.EndsWith('}'), $"after record {step} the file ends with '{text[^Math.Min(20, text.Length)..]}'");
            using var doc = JsonDocument.Parse(text + "]");
            Assert.True(doc.RootElement.GetArrayLength() >= seen);
            seen = doc.RootElement.GetArrayLength();
        }
        // 6,000 records of ~200 bytes are many 64 KB blocks: the file did grow while written.
        Assert.True(seen > 1_000, $"only {seen} records were on disk while writing");
    }

    [Fact]
    public void A_metrics_file_read_at_any_moment_holds_whole_lines()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "batch.jsonl");
        using var log = JsonlMetricsWriter.Create(path);
        var longName = new string('m', 200);
        for (var step = 0; step < 3_000; step++)
        {
            log.Write(step, 1.5, [new(longName, step * 0.1), new("loss", 1.0 / (step + 1))]);
            if (step % 25 == 0)
            {
                var text = ReadShared(path);
                Assert.True(text.Length == 0 || text.EndsWith('\n'), $"after line {step} the file ends mid-line");
            }
        }
        Assert.True(new FileInfo(path).Length > 200_000);
    }

    [Fact]
    public void Status_json_says_running_while_the_writer_is_open_and_finished_after()
    {
        using var dir = new TempDir();
        var run = RunWriter.Create(dir.Path, new RunWriterOptions { Clock = CountingClock() });
        run.LogStep(Record(0));
        run.Flush();

        Assert.Equal("{\"status\":\"running\"}", File.ReadAllText(Path.Combine(dir.Path, "status.json")));
        var loaded = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal("running", loaded.Info.Status);
        Assert.DoesNotContain(loaded.Info.Files, f => f.RelativePath.EndsWith("status.json", StringComparison.Ordinal));

        run.Dispose();
        Assert.Equal("{\"status\":\"finished\"}", File.ReadAllText(Path.Combine(dir.Path, "status.json")));
        Assert.Equal("finished", Assert.Single(Runs.Load(dir.Path)).Info.Status);
        Assert.False(File.Exists(Path.Combine(dir.Path, "status.json.tmp")));
    }

    [Fact]
    public void A_live_scan_of_a_run_writer_ends_when_the_writer_is_disposed_with_every_record()
    {
        using var dir = new TempDir();
        var run = RunWriter.Create(dir.Path, new RunWriterOptions { Clock = CountingClock(), RecordsPerFile = 7 });
        using var live = LiveScan.Follow(dir.Path, options: new LiveOptions { IdleTimeout = Timeout.InfiniteTimeSpan });
        for (var step = 0; step < 10; step++)
            run.LogStep(Record(step));
        run.Flush();
        live.Update();
        Assert.False(live.Finished);
        Assert.Equal(10, live.Result.Records);

        for (var step = 10; step < 20; step++)
            run.LogStep(Record(step));
        run.Dispose();
        live.Update();

        Assert.True(live.Finished);
        Assert.Equal("status finished", live.Status.Reason);
        Assert.Equal(20, live.Stop().Records);
    }

    [Theory]
    [InlineData("{\"state\": \"done\"}", "no \"status\" string")]
    [InlineData("[1, 2]", "not a status document")]
    [InlineData("{\"status\": 3}", "not a status document")]
    [InlineData("{\"status\": \"runn", "not a status document")]
    public void A_status_json_that_is_not_a_status_document_is_an_issue_and_the_run_still_loads(string content, string message)
    {
        using var dir = new TempDir();
        dir.Write("run/metrics.jsonl", "{\"step\":1,\"loss\":0.5}\n{\"step\":2,\"loss\":0.25}\n");
        var status = dir.Write("run/status.json", content);

        var runs = Runs.Load(dir.Path);

        var run = Assert.Single(runs);
        Assert.Null(run.Info.Status);
        Assert.Equal(2, run.Scan().Records);
        var issue = Assert.Single(runs.Issues, i => i.File == status);
        Assert.Contains(message, issue.Message, StringComparison.Ordinal);
        Assert.Contains("Fix or remove the file", issue.Message, StringComparison.Ordinal);
    }

    private static bool Eventually(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            if (condition())
                return true;
            Thread.Sleep(20);
        }
        return condition();
    }

    // What a reader of a gzip file being written gets: everything up to the last sync flush, then the end of the data.
    private static string Decompressed(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var bytes = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = gzip.Read(buffer)) > 0)
                bytes.Write(buffer, 0, read);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            // A gzip member without its trailer yet: what came before is what a reader sees.
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
