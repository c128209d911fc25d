using System.Text.Json;
using RunLens.TestSupport;

namespace RunLens.Samples.Tests;

public class SyntheticExperimentTests
{
    // Small but complete: 4 variants (flat and nested), 3 envs, 3 chunk files each, some gz, a metrics run.
    internal static readonly SyntheticExperimentOptions Small = new()
    {
        StepsPerEnv = 2_500, RecordsPerFile = 1_000, EnvsPerRun = 3, MetricsLines = 300, GzipEvery = 4, EpisodeLength = 512,
    };

    [Fact]
    public void Same_options_give_identical_bytes()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        var options = Small with { Damage = SyntheticDamage.All, MixLayouts = true, GzipMetrics = true };
        SyntheticExperiment.Write(a.Path, options with { Threads = 1 });
        SyntheticExperiment.Write(b.Path, options with { Threads = 4 });
        // Threads is recorded in the manifest's options, so compare the logs and the truths separately.
        Assert.Equal(LogReader.TreeHash(Path.Combine(a.Path, "experiments")), LogReader.TreeHash(Path.Combine(b.Path, "experiments")));
        Assert.Equal(
            JsonSerializer.Serialize(SyntheticManifest.Read(a.Path) with { Options = options }),
            JsonSerializer.Serialize(SyntheticManifest.Read(b.Path) with { Options = options }));
    }

    [Fact]
    public void Writing_again_into_the_same_folder_gives_the_same_bytes()
    {
        using var dir = new TempDir();
        SyntheticExperiment.Write(dir.Path, Small);
        var first = LogReader.TreeHash(dir.Path);
        SyntheticExperiment.Write(dir.Path, Small);
        Assert.Equal(first, LogReader.TreeHash(dir.Path));
    }

    [Fact]
    public void Different_seed_gives_different_logs()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        SyntheticExperiment.Write(a.Path, Small);
        SyntheticExperiment.Write(b.Path, Small with { Seed = 1 });
        Assert.NotEqual(LogReader.TreeHash(Path.Combine(a.Path, "experiments")), LogReader.TreeHash(Path.Combine(b.Path, "experiments")));
    }

    [Fact]
    public void Runs_have_the_training_folder_layout()
    {
        using var dir = new TempDir();
        var manifest = SyntheticExperiment.Write(dir.Path, Small);
        Assert.Equal(["v1", "v2", "v3", "v4", "ppo"], manifest.Runs.Select(r => r.Variant));
        foreach (var run in manifest.Runs)
        {
            var runDir = Path.Combine(manifest.ExperimentsPath, run.Path);
            Assert.Matches(@"^\w+/\d{8}_\d{6}$", run.Path);
            foreach (var sub in new[] { "checkpoints", "tensorboard", "plots" })
                Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(runDir, sub)));
            using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "config.json")));
            Assert.Equal(["variant", "seed", "exploration_bonus", "num_envs"], config.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(run.Variant, config.RootElement.GetProperty("variant").GetString());
            Assert.Equal(run.ExplorationBonus, config.RootElement.GetProperty("exploration_bonus").GetDouble());
        }
        var v1 = Path.Combine(manifest.ExperimentsPath, manifest.Runs[0].Path, "json_logs");
        Assert.Equal(["0_0000.json", "0_0001.json", "0_0002.json", "1_0000.json.gz", "1_0001.json", "1_0002.json", "2_0000.json",
            "2_0001.json.gz", "2_0002.json"], Directory.EnumerateFiles(v1).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(manifest.ExperimentsPath, manifest.Runs[4].Path, "batch_metrics.jsonl")));
        Assert.True(File.Exists(Path.Combine(dir.Path, SyntheticManifest.FileName)));
    }

    [Fact]
    public void Flat_variants_come_first_and_nested_ones_after()
    {
        using var dir = new TempDir();
        var manifest = SyntheticExperiment.Write(dir.Path, Small);
        Assert.Equal([[RecordLayout.Flat], [RecordLayout.Flat], [RecordLayout.Nested], [RecordLayout.Nested]],
            manifest.Runs.Take(4).Select(r => r.Layouts.ToArray()));
        var flat = File.ReadAllText(Path.Combine(manifest.ExperimentsPath, manifest.Runs[0].Path, "json_logs", "0_0000.json"));
        var nested = File.ReadAllText(Path.Combine(manifest.ExperimentsPath, manifest.Runs[3].Path, "json_logs", "0_0000.json"));
        Assert.StartsWith("[{\"step\":0,\"env_id\":0,\"x\":", flat, StringComparison.Ordinal);
        Assert.StartsWith("[{\"step\":0,\"env\":0,\"position\":{\"x\":", nested, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixed_layouts_switch_flat_runs_to_nested_half_way()
    {
        using var dir = new TempDir();
        var manifest = SyntheticExperiment.Write(dir.Path, Small with { MixLayouts = true });
        Assert.Equal([RecordLayout.Flat, RecordLayout.Nested], manifest.Runs[0].Layouts);
        var logs = Path.Combine(manifest.ExperimentsPath, manifest.Runs[0].Path, "json_logs");
        Assert.Contains("\"env_id\"", File.ReadAllText(Path.Combine(logs, "0_0000.json")), StringComparison.Ordinal);
        Assert.Contains("\"position\"", File.ReadAllText(Path.Combine(logs, "0_0002.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Expected_truths_match_an_independent_reading_of_the_files()
    {
        using var dir = new TempDir();
        var manifest = SyntheticExperiment.Write(dir.Path, Small with { MixLayouts = true, GzipMetrics = true });
        var records = LogReader.DataFiles(manifest.ExperimentsPath).SelectMany(LogReader.Records).ToList();
        var expected = manifest.Expected;
        Assert.Equal(records.Count, expected.Records);
        Assert.Equal(records.Min(r => (long)r["step"]), expected.StepMin);
        Assert.Equal(records.Max(r => (long)r["step"]), expected.StepMax);
        Assert.Equal(records.Where(r => r.ContainsKey("position.x"))
            .Select(r => (r["position.map"], r["position.x"], r["position.y"])).Distinct().Count(), expected.DistinctPositions);
        var names = records.SelectMany(r => r.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, expected.Fields.Select(f => f.Name));
        foreach (var field in expected.Fields)
        {
            var values = records.Where(r => r.ContainsKey(field.Name)).Select(r => r[field.Name]).ToList();
            Assert.Equal(values.Count, field.Count);
            Assert.Equal(0, field.NonFinite);
            Assert.Equal(values.Min(), field.Min);
            Assert.Equal(values.Max(), field.Max);
            Assert.Equal(values.Sum(), field.Sum, Math.Abs(field.Sum) * 1e-12 + 1e-12);
        }
        Assert.Equal(LogReader.DataFiles(manifest.ExperimentsPath).Count(), manifest.DataFiles);
        Assert.Equal(LogReader.DataFiles(manifest.ExperimentsPath).Sum(f => new FileInfo(f).Length), manifest.DataBytes);
        Assert.Equal(manifest.Runs.Sum(r => r.Expected.Records), expected.Records);
    }

    [Fact]
    public void Flat_records_have_no_info_fields_so_only_nested_records_count_for_them()
    {
        using var dir = new TempDir();
        var manifest = SyntheticExperiment.Write(dir.Path, Small with { IncludeMetricsRun = false });
        var gameRecords = manifest.Expected.Records;
        Assert.Equal(gameRecords, manifest.Expected.Field("rewards.total")!.Count);
        Assert.Equal(gameRecords / 2, manifest.Expected.Field("info.hp")!.Count);
        Assert.Null(manifest.Runs[0].Expected.Field("info.action"));
    }

    [Fact]
    public void The_agent_explores_more_distinct_cells_late_in_training_than_early()
    {
        using var dir = new TempDir();
        var options = Small with { StepsPerEnv = 20_000, RecordsPerFile = 20_000, EnvsPerRun = 2, GzipEvery = 0, IncludeMetricsRun = false, EpisodeLength = 1_024 };
        var manifest = SyntheticExperiment.Write(dir.Path, options);
        foreach (var run in manifest.Runs)
        {
            foreach (var env in new[] { 0, 1 })
            {
                var records = LogReader.Records(Path.Combine(manifest.ExperimentsPath, run.Path, "json_logs", $"{env}_0000.json")).ToList();
                int Distinct(Func<double, bool> steps) => records.Where(r => steps(r["step"]))
                    .Select(r => (r["position.map"], r["position.x"], r["position.y"])).Distinct().Count();
                var early = Distinct(s => s < 2_000);
                var late = Distinct(s => s >= 18_000);
                Assert.True(late > early * 1.2, $"{run.Path} env {env}: {early} cells in the first 2,000 steps, {late} in the last 2,000.");
            }
        }
    }

    [Fact]
    public void A_size_target_is_met_roughly()
    {
        using var dir = new TempDir();
        var manifest = SyntheticExperiment.Write(dir.Path, new SyntheticExperimentOptions { TargetBytes = 8_000_000 });
        Assert.InRange(manifest.DataBytes, 6_000_000, 10_000_000);
        Assert.Contains(manifest.Runs, r => r.Layouts.Contains(RecordLayout.Flat));
        Assert.Contains(manifest.Runs, r => r.Layouts.Contains(RecordLayout.Nested));
    }

    [Fact]
    public void A_foreign_experiments_folder_is_not_overwritten()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("experiments/mine.txt"), "keep me");
        Assert.Throws<IOException>(() => SyntheticExperiment.Write(dir.Path, Small));
        Assert.True(File.Exists(Path.Combine(dir.Path, "experiments", "mine.txt")));
    }
}
