using System.Text.Json;
using RunLens.TestSupport;

namespace RunLens.Samples.Tests;

public class SyntheticDamageTests
{
    private static readonly SyntheticExperimentOptions Small = SyntheticExperimentTests.Small;

    [Fact]
    public void Truncation_cuts_a_file_mid_record_and_the_truths_leave_out_the_lost_records()
    {
        using var clean = new TempDir();
        using var damaged = new TempDir();
        var before = SyntheticExperiment.Write(clean.Path, Small);
        var after = SyntheticExperiment.Write(damaged.Path, Small with { Damage = SyntheticDamage.TruncateFile });

        var report = Assert.Single(after.Damage);
        Assert.Equal(SyntheticDamage.TruncateFile, report.Kind);
        Assert.Equal(after.Runs[0].Path + "/json_logs/0_0002.json", report.File);
        // The last chunk of env 0 holds 500 records (2,500 steps, 1,000 per file); the cut is in record 250.
        Assert.Equal(250, report.RecordsLost);
        Assert.Equal((2250L, 2499L), (report.FirstLostStep!.Value, report.LastLostStep!.Value));
        Assert.Equal(before.Expected.Records - 250, after.Expected.Records);

        var text = File.ReadAllText(Path.Combine(after.ExperimentsPath, report.File));
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
        var lastRecord = text[(text.LastIndexOf(",{", StringComparison.Ordinal) + 1)..];
        Assert.StartsWith("{\"step\":2250,", lastRecord, StringComparison.Ordinal);
        Assert.DoesNotContain('}', lastRecord[^1..]);
        // Everything before the cut record is intact and parses.
        using var prefix = JsonDocument.Parse(text[..text.LastIndexOf(",{", StringComparison.Ordinal)] + "]");
        Assert.Equal(250, prefix.RootElement.GetArrayLength());
    }

    [Fact]
    public void A_garbage_line_sits_between_two_valid_lines_and_loses_no_record()
    {
        using var dir = new TempDir();
        var manifest = SyntheticExperiment.Write(dir.Path, Small with { Damage = SyntheticDamage.GarbageJsonlLine });
        var report = Assert.Single(manifest.Damage);
        Assert.Equal((0L, 1L), (report.RecordsLost, report.BadLines));
        var lines = LogReader.ReadText(Path.Combine(manifest.ExperimentsPath, report.File)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(301, lines.Length);
        var bad = lines.Select((line, i) => (line, i)).Where(x => !Parses(x.line)).Select(x => x.i + 1).ToList();
        Assert.Equal([151], bad);
        Assert.Equal(300, manifest.Run(report.File[..report.File.LastIndexOf('/')]).Expected.Records);
    }

    [Fact]
    public void The_garbage_line_is_inside_the_compressed_stream_when_the_metrics_are_gzipped()
    {
        using var dir = new TempDir();
        var manifest = SyntheticExperiment.Write(dir.Path, Small with { Damage = SyntheticDamage.GarbageJsonlLine, GzipMetrics = true });
        var report = Assert.Single(manifest.Damage);
        Assert.EndsWith("batch_metrics.jsonl.gz", report.File, StringComparison.Ordinal);
        var lines = LogReader.ReadText(Path.Combine(manifest.ExperimentsPath, report.File)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => !Parses(l));
    }

    [Fact]
    public void Non_finite_damage_writes_Python_literals_and_the_truths_count_them()
    {
        using var dir = new TempDir();
        var manifest = SyntheticExperiment.Write(dir.Path, Small with { Damage = SyntheticDamage.NonFiniteValues });
        var flatLog = File.ReadAllText(Path.Combine(manifest.ExperimentsPath, manifest.Runs[0].Path, "json_logs", "0_0000.json"));
        var nestedLog = File.ReadAllText(Path.Combine(manifest.ExperimentsPath, manifest.Runs[3].Path, "json_logs", "0_0000.json"));
        Assert.Contains("\"stuck\":-Infinity", flatLog, StringComparison.Ordinal);
        Assert.Contains("\"explore\":NaN", flatLog, StringComparison.Ordinal);
        Assert.Contains("\"hp\":Infinity", nestedLog, StringComparison.Ordinal);
        var metrics = LogReader.ReadText(Path.Combine(manifest.ExperimentsPath, manifest.Runs[4].Path, "batch_metrics.jsonl"));
        Assert.Contains("\"value_loss\":NaN", metrics, StringComparison.Ordinal);
        Assert.Contains("\"entropy\":-Infinity", metrics, StringComparison.Ordinal);

        // Env 0 of each game run has steps 0..2,499: non-finite at 499, 749, 999, 1499, 1749, 1999 and 2499 (7 records).
        var v1 = manifest.Runs[0].Expected;
        Assert.Equal(5, v1.Field("rewards.total")!.NonFinite);
        Assert.Equal(v1.Records, v1.Field("rewards.total")!.Count + 5);
        Assert.Equal(3, v1.Field("rewards.stuck")!.NonFinite);
        Assert.Equal(2, v1.Field("rewards.explore")!.NonFinite);
        Assert.Equal(2, manifest.Runs[3].Expected.Field("info.hp")!.NonFinite);
        Assert.Equal(6, manifest.Runs[4].Expected.Field("metrics.value_loss")!.NonFinite);
        Assert.All(manifest.Damage.Where(d => d.Kind == SyntheticDamage.NonFiniteValues), d => Assert.Equal(0, d.RecordsLost));
        Assert.Equal(7, manifest.Damage.First(d => d.File == manifest.Runs[0].Path).NonFiniteRecords);
        // No record was lost: the counts equal a clean generation's.
        using var clean = new TempDir();
        Assert.Equal(SyntheticExperiment.Write(clean.Path, Small).Expected.Records, manifest.Expected.Records);
    }

    private static bool Parses(string line)
    {
        try
        {
            using var _ = JsonDocument.Parse(line);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
