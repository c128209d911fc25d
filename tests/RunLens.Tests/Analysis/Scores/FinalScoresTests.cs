using RunLens.TestSupport;

namespace RunLens.Tests.Analysis.Scores;

public class FinalScoresTests
{
    // exp/<variant>/<timestamp>: v1 has two seeds, v2 one seed and one run without the metric.
    private static RunSet Fixture(TempDir dir)
    {
        void Write(string variant, string timestamp, int seed, double lr, params (long Step, double Value)[] points)
        {
            // Python's NaN literal, as a training script in Python writes it.
            using var writer = RunWriter.Create(Path.Combine(dir.Path, "exp", variant, timestamp), new RunWriterOptions { NonFinite = NonFiniteHandling.PythonLiterals });
            writer.WriteConfig([new("seed", seed), new("lr", lr), new("batch", 64)]);
            foreach (var (step, value) in points)
                writer.LogScalars(step, [new("score", value)]);
        }
        Write("v1", "20250101_000000", 1, 0.1, (0, 1), (5, 2), (8, 4), (10, 6));
        Write("v1", "20250101_010000", 2, 0.1, (0, 3), (9, 5), (10, double.NaN));
        Write("v2", "20250101_020000", 1, 0.01, (0, 0), (10, 10), (20, 30));
        using (var other = RunWriter.Create(Path.Combine(dir.Path, "exp", "v2", "20250101_030000")))
            other.LogScalars(0, [new("loss", 1.0)]);
        return Runs.Load(dir.Path);
    }

    [Fact]
    public void A_final_score_is_the_mean_of_the_finite_values_in_each_runs_last_steps()
    {
        using var dir = new TempDir();
        var runs = Fixture(dir);

        var scores = runs.FinalScores("metrics.score", lastSteps: 3);

        // v1 seed 1: steps 8 and 10 are within (10 - 3, 10]: (4 + 6) / 2 = 5. v1 seed 2: NaN at 10 is skipped, the last
        // finite step is 9, window (6, 9]: 5. v2: window (17, 20]: 30.
        Assert.Equal(["v1", "v2"], scores.Groups);
        Assert.Equal([5.0, 5.0], scores.Of("v1"));
        Assert.Equal([30.0], scores.Of("v2"));
        Assert.Equal((2, 8L, 10L), (scores.Scores[0].Points, scores.Scores[0].FirstStep!.Value, scores.Scores[0].LastStep!.Value));
        Assert.Contains(scores.Notes, n => n.Contains("20250101_030000") && n.Contains("no field 'metrics.score'"));
        Assert.Contains("last 3 steps", scores.Description);
    }

    [Fact]
    public void Without_a_window_the_last_tenth_of_each_runs_steps_is_used()
    {
        using var dir = new TempDir();
        var runs = Fixture(dir);

        var scores = runs.FinalScores("metrics.score");

        // v2 spans steps 0-20: ceil(21 * 0.1) = 3 steps, (17, 20]: 30. v1 seed 1 spans 0-10: ceil(1.1) = 2, (8, 10]: 6.
        Assert.Equal([6.0, 5.0], scores.Of("v1"));
        Assert.Equal([30.0], scores.Of("v2"));
    }

    [Fact]
    public void Scores_group_by_a_hyperparameter_with_numeric_group_order()
    {
        using var dir = new TempDir();
        var runs = Fixture(dir);

        var scores = runs.FinalScores("metrics.score", lastSteps: 3, groupBy: "lr");

        Assert.Equal(["lr=0.01", "lr=0.1"], scores.Groups);
        Assert.Throws<KeyNotFoundException>(() => scores.Of("lr=1"));
    }

    [Fact]
    public void A_sweep_lists_only_the_hyperparameters_that_vary_and_never_the_seed()
    {
        using var dir = new TempDir();
        var sweep = Fixture(dir).FinalScores("metrics.score", lastSteps: 3).Sweep();

        Assert.Equal(["lr"], sweep.Hyperparameters);
        Assert.Equal([ConfigValue.Of(0.01), ConfigValue.Of(0.1)], sweep.ValuesOf("lr"));
        Assert.Equal("lr=0.1", sweep.Rows[0].Cell);
    }

    /// <summary>
    /// The CartPole sweep's JSON runs. Expected values from /usr/bin/python3 over metrics.jsonl: the mean of
    /// metrics.episode_return_mean at steps &gt; last - k (k = 10, or ceil((last - first + 1) * 0.1) by default).
    /// </summary>
    [Fact]
    public void The_sample_cartpole_sweep_has_nine_cells_of_three_seeds_with_python_checked_scores()
    {
        var runs = Runs.Load(Path.Combine(TestPaths.SampleRuns, "cartpole-ppo")).Where(r => r.Info.Format == "json-log");

        var last10 = runs.FinalScores("metrics.episode_return_mean", lastSteps: 10, groupBy: "learning_rate");
        var byDefault = runs.FinalScores("metrics.episode_return_mean", groupBy: RunGroups.Run);

        Assert.Equal(["learning_rate=0.0001", "learning_rate=0.0003", "learning_rate=0.001"], last10.Groups);
        Assert.All(last10.Groups, g => Assert.Equal(9, last10.Of(g).Length));
        Assert.Equal(255.46666666666664, Score(last10, "lr=0.0003,batch=512/seed_0"), 12);
        Assert.Equal(145.0, Score(last10, "lr=0.0001,batch=256/seed_0"), 12);
        Assert.Equal(91.27888888888889, Score(byDefault, "lr=0.0001,batch=1024/seed_0"), 12);
        Assert.Equal(157.125, Score(byDefault, "lr=0.0001,batch=256/seed_0"), 12);
        // minibatch_size and updates follow the batch size (config.json: batch/4, 49,152 env steps / batch).
        Assert.Equal(["batch_size", "learning_rate", "minibatch_size", "updates"], last10.Sweep().Hyperparameters);
        Assert.Empty(last10.Notes);
    }

    private static double Score(FinalScoreSet set, string runSuffix) =>
        set.Scores.Single(s => s.Run.EndsWith(runSuffix, StringComparison.Ordinal)).Score;
}
