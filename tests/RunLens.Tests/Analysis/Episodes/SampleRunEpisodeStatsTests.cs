using RunLens.TestSupport;

namespace RunLens.Tests.Analysis.Episodes;

/// <summary>
/// The statistics on the checked-in sample runs. Expected numbers were computed with /usr/bin/python3 (json, csv,
/// math) straight from the files: episodes.jsonl rows, snapshots/index.jsonl rows, the monitor CSV rows (after the
/// '#' line) and metrics.jsonl's "metrics" objects; stds as sqrt(sum((x - mean)^2) / n).
/// </summary>
public class SampleRunEpisodeStatsTests
{
    private static Run Load(string relative) => Runs.Load(Path.Combine(TestPaths.SampleRuns, relative)).Single();

    [Fact]
    public void Cartpole_episodes_give_the_batch_and_per_update_statistics_of_episodes_jsonl()
    {
        var run = Load(Path.Combine("cartpole-ppo", "lr=0.0003,batch=512", "seed_0"));

        var batch = run.Episodes.BatchStats();
        var perUpdate = run.Episodes.StatsPerUpdate(window: 2);

        // python: 17 rows, mean 99.23529411764706, pstd 86.37710032298845, min 17, max 338, no success.
        Assert.Equal(17, batch.Count);
        Assert.Equal(99.23529411764706, batch.ReturnMean, 12);
        Assert.Equal(86.37710032298845, batch.ReturnStd, 10);
        Assert.Equal((17.0, 338.0), (batch.ReturnMin, batch.ReturnMax));
        Assert.Equal((17, 0), (batch.SuccessKnown, batch.Successes));
        // Updates 0, 16, 32, 64 (4 episodes each) and 80 (1): means 19.25, 93.25, 77, 187.5, 179.
        Assert.Equal([0L, 16, 32, 64, 80], perUpdate.Keys);
        Assert.Equal([4, 4, 4, 4, 1], perUpdate.Episodes);
        Assert.Equal([19.25, 93.25, 77, 187.5, 179], perUpdate.MeanReturn);
        Assert.Equal([19.25, 56.25, 85.125, 132.25, 183.25], perUpdate.RollingMeanReturn);
        Assert.Equal([0.0, 0, 0, 0, 0], perUpdate.SuccessRate);
    }

    [Fact]
    public void Drone_snapshots_give_the_statistics_of_the_snapshot_index()
    {
        var run = Load(Path.Combine("drone-cem", "20250812_163000"));

        var batch = run.Snapshots.BatchStats();
        var perUpdate = run.Snapshots.StatsPerUpdate();

        // python over snapshots/index.jsonl: 7 rows, mean return 42.98162890516274, pstd 32.282915380893385,
        // mean steps 233.857142857..., 5 successes, 3.0 waypoints per episode.
        Assert.Equal(7, batch.Count);
        Assert.Equal(42.98162890516274, batch.ReturnMean, 9);
        Assert.Equal(32.282915380893385, batch.ReturnStd, 9);
        Assert.Equal(233.85714285714286, batch.LengthMean, 9);
        Assert.Equal((7, 5), (batch.SuccessKnown, batch.Successes));
        Assert.Equal((7, 3.0), (batch.WaypointsKnown, batch.WaypointsPerEpisode));
        Assert.Equal([0L, 10, 20, 30, 40, 50, 59], perUpdate.Keys);
    }

    [Fact]
    public void Sb3_monitor_episodes_are_grouped_by_training_step_buckets()
    {
        var run = Load(Path.Combine("cartpole-ppo-sb3", "PPO_1"));
        var training = run.Episodes.OfKind(EpisodeKinds.Training);

        var batch = training.BatchStats();
        var perUpdate = training.StatsPerUpdate(window: 3);

        // python over the 4 monitor files: 443 rows, mean r 109.92099322799098, pstd 98.79769596799616, r in [10, 500].
        Assert.Equal(443, batch.Count);
        Assert.Equal(109.92099322799098, batch.ReturnMean, 9);
        Assert.Equal(98.79769596799616, batch.ReturnStd, 9);
        Assert.Equal((10.0, 500.0), (batch.ReturnMin, batch.ReturnMax));
        Assert.Equal("step", perUpdate.GroupedBy);
        Assert.Equal(443, perUpdate.Episodes.Sum());
        Assert.Equal(0, perUpdate.LeftOut);
        Assert.True(perUpdate.Count is > 10 and <= 50, perUpdate.ToString());
        Assert.True(perUpdate.RollingMeanReturn[^1] > 2 * perUpdate.RollingMeanReturn[0], "CartPole learns: late returns beat early ones");
    }

    [Fact]
    public void Convergence_steps_of_sample_metrics_match_an_independent_python_computation()
    {
        // python: the rule re-implemented over metrics.jsonl (points that have the key): CartPole's
        // episode_return_mean (46 of 48 updates have one) ends at mean 255.4666 (last 5 points), band ± 12.773,
        // converged at update 92; the drone's mean_reward (60 points) ends at 61.1968, band ± 3.0598, converged at 50.
        var cartpole = Load(Path.Combine("cartpole-ppo", "lr=0.0003,batch=512", "seed_0")).Metric("metrics.episode_return_mean").Stability(window: 5);
        var drone = Load(Path.Combine("drone-cem", "20250812_163000")).Metric("metrics.mean_reward").Stability(window: 10);

        Assert.Equal(46, cartpole.Steps.Length);
        Assert.Equal(255.46666666666664, cartpole.FinalValue, 9);
        Assert.Equal(12.773333333333333, cartpole.BandHalfWidth, 9);
        Assert.Equal(92, cartpole.ConvergenceStep);
        Assert.Equal(61.19682840276129, drone.FinalValue, 9);
        Assert.Equal(3.059841420138065, drone.BandHalfWidth, 9);
        Assert.Equal(50, drone.ConvergenceStep);
    }
}
