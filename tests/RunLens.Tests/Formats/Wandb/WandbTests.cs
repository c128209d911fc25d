using System.Globalization;
using RunLens.TestSupport;
using static RunLens.Tests.Formats.Wandb.WandbLogFixture;

namespace RunLens.Tests.Formats.Wandb;

/// <summary>W&amp;B local run folders: config.yaml, summary, metadata, wandb-history.jsonl and the binary run-&lt;id&gt;.wandb.</summary>
public class WandbTests
{
    private const string Run = "wandb/run-20240102_030405-abc123";

    // config.yaml as the SDK writes it: wandb_version, then each key wrapped as {desc, value}.
    private const string Config = """
        wandb_version: 1

        _wandb:
          desc: null
          value:
            cli_version: 0.16.6
            python_version: 3.10.12
            t:
              1:
              - 1
              - 55
        learning_rate:
          desc: null
          value: 0.0003
        seed:
          desc: null
          value: 3
        env:
          desc: null
          value: CartPole-v1
        net:
          value:
            layers: [64, 64]
            activation: tanh
        """;

    private static void JsonlHistory(string dir, params string[] lines) =>
        File.WriteAllText(Path.Combine(dir, "wandb-history.jsonl"), string.Join("\n", lines) + "\n");

    private static TempDir RunFolder(string run = Run)
    {
        var dir = new TempDir();
        dir.Write($"{run}/files/config.yaml", Config);
        dir.Write($"{run}/files/wandb-summary.json",
            """{"loss": 0.25, "_step": 2, "_runtime": 12.5, "eval": {"return": 200}, "video": {"_type": "video-file", "path": "media/v.mp4"}, "grad": NaN}""");
        dir.Write($"{run}/files/wandb-metadata.json",
            """{"os": "Linux", "python": "3.10.12", "host": "gpu-box", "program": "train.py", "args": ["--seed", "3"], "gpu": "NVIDIA A100", "gpu_count": 1, "git": {"commit": "abc"}}""");
        dir.Write($"{run}/logs/debug.log", "log");
        return dir;
    }

    [Fact]
    public void A_run_folder_gives_config_without_wrappers_metadata_and_summary_tags_and_the_jsonl_history()
    {
        using var dir = RunFolder();
        JsonlHistory(Path.Combine(dir.Path, Run, "files"),
            """{"loss": 1.0, "_step": 0, "_runtime": 1.5, "_timestamp": 1704164645.5}""",
            """{"loss": 0.5, "_step": 1, "_runtime": 2.5, "_timestamp": 1704164646.5}""",
            """{"loss": 0.25, "_step": 2, "_runtime": 3.5, "_timestamp": 1704164647.5}""");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "wandb", "latest-run"), Path.Combine(dir.Path, Run));
        dir.Write("wandb/debug.log", "log");

        var runs = Runs.Load(dir.Path);

        var run = Assert.Single(runs);
        Assert.Equal((Run, "wandb", "20240102_030405"), (run.Name, run.Info.Format, run.Info.Timestamp));
        Assert.Equal(0.0003, run.Info.Config["learning_rate"].Number);
        Assert.Equal(3, run.Info.Seed);
        Assert.Equal("CartPole-v1", run.Info.Config["env"].Text);
        Assert.Equal("tanh", run.Info.Config["net.activation"].Text);
        Assert.Equal(ConfigValue.List(ConfigValue.Of(64), ConfigValue.Of(64)), run.Info.Config["net.layers"]);
        Assert.DoesNotContain(run.Info.Config.Keys, k => k.StartsWith("_wandb", StringComparison.Ordinal) || k.Contains("desc", StringComparison.Ordinal) || k == "wandb_version");
        var system = run.Info.SystemTags;
        Assert.Equal("0.16.6", system["_wandb.cli_version"]);
        Assert.Equal(("gpu-box", "train.py", "NVIDIA A100", "abc"), (system["host"], system["program"], system["gpu"], system["git.commit"]));
        Assert.Equal("""["--seed", "3"]""", system["args"]);
        Assert.Empty(run.Info.Tags);
        var summary = run.Info.Summary;
        Assert.Equal((0.25, 200.0, "video-file"), (summary["loss"].Number, summary["eval.return"].Number, summary["video"].Text));
        Assert.True(double.IsNaN(summary["grad"].Number!.Value));
        var file = Assert.Single(run.Info.Files);
        Assert.Equal(("wandb-history.jsonl", FileFormats.Json), (Path.GetFileName(file.Path), file.Format));
        var loss = run.Metric("loss");
        Assert.Equal([0L, 1, 2], loss.Points.Select(p => p.Step));
        Assert.Equal(1704164646.5, loss.Points[1].WallTime);
        Assert.Empty(runs.Issues);
    }

    [Fact]
    public void The_binary_log_history_is_read_record_by_record_with_steps_wall_times_and_nested_values()
    {
        using var dir = RunFolder("wandb/offline-run-20240102_030405-abc123");
        var log = new WandbLogFixture()
            .Write(RunRecord("abc123"))
            .Write(WandbLogFixture.History(1, 0, Item("loss", "1.5"), Item("eval", """{"return": 20, "len": 9, "tag": "x"}"""), Item("_step", "0"), Item("_timestamp", "1704164645.25")))
            .Write(SummaryRecord("loss", "1.5"))
            .Write(WandbLogFixture.History(2, 1, Item("loss", "NaN"), NestedItem(["eval", "return"], "30"), Item("_step", "1"), Item("_timestamp", "1704164646.0")))
            // No _step item: HistoryRecord.step gives the step.
            .Write(WandbLogFixture.History(3, 7, Item("loss", "-Infinity"), Item("flag", "true"), Item("hist", """{"_type": "histogram", "values": [1, 2], "bins": [0, 1, 2]}""")))
            // wandb-core writes the step as nested_key ["_step"] with no key (core/internal/stream/historystep.go).
            .Write(WandbLogFixture.History(4, null, Item("loss", "0.5"), NestedItem(["_step"], "9")));
        dir.File("wandb/offline-run-20240102_030405-abc123/run-abc123.wandb");
        File.WriteAllBytes(Path.Combine(dir.Path, "wandb/offline-run-20240102_030405-abc123/run-abc123.wandb"), log.Bytes);

        var run = Assert.Single(Runs.Load(dir.Path));
        var scan = run.Scan();

        Assert.Equal("wandb-log", Assert.Single(run.Info.Files).Format);
        Assert.Contains(run.Info.Notes, n => n.Contains("run-abc123.wandb", StringComparison.Ordinal));
        Assert.Contains(run.Info.Notes, n => n.Contains("offline", StringComparison.Ordinal));
        Assert.Equal(4, scan.Records);
        Assert.Equal((0L, 9L), (scan.StepMin!.Value, scan.StepMax!.Value));
        Assert.Empty(scan.Issues);
        var loss = run.Metric("loss");
        Assert.Equal([0L, 1, 7, 9], loss.Points.Select(p => p.Step));
        Assert.Equal(1.5, loss.Points[0].Value);
        Assert.True(double.IsNaN(loss.Points[1].Value));
        Assert.Equal(double.NegativeInfinity, loss.Points[2].Value);
        Assert.Equal(1704164645.25, loss.Points[0].WallTime);
        Assert.Equal([20.0, 30.0], run.Metric("eval.return").Points.Select(p => p.Value));
        Assert.Equal([1.0], run.Metric("flag").Points.Select(p => p.Value));
        Assert.Null(scan.Field("hist.values"));
    }

    [Fact]
    public void A_record_longer_than_a_block_is_joined_from_its_chunks_and_short_block_ends_are_padding()
    {
        using var dir = new TempDir();
        var big = new string('x', 70_000);
        var log = new WandbLogFixture();
        // Fill the first block to 3 bytes short of its end (file header 7, chunk header 7), so the next record
        // starts after zero padding.
        var filler = Enumerable.Range(32600, 200)
            .Select(n => WandbLogFixture.History(1, 0, Item("loss", "1"), Item("note", "\"" + new string('y', n) + "\"")))
            .First(r => r.Length == 32768 - 7 - 7 - 3);
        log.Write(filler);
        var padded = 32768 - (int)(log.Bytes.Length % 32768);
        log.Write(WandbLogFixture.History(2, 1, Item("loss", "2"), Item("note", "\"" + big + "\"")));
        log.Write(WandbLogFixture.History(3, 2, Item("loss", "3")));
        var path = dir.File($"{Run}/run-abc123.wandb");
        File.WriteAllBytes(path, log.Bytes);

        var run = Assert.Single(Runs.Load(dir.Path));

        Assert.InRange(padded, 1, 6);
        Assert.Equal(32768, log.Offsets[1]);
        Assert.Equal([1.0, 2.0, 3.0], run.Metric("loss").Points.Select(p => p.Value));
        Assert.Empty(run.Scan().Issues);
    }

    [Fact]
    public void A_flipped_byte_is_reported_at_its_chunk_and_reading_resumes_at_the_next_block()
    {
        using var dir = new TempDir();
        var log = new WandbLogFixture();
        for (var i = 0; i < 400; i++)
            log.Write(WandbLogFixture.History(i, i, Item("loss", i.ToString(CultureInfo.InvariantCulture)), Item("pad", "\"" + new string('p', 100) + "\"")));
        var bytes = log.Bytes;
        var damaged = log.Offsets[10];
        bytes[damaged + 20] ^= 0x40;
        var path = dir.File($"{Run}/run-abc123.wandb");
        File.WriteAllBytes(path, bytes);
        // Records whose first chunk starts in the first block after the damaged one are lost with it.
        var lost = log.Offsets.Count(o => o >= damaged && o < 32768);

        var run = Assert.Single(Runs.Load(dir.Path));
        var scan = run.Scan();

        var issue = Assert.Single(scan.Issues);
        Assert.Equal((path, damaged), (issue.File, issue.Offset!.Value));
        Assert.Contains("checksum", issue.Message, StringComparison.Ordinal);
        Assert.Equal(400 - lost, scan.Records);
        Assert.Equal(Enumerable.Range(0, 10).Concat(Enumerable.Range(10 + lost, 400 - 10 - lost)).Select(i => (double)i), run.Metric("loss").Points.Select(p => p.Value));
    }

    [Fact]
    public void A_log_cut_off_inside_a_record_is_reported_and_every_record_before_it_loads()
    {
        using var dir = new TempDir();
        var log = new WandbLogFixture();
        for (var i = 0; i < 5; i++)
            log.Write(WandbLogFixture.History(i, i, Item("loss", i.ToString(CultureInfo.InvariantCulture))));
        var path = dir.File($"{Run}/run-abc123.wandb");
        File.WriteAllBytes(path, log.Bytes[..(int)(log.Offsets[4] + 9)]);

        var run = Assert.Single(Runs.Load(dir.Path));
        var scan = run.Scan();

        Assert.Equal(4, scan.Records);
        var issue = Assert.Single(scan.Issues);
        Assert.Equal((path, log.Offsets[4]), (issue.File, issue.Offset!.Value));
        Assert.Equal(1, scan.SkippedByReason["truncated"]);
    }

    [Fact]
    public void A_file_without_the_wandb_header_is_reported_and_skipped()
    {
        using var dir = new TempDir();
        var path = dir.Write($"{Run}/run-abc123.wandb", "not a log at all");

        var scan = Assert.Single(Runs.Load(dir.Path)).Scan();

        Assert.Equal(0, scan.Records);
        Assert.Equal((path, 0L), (Assert.Single(scan.Issues).File, scan.Issues[0].Offset!.Value));
    }

    [Fact]
    public void The_smallest_log_written_byte_by_byte_reads_back()
    {
        // ":W&B" 0xBEE1 v0, then one FULL chunk holding Record { history { item { key "q" value_json "5" } } }.
        byte[] record = [0x12, 0x09, 0x0A, 0x07, 0x0A, 0x01, (byte)'q', 0x82, 0x01, 0x01, (byte)'5'];
        Assert.Equal(WandbLogFixture.History(0, null, Item("q", "5"))[2..], record);
        var crc = Crc32([1, .. record]);
        byte[] file = [0x3A, 0x57, 0x26, 0x42, 0xE1, 0xBE, 0x00, (byte)crc, (byte)(crc >> 8), (byte)(crc >> 16), (byte)(crc >> 24), (byte)record.Length, 0, 1, .. record];
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File($"{Run}/run-abc123.wandb"), file);

        var run = Assert.Single(Runs.Load(dir.Path));

        Assert.Equal(5.0, Assert.Single(run.Metric("q").Points).Value);
        // zlib.crc32(b"123456789") == 0xCBF43926, the CRC-32 check value.
        Assert.Equal(0xCBF43926u, Crc32("123456789"u8.ToArray()));
    }

    [Fact]
    public void A_broken_config_yaml_is_reported_with_its_line_and_the_run_loads()
    {
        using var dir = RunFolder();
        var config = dir.Write($"{Run}/files/config.yaml", "lr:\n  value: [1, 2\nseed:\n  value: 3\n");
        dir.Write($"{Run}/files/wandb-history.jsonl", "{\"_step\": 0, \"loss\": 1}\n");

        var runs = Runs.Load(dir.Path);

        Assert.Empty(Assert.Single(runs).Info.Config);
        var issue = Assert.Single(runs.Issues);
        Assert.Equal((config, 2L), (issue.File, issue.Line!.Value));
    }

    [Fact]
    public void A_run_folder_without_history_is_listed_with_its_summary_and_says_so()
    {
        using var dir = RunFolder();

        var run = Assert.Single(Runs.Load(Path.Combine(dir.Path, Run)));

        Assert.Empty(run.Info.Files);
        Assert.Equal(0.25, run.Info.Summary["loss"].Number);
        Assert.Contains(run.Info.Notes, n => n.StartsWith("no history", StringComparison.Ordinal));
    }

    [Fact]
    public void An_old_client_run_folder_without_files_subfolder_reads_its_files_in_place()
    {
        using var dir = new TempDir();
        dir.Write("wandb/run-20191231_235959-old1/config.yaml", "wandb_version: 1\nlr:\n  desc: null\n  value: 0.01\n");
        dir.Write("wandb/run-20191231_235959-old1/wandb-summary.json", "{\"loss\": 0.5}");
        dir.Write("wandb/run-20191231_235959-old1/wandb-history.jsonl", "{\"_step\": 0, \"loss\": 1}\n{\"_step\": 5, \"loss\": 0.5}\n");

        var run = Assert.Single(Runs.Load(dir.Path));

        Assert.Equal(0.01, run.Info.Config["lr"].Number);
        Assert.Equal(0.5, run.Info.Summary["loss"].Number);
        Assert.Equal([0L, 5], run.Metric("loss").Points.Select(p => p.Step));
    }
}
