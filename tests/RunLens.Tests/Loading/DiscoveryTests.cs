using RunLens.TestSupport;
using static RunLens.Tests.Scanning.ScanFixtures;

namespace RunLens.Tests.Loading;

public class DiscoveryTests
{
    [Fact]
    public void Experiment_folders_give_variant_timestamp_seed_and_config()
    {
        using var dir = new TempDir();
        dir.Write("experiments/v1/20250726_130714/json_logs/0.json", FlatRun(10));
        dir.Write("experiments/v1/20250726_130714/config.json", "{\"seed\": 3, \"agent\": {\"lr\": 0.001, \"double\": true}, \"name\": \"ppo\"}");
        dir.Write("experiments/v4/20250801_090000_s7/json_logs/0.json", NestedRun(10));
        Directory.CreateDirectory(Path.Combine(dir.Path, "experiments/v4/20250801_090000_s7/checkpoints"));

        var runs = Runs.Load(Path.Combine(dir.Path, "experiments"));

        Assert.Equal(["v1/20250726_130714", "v4/20250801_090000_s7"], runs.Select(r => r.Name));
        var v1 = runs["v1/20250726_130714"].Info;
        Assert.Equal("v1", v1.Variant);
        Assert.Equal("20250726_130714", v1.Timestamp);
        Assert.Equal(3, v1.Seed);
        Assert.Equal(0.001, v1.Config["agent.lr"].Number);
        Assert.True(v1.Config["agent.double"].Boolean);
        Assert.Equal("ppo", v1.Config["name"].Text);
        Assert.Equal(["v1/20250726_130714/json_logs/0.json"], v1.Files.Select(f => f.RelativePath));
        Assert.Equal(7, runs["v4/20250801_090000_s7"].Info.Seed);
        Assert.Equal(["v1", "v4"], runs.ByVariant().Keys.Order());
    }

    [Fact]
    public void Single_object_documents_and_config_files_are_not_logs()
    {
        using var dir = new TempDir();
        dir.Write("lookup/map_data.json", "{\"regions\": [{\"id\": 1}]}");
        dir.Write("trial/params.json", "{\"lr\": 0.01}");
        dir.Write("trial/result.json", "{\"training_iteration\": 1}\n{\"training_iteration\": 2}\n");
        dir.Write("episodes/all_runs_1.json", "[{\"event\": 1}]");

        var runs = Runs.Load(dir.Path);

        Assert.Equal(["episodes", "trial"], runs.Select(r => r.Name));
        Assert.Equal(0.01, runs["trial"].Info.Config["lr"].Number);
        Assert.Equal(["trial/result.json"], runs["trial"].Info.Files.Select(f => f.RelativePath));
    }

    [Fact]
    public void Snapshot_and_episode_folders_belong_to_the_run_that_holds_them()
    {
        using var dir = new TempDir();
        dir.Write("drone/run1/metrics.jsonl", "{\"step\":1,\"metrics\":{\"r\":1}}\n");
        dir.Write("drone/run1/snapshots/index.jsonl", "{\"update\":1,\"return\":2}\n");
        dir.Write("drone/run1/snapshots/snapshot_000001.json", "{\"update\":1,\"steps\":[]}");
        dir.Write("drone/run1/seed_2/metrics.jsonl", "{\"step\":1,\"metrics\":{\"r\":1}}\n");

        var runs = Runs.Load(Path.Combine(dir.Path, "drone"));

        Assert.Equal(["run1", "run1/seed_2"], runs.Select(r => r.Name));
        Assert.Equal(["run1/metrics.jsonl", "run1/snapshots/index.jsonl"], runs["run1"].Info.Files.Select(f => f.RelativePath));
    }

    [Fact]
    public void A_missing_path_or_a_folder_without_logs_says_what_was_expected()
    {
        using var dir = new TempDir();
        dir.Write("notes.txt", "hello");

        var missing = Assert.Throws<RunLoadException>(() => Runs.Load(Path.Combine(dir.Path, "nope")));
        Assert.Contains("No file or folder", missing.Message);
        var empty = Assert.Throws<RunLoadException>(() => Runs.Load(dir.Path));
        Assert.Contains("json_logs", empty.Message);
    }

    [Fact]
    public void A_broken_config_is_an_issue_and_the_run_still_loads()
    {
        using var dir = new TempDir();
        dir.Write("run/json_logs/0.json", FlatRun(5));
        var config = dir.Write("run/config.json", "{\"seed\": ");

        var runs = Runs.Load(dir.Path);

        Assert.Single(runs);
        var issue = Assert.Single(runs.Issues);
        Assert.Equal(config, issue.File);
        Assert.Equal(5, runs[0].Scan().Records);
    }

    [Fact]
    public void A_single_file_loads_as_a_run_and_reads_metrics_at_full_resolution()
    {
        using var dir = new TempDir();
        var path = dir.Write("log.jsonl", Lines(Steps(30).Reverse().Select(s => Nested(s.Step, 0, s.X, s.Y, s.Map, s.Total, s.Explore))));

        var run = Assert.Single(Runs.Load(path));
        var series = run.Metric("rewards.total");

        Assert.Equal(30, series.Count);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), series.Points.Select(p => p.Step));
        Assert.Equal(Steps(30).Select(s => s.Total), series.Points.Select(p => p.Value));
        Assert.Throws<KeyNotFoundException>(() => run.Metric("rewards.nothing"));
    }
}
