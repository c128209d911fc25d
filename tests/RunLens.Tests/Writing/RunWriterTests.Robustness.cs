using System.Text.Json;
using RunLens.TestSupport;
using static RunLens.Tests.Writing.WritingFixtures;

namespace RunLens.Tests.Writing;

public partial class RunWriterTests
{
    [Fact]
    public void Parallel_LogScalars_from_four_threads_give_complete_lines()
    {
        using var dir = new TempDir();
        const int PerThread = 2_000;
        using (var run = RunWriter.Create(dir.Path, new RunWriterOptions { Clock = () => 1.5 }))
        {
            Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, thread =>
            {
                for (var i = 0; i < PerThread; i++)
                    run.LogScalars(thread * PerThread + i, [new("thread", thread), new("value", i * 0.25)]);
            });
        }
        // Every line parses on its own: no two writes interleaved inside a line.
        var lines = Lines(Path.Combine(dir.Path, "metrics.jsonl"));
        Assert.Equal(4 * PerThread, lines.Count);
        Assert.Equal(Enumerable.Range(0, 4 * PerThread).Select(i => (long)i),
            lines.Select(l => l.GetProperty("step").GetInt64()).Order());
    }

    [Fact]
    public void A_killed_writer_leaves_only_complete_lines_and_records()
    {
        using var dir = new TempDir();
        // Never disposed: its handles are abandoned as a killed process abandons them. No timed flushes: the test
        // counts what explicit flushes and full chunks put on disk.
        var run = RunWriter.Create(dir.Path, new RunWriterOptions { RecordsPerFile = 4, Clock = CountingClock(), FlushInterval = Timeout.InfiniteTimeSpan });
        for (var step = 0; step < 10; step++)
        {
            run.LogScalars(step, [new("loss", 1.0 / (step + 1))]);
            run.LogStep(Record(step));
        }
        run.Flush();
        for (var step = 10; step < 13; step++)
            run.LogScalars(step, [new("loss", 1.0 / (step + 1))]);

        var text = ReadShared(Path.Combine(dir.Path, "metrics.jsonl"));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
        // The two completed chunks are whole arrays; the open one holds the flushed records, its array not yet closed.
        foreach (var chunk in new[] { "steps_0000.json", "steps_0001.json" })
        {
            using var doc = JsonDocument.Parse(ReadShared(Path.Combine(dir.Path, "json_logs", chunk)));
            Assert.Equal(4, doc.RootElement.GetArrayLength());
        }
        using var open = JsonDocument.Parse(ReadShared(Path.Combine(dir.Path, "json_logs", "steps_0002.json")) + "]");
        Assert.Equal(2, open.RootElement.GetArrayLength());
    }

    [Fact]
    public void Runs_Load_reads_what_the_run_writer_wrote()
    {
        using var dir = new TempDir();
        var runDir = Path.Combine(dir.Path, "seed_3");
        var records = Enumerable.Range(0, 25).Select(s => Record(s, env: s % 2)).ToList();
        using (var run = RunWriter.Create(runDir, new RunWriterOptions { RecordsPerFile = 4, FilePerEnv = true, GzipEvery = 3, Clock = CountingClock() }))
        {
            run.WriteConfig([new("seed", 3), new("learning_rate", 3e-4)]);
            foreach (var record in records)
                run.LogStep(record);
        }

        var loaded = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal(3, loaded.Info.Seed);
        var scan = loaded.Scan();
        Assert.Equal(25, scan.Records);
        Assert.Equal(0, scan.Skipped);
        var total = scan.Field("rewards.total");
        Assert.NotNull(total);
        Assert.Equal(records.Sum(r => r.Rewards.Total), total.Sum, 1e-12);
        Assert.Equal(24, scan.StepMax);
    }

    [Fact]
    public void Metrics_written_alongside_records_load_as_a_series()
    {
        using var dir = new TempDir();
        using (var run = RunWriter.Create(dir.Path, new RunWriterOptions { Clock = CountingClock() }))
        {
            run.LogStep(Record(0));
            for (var step = 0; step < 5; step++)
                run.LogScalars(step * 100, [new("loss", step * 0.5)]);
        }
        var series = Assert.Single(Runs.Load(dir.Path)).Metric("metrics.loss");
        Assert.Equal([0L, 100L, 200L, 300L, 400L], series.Points.Select(p => p.Step));
        Assert.Equal(5.0, series.Points.Sum(p => p.Value));
    }

    [Fact]
    public void Invalid_options_and_calls_say_what_to_do()
    {
        using var dir = new TempDir();
        Assert.Contains("RecordsPerFile must be at least 1",
            Assert.Throws<ArgumentOutOfRangeException>(() => RunWriter.Create(dir.Path, new RunWriterOptions { RecordsPerFile = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("GzipEvery", Assert.Throws<ArgumentOutOfRangeException>(() => RunWriter.Create(dir.Path, new RunWriterOptions { GzipEvery = -1 })).Message, StringComparison.Ordinal);
        Assert.Contains("Sinks[0] is null", Assert.Throws<ArgumentException>(() => RunWriter.Create(dir.Path, new RunWriterOptions { Sinks = [null!] })).Message, StringComparison.Ordinal);
        Assert.Contains("Clock must not be null", Assert.Throws<ArgumentNullException>(() => RunWriter.Create(dir.Path, new RunWriterOptions { Clock = null! })).Message, StringComparison.Ordinal);
        Assert.Contains("FilePrefix", Assert.Throws<ArgumentException>(() => RunWriter.Create(dir.Path, new RunWriterOptions { FilePrefix = "a/b" })).Message, StringComparison.Ordinal);

        using var run = RunWriter.Create(dir.Path);
        Assert.Contains("takes numbers, booleans, strings and null",
            Assert.Throws<ArgumentException>(() => run.WriteConfig([new("when", DateTime.UnixEpoch)])).Message, StringComparison.Ordinal);
        Assert.Contains("given twice", Assert.Throws<ArgumentException>(() => run.WriteConfig([new("a", 1), new("a", 2)])).Message, StringComparison.Ordinal);
        Assert.Contains("metrics.loss at step 3", Assert.Throws<ArgumentException>(() => run.LogScalars(3, [new("loss", double.NaN)])).Message, StringComparison.Ordinal);
        using (var perEnv = RunWriter.Create(Path.Combine(dir.Path, "per-env"), new RunWriterOptions { FilePerEnv = true }))
            Assert.Contains("record.Env is -1", Assert.Throws<ArgumentException>(() => perEnv.LogStep(Record(0, env: -1))).Message, StringComparison.Ordinal);
        run.LogScalars(1, [new("loss", 1)]);
        Assert.Contains("before the first LogScalars",
            Assert.Throws<InvalidOperationException>(() => run.WriteConfig([new("a", 1)])).Message, StringComparison.Ordinal);
        run.Dispose();
        Assert.Throws<ObjectDisposedException>(() => run.LogScalars(2, [new("loss", 1)]));
    }
}
