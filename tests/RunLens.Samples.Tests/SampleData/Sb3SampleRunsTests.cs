using System.Globalization;
using RunLens.Samples.CartPole;
using RunLens.TestSupport;

namespace RunLens.Samples.Tests.SampleData;

/// <summary>
/// The checked-in <c>sample-runs/cartpole-ppo-sb3/</c>: one cell of the CartPole sweep logged as Stable-Baselines3
/// does, loaded through <c>Runs.Load</c> and checked against the trainer and against the monitor rows
/// read here by hand.
/// </summary>
public class Sb3SampleRunsTests
{
    private static string Folder => Path.Combine(TestPaths.SampleRuns, SampleRuns.Sb3Folder);

    [Fact]
    public void Each_seed_loads_as_an_sb3_run_with_four_env_files_merged_and_every_episode_the_trainer_finished()
    {
        var runs = Runs.Load(Folder);

        Assert.Equal(["PPO_1", "PPO_2", "PPO_3"], runs.Select(r => Path.GetFileName(r.Info.Root)).Order(StringComparer.Ordinal));
        Assert.Empty(runs.Issues);
        foreach (var run in runs)
        {
            var seed = long.Parse(Path.GetFileName(run.Info.Root)["PPO_".Length..], CultureInfo.InvariantCulture) - 1;
            var updates = new PpoTrainer(CartPoleSweep.Options(SampleRuns.Sb3LearningRate, SampleRuns.Sb3BatchSize, seed)).Train();

            Assert.Equal("sb3", run.Info.Format);
            var monitors = Assert.Single(run.Info.Files, f => f.Format == FileFormats.Sb3Monitors);
            Assert.Equal(["0.monitor.csv", "1.monitor.csv", "2.monitor.csv", "3.monitor.csv"], monitors.DiskPaths.Select(Path.GetFileName));
            var episodes = run.Episodes.OfKind(EpisodeKinds.Training);
            Assert.Empty(run.Episodes.Issues);
            Assert.Equal(updates.Sum(u => u.EpisodeReturns.Length), episodes.Count);
            // In end-time order the merged episodes are the trainer's, in the order it finished them.
            Assert.Equal(updates.SelectMany(u => u.EpisodeReturns), episodes.Select(e => e.Return));
            Assert.Equal(updates.SelectMany(u => u.EpisodeLengths).Select(l => (long)l), episodes.Select(e => e.Length));
        }
    }

    [Fact]
    public void The_last_ep_rew_mean_is_the_mean_of_the_last_hundred_monitor_returns()
    {
        foreach (var run in Runs.Load(Folder))
        {
            // Read independently of RunLens: every env file's rows, ordered by end time t (one env step per 1 ms of
            // the sample's clock, so no two episodes share a t), then the mean of the last 100 returns, as SB3's
            // ep_info_buffer keeps them.
            var rows = Directory.GetFiles(run.Info.Root, "*.monitor.csv")
                .SelectMany(f => File.ReadLines(f).Skip(2).Select(l => l.Split(',')))
                .Select(c => (Return: double.Parse(c[0], CultureInfo.InvariantCulture), Time: double.Parse(c[2], CultureInfo.InvariantCulture)))
                .OrderBy(r => r.Time)
                .ToList();
            var expected = rows.TakeLast(100).Average(r => r.Return);

            var points = run.Metric("rollout/ep_rew_mean").Points;
            Assert.Equal(CartPoleSweep.EnvStepBudget / SampleRuns.Sb3BatchSize, points.Count);
            Assert.Equal(CartPoleSweep.EnvStepBudget, points[^1].Step);
            Assert.Equal(expected, points[^1].Value);
            // Training shows: the last window's mean return is far above the first rollout's.
            Assert.True(points[^1].Value > 5 * points[0].Value, $"{run.Name}: ep_rew_mean {points[0].Value} -> {points[^1].Value}");
        }
    }
}
