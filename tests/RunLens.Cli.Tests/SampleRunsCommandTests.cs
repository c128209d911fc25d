using System.Security.Cryptography;
using System.Text.Json;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

public class SampleRunsCommandTests
{
    private static Dictionary<string, string> Hashes(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static readonly RunSet Runs = RunLens.Runs.Load(TestPaths.SampleRuns);

    [Fact]
    public void The_checked_in_sample_runs_are_exactly_what_the_command_writes()
    {
        using var dir = new TempDir();

        var (exit, output, error) = CliRunner.Run("sample-runs", "--out", dir.Path);

        Assert.True(exit == 0, error);
        Assert.Contains("120,000 step records", output);
        var expected = Hashes(TestPaths.SampleRuns);
        var actual = Hashes(dir.Path);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, hash) in expected)
            Assert.True(hash == actual[file], $"sample-runs/{file} differs from the generator's output: run 'runlens sample-runs' to regenerate.");
        Assert.True(expected.Sum(f => new FileInfo(Path.Combine(TestPaths.SampleRuns, f.Key)).Length) < 15_000_000, "sample-runs must stay under 15 MB");
    }

    [Fact]
    public void Sample_runs_hold_both_layouts_three_tasks_and_scan_cleanly()
    {
        var scan = Runs.Scan();

        // The cartpole sweep is there twice: JSON logs and the MLflow store written beside them; one cell (3 seeds)
        // a third time as SB3 logs it; the expert demonstrations are one trajectories run.
        Assert.Equal(12 + 27 + 27 + 3 + 3 + 1, Runs.Count);
        var expert = Runs.Single(r => r.Info.Format == "trajectories");
        // Demonstration lengths 200, 200, 21, 200, 80, 48 (python zipfile + struct over final.npz's indices).
        Assert.Equal([200L, 200, 21, 200, 80, 48], expert.Episodes.Select(e => e.Length));
        Assert.Equal(3, Runs.Count(r => r.Info.Format == "sb3"));
        Assert.Equal(27, Runs.Count(r => r.Info.Format == "mlflow"));
        Assert.Empty(Runs.Issues);
        // Flat (v1-v2) and nested (v3-v4) layouts in one scan: each keeps its names, and the only issues are the
        // notes saying which name plays each role.
        Assert.All(scan.Issues, i => Assert.Equal("(scan)", i.File));
        Assert.Equal("rewards.total", scan.Field("rewards.total")!.Name);
        Assert.Equal("rewards.total", scan.Field("total")!.Alias);
        Assert.Contains(scan.Issues, i => i.Message.Contains("'total' all answer to 'rewards.total'; 'rewards.total' plays it", StringComparison.Ordinal));
        Assert.Contains(Runs.SelectMany(r => r.Info.Files), f => f.IsGzip);
        Assert.Equal(["v1", "v2", "v3", "v4"], Runs.Where(r => r.Name.StartsWith("experiments/", StringComparison.Ordinal)).ByVariant().Keys.Order(StringComparer.Ordinal));
        Assert.All(Runs.Where(r => r.Name.StartsWith("experiments/", StringComparison.Ordinal)), r => Assert.NotNull(r.Info.Seed));
    }

    [Fact]
    public void Exploration_agents_earn_more_reward_per_step_late_than_early()
    {
        foreach (var run in Runs.Where(r => r.Name.StartsWith("experiments/", StringComparison.Ordinal)))
        {
            var buckets = run.Scan().Field("rewards.total")!.Buckets;
            var fifth = buckets.Count / 5;
            double Mean(IEnumerable<StepBucket> b) => b.Sum(x => x.Sum) / b.Sum(x => x.Count);
            var early = Mean(buckets.Take(fifth));
            var late = Mean(buckets.Skip(buckets.Count - fifth));
            Assert.True(late > early * 1.5, $"{run.Name}: reward per step {early:G4} early, {late:G4} late");
        }
    }

    [Fact]
    public void Cartpole_returns_rise_in_every_cell_of_the_sweep()
    {
        foreach (var run in Runs.Where(r => r.Name.StartsWith("cartpole-ppo/", StringComparison.Ordinal)))
        {
            var points = run.Metric(run.Info.Format == "mlflow" ? "episode_return_mean" : "metrics.episode_return_mean").Points;
            var first = points.Take(3).Average(p => p.Value);
            var last = points.Skip(points.Count - 3).Average(p => p.Value);
            Assert.True(last > first * 2, $"{run.Name}: mean return {first:0.0} at first, {last:0.0} at the end");
        }
    }

    [Fact]
    public void Drone_snapshots_reach_more_waypoints_later_in_training()
    {
        foreach (var run in Runs.Where(r => r.Name.StartsWith("drone-cem/", StringComparison.Ordinal)))
        {
            var index = File.ReadAllLines(Path.Combine(run.Info.Root, "snapshots", "index.jsonl"))
                .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("waypoints_reached").GetInt32()).ToList();
            Assert.True(index[^1] > index[0], $"{run.Name}: waypoints reached {string.Join(", ", index)}");
            var waypoints = run.Metric("metrics.waypoints_per_episode").Points;
            Assert.True(waypoints[^1].Value > waypoints[0].Value + 1, $"{run.Name}: waypoints per episode {waypoints[0].Value:0.00} -> {waypoints[^1].Value:0.00}");
        }
    }
}
