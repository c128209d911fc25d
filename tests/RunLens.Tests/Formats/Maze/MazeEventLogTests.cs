using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Maze;

public class MazeEventLogTests
{
    /// <summary>
    /// Two episodes as LogEventsWriterTSV appends them: episode "a" of 3 steps (rewards 1, 2, 3.5), episode "b" of
    /// 2 steps (rewards -1, nan).
    /// </summary>
    private const string Rewards =
        "episode_id\tenv_time\tvalue\n" +
        "a\t0\t1.0\n" +
        "a\t1\t2\n" +
        "a\t2\t3.5\n" +
        "b\t0\t-1.0\n" +
        "b\t1\tnan\n";

    /// <summary>BaseEnvEvents.kpi: the name/value pair Maze groups by name; one KPI per episode and name.</summary>
    private const string Kpis =
        "episode_id\tenv_time\tname\tvalue\n" +
        "a\t2\tprofit\t10.5\n" +
        "a\t2\tcost\t3\n" +
        "b\t1\tprofit\t-2\n";

    private static string MazeRun(TempDir dir, string rewards = Rewards)
    {
        dir.Write("outputs/2025-01-02/10-11-12/event_logs/BaseEnvEvents.reward.tsv", rewards);
        dir.Write("outputs/2025-01-02/10-11-12/event_logs/BaseEnvEvents.kpi.tsv", Kpis);
        dir.Write("outputs/2025-01-02/10-11-12/.hydra/config.yaml", "seed: 7\nenv:\n  name: CartPole-v1\nrunner:\n  n_episodes: 2\n");
        return dir.Path;
    }

    [Fact]
    public void A_hydra_folder_with_event_logs_is_one_maze_run_with_hydras_config()
    {
        using var dir = new TempDir();

        var runs = Runs.Load(MazeRun(dir));

        var run = Assert.Single(runs);
        Assert.Equal(("outputs/2025-01-02/10-11-12", "maze"), (run.Name, run.Info.Format));
        Assert.Equal(7L, run.Info.Seed);
        Assert.Equal("CartPole-v1", run.Info.Config["env.name"].Text);
        Assert.Equal(["BaseEnvEvents.kpi.tsv", "BaseEnvEvents.reward.tsv"], run.Info.Files.Select(f => Path.GetFileName(f.Path)));
        Assert.Contains(run.Info.Notes, n => n.StartsWith("Maze event logs: one record per episode", StringComparison.Ordinal));
        Assert.Empty(runs.Issues);
    }

    [Fact]
    public void Each_episode_is_one_record_at_its_position_with_the_summed_reward_and_the_event_count()
    {
        using var dir = new TempDir();
        var run = Runs.Load(MazeRun(dir)).Single();

        var sums = run.Metric("BaseEnvEvents.reward.value").Points;
        var counts = run.Metric("BaseEnvEvents.reward.count").Points;

        Assert.Equal([0L, 1], sums.Select(p => p.Step));
        Assert.Equal(6.5, sums[0].Value);
        Assert.True(double.IsNaN(sums[1].Value)); // Maze's np.sum of a nan reward is nan too
        Assert.Equal([3.0, 2], counts.Select(p => p.Value));
        Assert.Empty(run.Scan().Issues);
    }

    [Fact]
    public void Name_value_events_give_one_field_per_name()
    {
        using var dir = new TempDir();
        var run = Runs.Load(MazeRun(dir)).Single();

        Assert.Equal([(0L, 10.5), (1L, -2.0)], run.Metric("BaseEnvEvents.kpi.profit").Points.Select(p => (p.Step, p.Value)));
        Assert.Equal([(0L, 3.0)], run.Metric("BaseEnvEvents.kpi.cost").Points.Select(p => (p.Step, p.Value)));
    }

    [Fact]
    public void Without_trajectory_data_the_reward_log_gives_the_episodes()
    {
        using var dir = new TempDir();
        var run = Runs.Load(MazeRun(dir)).Single();

        var episodes = run.Episodes;

        Assert.Equal([3L, 2], episodes.Select(e => e.Length));
        Assert.Equal(6.5, episodes[0].Return);
        Assert.Equal([1.0, 2, 3.5], episodes[0].Trajectory!.Rewards);
        Assert.Equal([0.0, 1, 2], episodes[0].Trajectory!.Tracks["env_time"]);
        Assert.All(episodes, e => Assert.Equal((EpisodeKinds.Demonstration, "outputs/2025-01-02/10-11-12/event_logs/BaseEnvEvents.reward.tsv"), (e.Kind, e.Source)));
        Assert.Empty(episodes.Issues);
    }

    [Fact]
    public void A_malformed_row_is_an_issue_with_its_line_and_every_valid_row_still_counts()
    {
        using var dir = new TempDir();
        const string damaged =
            "episode_id\tenv_time\tvalue\n" +
            "a\t0\t1.0\n" +
            "a\t1\n" +           // line 3: a cell missing
            "a\t2\t2.0\n" +
            "\t3\t9\n" +          // line 5: no episode id
            "b\t0\t4\n";
        var run = Runs.Load(MazeRun(dir, damaged)).Single();

        var sums = run.Metric("BaseEnvEvents.reward.value").Points;
        var issues = run.Scan().Issues;

        Assert.Equal([3.0, 4], sums.Select(p => p.Value));
        Assert.Equal([3L, 5], issues.Select(i => i.Line!.Value));
        Assert.All(issues, i => Assert.EndsWith("BaseEnvEvents.reward.tsv", i.File, StringComparison.Ordinal));
        Assert.Contains("2 tab-separated cells where the header has 3", issues[0].Message, StringComparison.Ordinal);
        Assert.Equal([2L, 1], run.Episodes.Select(e => e.Length));
    }

    [Fact]
    public void A_file_without_Maze_columns_is_an_issue_and_reads_nothing()
    {
        using var dir = new TempDir();
        dir.Write("run/event_logs/Other.tsv", "step\tvalue\n1\t2\n");

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal("maze", run.Info.Format);
        var issue = Assert.Single(run.Scan().Issues);
        Assert.Equal(1L, issue.Line);
        Assert.Contains("not a Maze event log header", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_logs_folder_loaded_on_its_own_is_the_run()
    {
        using var dir = new TempDir();
        MazeRun(dir);

        var run = Runs.Load(Path.Combine(dir.Path, "outputs/2025-01-02/10-11-12/event_logs")).Single();

        Assert.Equal("maze", run.Info.Format);
        Assert.Equal(7L, run.Info.Seed); // hydra's config from the run folder above
        Assert.Equal(2, run.Episodes.Count);
    }
}
