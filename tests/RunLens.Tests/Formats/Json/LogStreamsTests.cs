using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Json;

/// <summary>Files of different loggers in one run keep their own streams; parts of one log still merge.</summary>
public class LogStreamsTests
{
    [Fact]
    public void Csv_files_of_different_loggers_keep_their_own_series_and_x_axes()
    {
        using var dir = new TempDir();
        // training_metrics.csv is the main log (most bytes); episode_rewards.csv logs a return per episode.
        dir.Write("run/training_metrics.csv", "timesteps,ep_return,loss\n100,1.5,0.9\n200,2.5,0.8\n300,3.5,0.7\n");
        dir.Write("run/episode_rewards.csv", "episode,ep_return\n0,10\n1,20\n");

        var run = Runs.Load(dir.Path).Single();
        var scan = run.Scan();

        Assert.Equal([null, "episode_rewards"], run.Info.Files.OrderByDescending(f => f.Bytes).Select(f => f.Stream));
        Assert.Equal(7.5, scan.Field("ep_return")!.Sum);
        Assert.Equal(30, scan.Field("episode_rewards:ep_return")!.Sum);
        // The episode file's x axis is its own row index (it has no step column), never the main log's timesteps.
        Assert.Equal([0L, 1L], run.Metric("episode_rewards:ep_return").Points.Select(p => p.Step));
        Assert.Equal([100L, 200L, 300L], run.Metric("ep_return").Points.Select(p => p.Step));
        Assert.Contains(run.Info.Notes, n => n.Contains("episode_rewards.csv", StringComparison.Ordinal) && n.Contains("episode_rewards:<field>", StringComparison.Ordinal));
        Assert.Contains(run.Describe().Metrics, m => m.Name == "episode_rewards:ep_return");
    }

    [Fact]
    public void A_side_streams_step_column_is_its_own_x_axis()
    {
        using var dir = new TempDir();
        dir.Write("run/metrics.jsonl", "{\"step\": 1, \"loss\": 0.5}\n{\"step\": 2, \"loss\": 0.4}\n{\"step\": 3, \"loss\": 0.3}\n");
        dir.Write("run/eval.jsonl", "{\"timesteps\": 5000, \"score\": 7}\n");

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal([5000L], run.Metric("eval:score").Points.Select(p => p.Step));
        Assert.Equal((1L, 5000L), (run.Scan().StepMin!.Value, run.Scan().StepMax!.Value));
    }

    [Fact]
    public void Rotated_parts_and_chunks_of_one_log_still_merge()
    {
        using var dir = new TempDir();
        dir.Write("a/metrics.csv", "step,loss\n1,0.5\n");
        dir.Write("a/metrics.1.csv", "step,loss\n2,0.4\n");
        dir.Write("a/copy_of_metrics.csv", "loss,step\n0.3,3\n");
        dir.Write("b/json_logs/0_0000.json", "[{\"step\": 1, \"x\": 1}]");
        dir.Write("b/json_logs/1_0000.jsonl", "{\"step\": 2, \"loss\": 1}\n");

        var runs = Runs.Load(dir.Path);

        Assert.All(runs.SelectMany(r => r.Info.Files), f => Assert.Null(f.Stream));
        Assert.Equal(1.2, runs["a"].Scan().Field("loss")!.Sum, 9);
        Assert.Empty(runs["a"].Info.Notes);
    }

    [Fact]
    public void Several_files_of_a_second_logger_are_one_stream_named_by_what_their_names_share()
    {
        using var dir = new TempDir();
        dir.Write("s/agent_stats_0a.csv", "step,loss\n0,1\n1,2\n");
        dir.Write("s/agent_stats_1b.csv", "step,loss\n0,5\n1,6\n");
        dir.Write("s/all_runs_0a.json", "[{\"visited\": 3}]");
        dir.Write("s/all_runs_1b.json", "[{\"visited\": 4}]");

        var run = Runs.Load(dir.Path).Single();
        var scan = run.Scan();

        Assert.Equal(["all_runs", "all_runs"], run.Info.Files.Where(f => f.Stream is not null).Select(f => f.Stream));
        Assert.Equal(14, scan.Field("loss")!.Sum);
        Assert.Equal(7, scan.Field("all_runs:visited")!.Sum);
    }

    [Fact]
    public void An_sb3_progress_csv_stays_the_main_log_beside_another_loggers_csv()
    {
        using var dir = new TempDir();
        dir.Write("ppo/progress.csv", "time/total_timesteps,rollout/ep_rew_mean\n2048,10\n");
        dir.Write("ppo/episode_rewards.csv", "episode,ep_return,length\n0,9,100\n1,11,120\n2,12,130\n3,14,150\n");

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal("sb3", run.Info.Format);
        Assert.Equal([2048L], run.Metric("rollout/ep_rew_mean").Points.Select(p => p.Step));
        Assert.Equal(46, run.Scan().Field("episode_rewards:ep_return")!.Sum);
    }
}
