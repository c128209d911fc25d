using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using RunLens.TestSupport;
using static RunLens.Tests.Writing.WritingFixtures;

namespace RunLens.Tests.Writing;

public partial class RunWriterTests
{
    [Fact]
    public void Create_makes_the_run_folders()
    {
        using var dir = new TempDir();
        using var run = RunWriter.Create(Path.Combine(dir.Path, "runs", "ppo"));
        foreach (var folder in new[] { "checkpoints", "tensorboard", "plots", "json_logs" })
            Assert.True(Directory.Exists(Path.Combine(run.Directory, folder)), folder);
    }

    [Fact]
    public void Config_keeps_json_types_and_sinks_get_invariant_text_under_a_comma_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            using var dir = new TempDir();
            var sink = new RecordingSink();
            using (var run = RunWriter.Create(dir.Path, new RunWriterOptions { Sinks = [sink] }))
                run.WriteConfig([new("learning_rate", 3e-4), new("seed", 7), new("use_gae", true), new("env", "Explore-v0"), new("note", null)]);

            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "config.json")));
            var root = doc.RootElement;
            Assert.Equal(["learning_rate", "seed", "use_gae", "env", "note"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(3e-4, root.GetProperty("learning_rate").GetDouble());
            Assert.Equal(7, root.GetProperty("seed").GetInt32());
            Assert.Equal(JsonValueKind.True, root.GetProperty("use_gae").ValueKind);
            Assert.Equal(JsonValueKind.Null, root.GetProperty("note").ValueKind);
            Assert.Equal(["0.0003", "7", "true", "Explore-v0", "null"], sink.Hyperparameters.Select(h => h.Value));
            Assert.True(sink.Disposed);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Metrics_lines_hold_step_wall_time_and_metrics_and_reach_every_sink()
    {
        using var dir = new TempDir();
        var sink = new RecordingSink();
        using (var run = RunWriter.Create(dir.Path, new RunWriterOptions { Clock = CountingClock(), Sinks = [sink] }))
        {
            run.LogScalars(2048, [new("policy_loss", 0.01), new("entropy", 1.2)]);
            run.LogScalars(4096, [new("policy_loss", 0.005)]);
            run.Flush();
            Assert.Equal(1, sink.Flushes);
        }
        var lines = Lines(Path.Combine(dir.Path, "metrics.jsonl"));
        Assert.Equal(["step", "wall_time", "metrics"], lines[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal([2048L, 4096L], lines.Select(l => l.GetProperty("step").GetInt64()));
        Assert.Equal([1_700_000_000, 1_700_000_000.5], lines.Select(l => l.GetProperty("wall_time").GetDouble()));
        Assert.Equal(1.2, lines[0].GetProperty("metrics").GetProperty("entropy").GetDouble());
        Assert.Equal([2048L, 4096L], sink.Scalars.Select(s => s.Step));
        Assert.Equal(1_700_000_000.5, sink.Scalars[1].WallTime);
    }

    [Fact]
    public void The_same_calls_with_a_deterministic_clock_give_the_same_bytes()
    {
        using var dir = new TempDir();
        string Write(string name)
        {
            using (var run = RunWriter.Create(Path.Combine(dir.Path, name), new RunWriterOptions { Clock = CountingClock() }))
            {
                run.WriteConfig([new("gamma", 0.99)]);
                run.LogScalars(1, [new("loss", 0.25)]);
            }
            return File.ReadAllText(Path.Combine(dir.Path, name, "config.json")) + File.ReadAllText(Path.Combine(dir.Path, name, "metrics.jsonl"));
        }
        Assert.Equal(Write("a"), Write("b"));
    }

    [Fact]
    public void Records_rotate_into_a_new_chunk_every_RecordsPerFile_records()
    {
        using var dir = new TempDir();
        using (var run = RunWriter.Create(dir.Path, new RunWriterOptions { RecordsPerFile = 2 }))
        {
            for (var step = 0; step < 5; step++)
                run.LogStep(Record(step));
        }
        var logs = Path.Combine(dir.Path, "json_logs");
        Assert.Equal(["steps_0000.json", "steps_0001.json", "steps_0002.json"],
            Directory.GetFiles(logs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var steps = Enumerable.Range(0, 3).Select(c => JsonDocument.Parse(File.ReadAllText(Path.Combine(logs, $"steps_000{c}.json")))
            .RootElement.EnumerateArray().Select(r => r.GetProperty("step").GetInt64()).ToArray()).ToArray();
        Assert.Equal([[0L, 1L], [2L, 3L], [4L]], steps);
    }

    [Fact]
    public void A_full_chunk_is_closed_and_readable_before_the_writer_is_disposed()
    {
        using var dir = new TempDir();
        using var run = RunWriter.Create(dir.Path, new RunWriterOptions { RecordsPerFile = 3, Layout = RecordLayout.Flat });
        for (var step = 0; step < 3; step++)
            run.LogStep(Record(step));
        using var doc = JsonDocument.Parse(ReadShared(Path.Combine(dir.Path, "json_logs", "steps_0000.json")));
        Assert.Equal(3, doc.RootElement.GetArrayLength());
        Assert.True(doc.RootElement[0].TryGetProperty("env_id", out _));
    }

    [Fact]
    public void Per_env_files_give_each_env_its_own_series()
    {
        using var dir = new TempDir();
        using (var run = RunWriter.Create(dir.Path, new RunWriterOptions { RecordsPerFile = 2, FilePerEnv = true }))
        {
            for (var step = 0; step < 3; step++)
            {
                run.LogStep(Record(step, env: 0));
                run.LogStep(Record(step, env: 1));
            }
        }
        var files = Directory.GetFiles(Path.Combine(dir.Path, "json_logs")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["0_0000.json", "0_0001.json", "1_0000.json", "1_0001.json"], files);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "json_logs", "1_0001.json")));
        Assert.Equal(1, doc.RootElement[0].GetProperty("env").GetInt32());
    }

    [Fact]
    public void GzipEvery_compresses_every_nth_chunk()
    {
        using var dir = new TempDir();
        using (var run = RunWriter.Create(dir.Path, new RunWriterOptions { RecordsPerFile = 1, GzipEvery = 2 }))
        {
            for (var step = 0; step < 4; step++)
                run.LogStep(Record(step));
        }
        var logs = Path.Combine(dir.Path, "json_logs");
        Assert.Equal(["steps_0000.json", "steps_0001.json.gz", "steps_0002.json", "steps_0003.json.gz"],
            Directory.GetFiles(logs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(logs, "steps_0003.json.gz")), CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(gzip);
        Assert.Equal(3, doc.RootElement[0].GetProperty("step").GetInt64());
    }

    [Fact]
    public void A_resumed_run_numbers_new_chunks_after_the_old_ones()
    {
        using var dir = new TempDir();
        for (var session = 0; session < 2; session++)
        {
            using var run = RunWriter.Create(dir.Path, new RunWriterOptions { RecordsPerFile = 1 });
            run.LogStep(Record(session));
        }
        Assert.Equal(["steps_0000.json", "steps_0001.json"],
            Directory.GetFiles(Path.Combine(dir.Path, "json_logs")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
