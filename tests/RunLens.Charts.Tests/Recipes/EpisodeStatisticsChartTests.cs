using RunLens.TestSupport;
using RunLens.Plotly;

namespace RunLens.ChartsTests.Recipes;

public class EpisodeStatisticsChartTests
{
    private static Episode E(double ret, long length, bool? success, long update) => new(0, ret, length) { Success = success, Update = update };

    private static EpisodeStatsPerUpdate Tiny() =>
        new[] { E(1, 10, true, 0), E(3, 30, false, 0), E(6, 60, true, 1), E(10, 100, null, 2) }.StatsPerUpdate(window: 2);

    [Fact]
    public void Tiny_episode_statistics_match_the_approved_json()
    {
        Approvals.Verify(Tiny().EpisodeStatistics("Tiny").ToJson());
    }

    [Fact]
    public void Each_statistic_with_values_gets_a_panel_of_markers_and_a_rolling_line()
    {
        var figure = Tiny().EpisodeStatistics();
        var lines = figure.Data.OfType<ScatterTrace>().Where(t => t.Mode == "lines").ToList();

        // No episode has waypoints: three panels, not four.
        Assert.Equal(["mean return", "mean length", "success rate"], lines.Select(t => t.Name));
        Assert.Equal(["y", "y2", "y3"], lines.Select(t => t.YAxis));
        Assert.Equal([2, 4, 8], lines[0].Y);                 // rolling means of 2, 6, 10 over 2 updates
        Assert.Equal([0.5, 0.75, 1], lines[2].Y);            // update 2's success is unknown: left out of its window
        Assert.Equal("update", figure.Layout.XAxes[0].Title!.Text);
        Assert.Equal("episodes: 4 episodes in 3 groups per update; rolling mean over 2 groups; markers: per group, line: rolling mean",
            figure.Layout.Title!.Subtitle!.Text);
    }

    [Fact]
    public void Training_diagnostics_find_sb3_cleanrl_and_runlens_names_and_skip_look_alikes()
    {
        FieldCurve[] fields =
        [
            Fixtures.Curve("train/entropy_loss", 4, Fixtures.Bucket(0, 4, 1, -0.6, -0.6, -0.6)),
            Fixtures.Curve("train/clip_range", 4, Fixtures.Bucket(0, 4, 1, 0.2, 0.2, 0.2)),
            Fixtures.Curve("losses/clipfrac", 4, Fixtures.Bucket(0, 4, 1, 0.1, 0.1, 0.1)),
            Fixtures.Curve("metrics.approx_kl", 4, Fixtures.Bucket(0, 4, 1, 0.01, 0.01, 0.01)),
            Fixtures.Curve("train/policy_gradient_loss", 4, Fixtures.Bucket(0, 4, 2, -0.02, -0.03, 0.01)),
            Fixtures.Curve("train/value_loss", 4, Fixtures.Bucket(0, 4, 1, 30, 30, 30)),
        ];

        var figure = Charts.TrainingDiagnostics(fields, 2);
        var means = figure.Data.OfType<ScatterTrace>().Where(t => t.Fill is null && !t.Name!.EndsWith(" max", StringComparison.Ordinal)).ToList();

        Assert.Equal(["train/policy_gradient_loss", "train/value_loss", "metrics.approx_kl", "losses/clipfrac", "train/entropy_loss"], means.Select(t => t.Name));
        Assert.Equal(-0.01, means[0].Y[0]);                  // the exact bucket mean: -0.02 / 2
        Assert.Equal(5, figure.Layout.YAxes.Count);
        Assert.StartsWith("policy loss, value loss, KL, clip fraction, entropy: ", figure.Layout.Title!.Subtitle!.Text);
    }

    [Fact]
    public void Each_chart_without_its_fields_names_what_it_looked_for()
    {
        FieldCurve[] fields = [Fixtures.Curve("loss", 4, Fixtures.Bucket(0, 4, 1, 1, 1, 1))];

        var diagnostics = Assert.Throws<ArgumentException>(() => Charts.TrainingDiagnostics(fields, 1));
        var actions = Assert.Throws<ArgumentException>(() => Charts.ActionProbabilities(fields, 1));
        var episodes = Assert.Throws<ArgumentException>(() => Charts.EpisodeStatistics(fields, 1));

        Assert.Contains("policy_loss, policy_gradient_loss, pg_loss, value_loss", diagnostics.Message);
        Assert.Contains("clipfrac", diagnostics.Message);
        Assert.Contains("Numeric fields here: loss.", diagnostics.Message);
        Assert.Contains("'action_prob'", actions.Message);
        Assert.Contains("episode_return_mean", episodes.Message);
        Assert.Contains("waypoints_per_episode", episodes.Message);
    }

    [Fact]
    public void Action_probabilities_stack_exact_bucket_means_and_hover_each_own_value()
    {
        FieldCurve[] fields =
        [
            Fixtures.Curve("metrics.action_prob_left", 4, Fixtures.Bucket(0, 4, 2, 0.8, 0.3, 0.5), Fixtures.Bucket(4, 4, 2, 0.4, 0.1, 0.3)),
            Fixtures.Curve("metrics.action_prob_right", 4, Fixtures.Bucket(0, 4, 2, 1.2, 0.5, 0.7), Fixtures.Bucket(4, 4, 2, 1.6, 0.7, 0.9)),
        ];

        var traces = Charts.ActionProbabilities(fields, 4).Data.OfType<ScatterTrace>().ToList();

        Assert.Equal(["action_prob_left", "action_prob_right"], traces.Select(t => t.Name));
        Assert.Equal([0.4, 0.2], traces[0].Y);               // 0.8 / 2, 0.4 / 2
        Assert.Equal([1.0, 1.0], traces[1].Y);               // stacked: 0.4 + 0.6, 0.2 + 0.8
        Assert.Equal(0.6, traces[1].CustomData![0][2]);      // its own mean
        Assert.Equal(["tozeroy", "tonexty"], traces.Select(t => t.Fill));
        Assert.Equal([2.0, 6.0], traces[0].X);               // bucket middles (1.5, 5.5) rounded
    }

    [Fact]
    public void Sample_cartpole_run_draws_diagnostics_action_probabilities_and_episode_statistics()
    {
        var run = Runs.Load(Path.Combine(TestPaths.SampleRuns, "cartpole-ppo", "lr=0.0003,batch=512", "seed_0")).Single();

        var diagnostics = run.TrainingDiagnostics();
        var actions = run.ActionProbabilities().Data.OfType<ScatterTrace>().ToList();
        var episodes = run.EpisodeStatistics(window: 2);

        Assert.Equal(["metrics.policy_loss", "metrics.value_loss", "metrics.approx_kl", "metrics.clip_fraction", "metrics.entropy"],
            diagnostics.Layout.Annotations!.Select(a => a.Text));
        // metrics.jsonl: action_prob_left + action_prob_right is 1 on every line (python: max |sum - 1| is 0.0 over the 48 lines).
        Assert.All(actions[1].Y, y => Assert.Equal(1, y!.Value, 8));
        Assert.Equal([19.25, 56.25, 85.125, 132.25, 183.25], episodes.Data.OfType<ScatterTrace>().First(t => t.Name == "mean return").Y);
        Assert.StartsWith("training episodes: 17 episodes in 5 groups per update", episodes.Layout.Title!.Subtitle!.Text);
    }

    [Fact]
    public void A_run_without_episodes_falls_back_to_its_episode_statistic_metrics()
    {
        using var dir = new TempDir();
        dir.Write("run/metrics.jsonl",
            "{\"step\":0,\"metrics\":{\"mean_reward\":1,\"success_rate\":0,\"policy_loss\":0.5}}\n" +
            "{\"step\":1,\"metrics\":{\"mean_reward\":3,\"success_rate\":0.5,\"policy_loss\":0.25}}\n");
        var run = Runs.Load(Path.Combine(dir.Path, "run")).Single();

        var figure = run.EpisodeStatistics();

        Assert.Empty(run.Episodes);
        Assert.Equal(["metrics.mean_reward", "metrics.success_rate"], figure.Layout.Annotations!.Select(a => a.Text));
        Assert.StartsWith("episode statistics logged per update: 4 values of 2 records", figure.Layout.Title!.Subtitle!.Text);
    }
}
