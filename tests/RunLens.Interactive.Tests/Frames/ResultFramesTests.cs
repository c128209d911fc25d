using Microsoft.Data.Analysis;
using RunLens.TestSupport;
using static RunLens.Interactive.Tests.Frames.FrameFixtures;

namespace RunLens.Interactive.Tests.Frames;

public class ResultFramesTests
{
    private static readonly BootstrapOptions FewReps = BootstrapOptions.Default with { Reps = 200 };

    [Fact]
    public void A_listing_has_a_row_per_run_with_counts_and_a_column_per_config_key_typed_by_its_values()
    {
        using var dir = new TempDir();
        var listing = TwoRuns(dir).Describe();

        var frame = listing.ToDataFrame();

        Assert.Equal(["name", "format", "variant", "timestamp", "seed", "status", "files", "bytes", "records", "step_min", "step_max",
            "metrics", "points", "episodes", "issues", "config.algo", "config.learning_rate", "config.seed"], frame.Columns.Select(c => c.Name));
        Assert.Equal(["a", "b"], frame["name"].Cast<string>());
        Assert.Equal([1L, 2L], frame["seed"].Cast<long?>().Select(s => s!.Value));
        Assert.Equal(5L, Long(frame, "records", 0));
        Assert.Equal(3L, Long(frame, "step_max", 0));
        Assert.Equal(listing[0].Points, Long(frame, "points", 0));
        Assert.IsType<DoubleDataFrameColumn>(frame["config.learning_rate"]);
        Assert.Equal([0.001, 0.01], frame["config.learning_rate"].Cast<double?>().Select(v => v!.Value));
        Assert.IsType<StringDataFrameColumn>(frame["config.algo"]);
        Assert.Equal("ppo", Text(frame, "config.algo", 0));
        Assert.Null(Text(frame, "config.algo", 1));
    }

    [Fact]
    public void A_run_summary_has_a_row_per_metric()
    {
        using var dir = new TempDir();
        var summary = TwoRuns(dir)["a"].Describe();

        var frame = summary.ToDataFrame();

        Assert.Equal(summary.Metrics.Select(m => m.Name), frame["metric"].Cast<string>());
        var loss = summary.Metric("loss")!;
        var row = summary.Metrics.ToList().IndexOf(loss);
        Assert.Equal(4L, Long(frame, "points", row));
        Assert.Equal(1L, Long(frame, "non_finite", row));
        Assert.Equal(1e-300, Double(frame, "min", row));
        Assert.Equal(0.25, Double(frame, "max", row));
    }

    [Fact]
    public void Scanned_fields_have_their_exact_totals_and_first_and_last_finite_values()
    {
        using var dir = new TempDir();
        var scan = TwoRuns(dir)["a"].Scan();

        var frame = scan.Fields.ToDataFrame();

        var row = scan.Fields.ToList().FindIndex(f => f.Name == "rewards.total");
        Assert.Equal("rewards.total", Text(frame, "field", row));
        Assert.Equal(5L, Long(frame, "count", row));
        Assert.Equal(1.5 + 0.1 + 3.5 + 4.5 - 2, Double(frame, "sum", row)!.Value, 12);
        Assert.Equal(-2.0, Double(frame, "min", row));
        Assert.Equal(4.5, Double(frame, "max", row));
        Assert.Equal(0L, Long(frame, "first_step", row));
        Assert.Equal(1.5, Double(frame, "first", row));
        Assert.Equal(3L, Long(frame, "last_step", row));
        Assert.Equal(-2.0, Double(frame, "last", row));
    }

    [Fact]
    public void A_curve_has_a_row_per_bucket_and_nulls_where_a_bucket_holds_only_nan()
    {
        using var dir = new TempDir();
        var scan = TwoRuns(dir)["a"].Scan();
        var loss = scan.Field("loss")!;

        var frame = loss.ToDataFrame();
        var all = scan.Fields.ToBucketDataFrame();

        Assert.Equal(loss.Buckets.Count, frame.Rows.Count);
        Assert.Equal(scan.Fields.Sum(f => f.Buckets.Count), all.Rows.Count);
        for (var i = 0; i < loss.Buckets.Count; i++)
        {
            var b = loss.Buckets[i];
            Assert.Equal(b.StepStart, Long(frame, "step_start", i));
            Assert.Equal(b.StepEnd, Long(frame, "step_end", i));
            Assert.Equal(b.Count, Long(frame, "count", i));
            Assert.Equal(b.NonFinite, Long(frame, "non_finite", i));
            Assert.Equal(b.Count > 0 ? b.Max : null, Double(frame, "max", i));
            Assert.Equal(b.Count > 0 ? b.Last : null, Double(frame, "last", i));
        }
        // Step 1 holds only the NaN: its bucket has no finite statistics.
        var nanOnly = loss.Buckets.ToList().FindIndex(b => b.Count == 0);
        Assert.True(nanOnly >= 0);
        Assert.Null(Double(frame, "min", nanOnly));
        Assert.Null(Long(frame, "first_step", nanOnly));
    }

    [Fact]
    public void Reservoir_rows_have_a_column_per_field_seen_and_nulls_where_a_row_lacks_it()
    {
        using var dir = new TempDir();
        var scan = TwoRuns(dir)["a"].Scan();

        var frame = scan.Reservoir.ToDataFrame();

        Assert.Equal(scan.Reservoir.Count, frame.Rows.Count);
        Assert.Equal(["file", "offset", "ordinal", "step", "loss", "rewards.total", "step (2)", "wall_time"], frame.Columns.Select(c => c.Name));
        for (var i = 0; i < scan.Reservoir.Count; i++)
        {
            var row = scan.Reservoir[i];
            Assert.Equal(row.Step, Long(frame, "step", i));
            Assert.Equal(row.Values.TryGetValue("loss", out var loss) ? loss : null, Double(frame, "loss", i));
            Assert.Equal(row.File, Text(frame, "file", i));
        }
        Assert.Contains(null, frame["loss"].Cast<double?>());
    }

    [Fact]
    public void File_samples_carry_their_file_counts_before_the_rows()
    {
        using var dir = new TempDir();
        var scan = TwoRuns(dir)["a"].Scan();

        var frame = scan.FileSamples.ToDataFrame();

        Assert.Equal(["file", "file_records", "stride", "offset", "ordinal", "step"], frame.Columns.Select(c => c.Name).Take(6));
        Assert.Equal(scan.FileSamples.Sum(s => s.Rows.Count), frame.Rows.Count);
        Assert.Equal([3L, 3L, 3L, 2L, 2L], frame["file_records"].Cast<long?>().Select(v => v!.Value));
    }

    [Fact]
    public void Episodes_have_their_summary_and_a_column_per_reward_component()
    {
        var episodes = new List<Episode>
        {
            new(0, 1.5, 10) { Success = true, TrainingStep = 100, RewardComponents = new Dictionary<string, double> { ["explore"] = 0.5, ["event"] = 1 } },
            new(1, -2, 3) { Kind = EpisodeKinds.Evaluation, Time = 12.5, Trajectory = new Trajectory([1.0, 2.0, -5.0]) },
        };

        var frame = episodes.ToDataFrame();

        Assert.Equal(["index", "kind", "source", "return", "length", "success", "training_step", "update", "time", "waypoints_reached",
            "trajectory_steps", "rewards.event", "rewards.explore"], frame.Columns.Select(c => c.Name));
        Assert.IsType<BooleanDataFrameColumn>(frame["success"]);
        Assert.Equal([true, null], frame["success"].Cast<bool?>());
        Assert.Equal([1.5, -2.0], frame["return"].Cast<double?>().Select(v => v!.Value));
        Assert.Equal([100L, null], frame["training_step"].Cast<long?>());
        Assert.Equal([null, 3L], frame["trajectory_steps"].Cast<long?>());
        Assert.Equal([0.5, null], frame["rewards.explore"].Cast<double?>());
        Assert.Equal("evaluation", Text(frame, "kind", 1));
    }

    [Fact]
    public void The_sample_drone_runs_episodes_convert_one_row_each()
    {
        var run = Runs.Load(Path.Combine(TestPaths.SampleRuns, "drone-cem"))[0];

        var frame = run.Episodes.ToDataFrame();

        Assert.Equal(run.Episodes.Count, frame.Rows.Count);
        Assert.Equal(run.Episodes.Select(e => e.Return), frame["return"].Cast<double?>().Select(v => v!.Value));
    }

    private static (FinalScoreSet Scores, SweepTable Sweep) Sweep(TempDir dir)
    {
        foreach (var (lr, seed, score) in new[] { (0.1, 0, 1.0), (0.1, 1, 2.0), (0.01, 0, 5.0), (0.01, 1, 7.0) })
            dir.Write($"lr={lr}/seed_{seed}/metrics.jsonl", $"{{\"step\":0,\"score\":{score}}}\n");
        foreach (var (lr, seed) in new[] { (0.1, 0), (0.1, 1), (0.01, 0), (0.01, 1) })
            dir.Write($"lr={lr}/seed_{seed}/config.json", $"{{\"learning_rate\":{lr},\"seed\":{seed}}}");
        var scores = Runs.Load(dir.Path).FinalScores("score", groupBy: "learning_rate");
        return (scores, scores.Sweep());
    }

    [Fact]
    public void Final_scores_comparisons_improvements_sweeps_and_importance_convert()
    {
        using var dir = new TempDir();
        var (scores, sweep) = Sweep(dir);
        var comparison = scores.Compare(gamma: 6, bootstrap: FewReps);

        var final = scores.ToDataFrame();
        Assert.Equal(["group", "run", "seed", "score", "points", "first_step", "last_step"], final.Columns.Select(c => c.Name));
        Assert.Equal(scores.Scores.Select(s => s.Score), final["score"].Cast<double?>().Select(v => v!.Value));
        Assert.Equal(scores.Scores.Select(s => s.Run), final["run"].Cast<string>());

        var table = comparison.ToDataFrame();
        Assert.Equal(["group", "n", "mean", "mean_lower", "mean_upper", "median", "std", "iqm", "iqm_lower", "iqm_upper",
            "optimality_gap", "gap_lower", "gap_upper"], table.Columns.Select(c => c.Name));
        for (var i = 0; i < comparison.Groups.Count; i++)
        {
            var g = comparison.Groups[i];
            Assert.Equal(g.Group, Text(table, "group", i));
            Assert.Equal(g.Mean.Estimate, Double(table, "mean", i));
            Assert.Equal(g.Mean.Upper, Double(table, "mean_upper", i));
            Assert.Equal(g.Iqm.Lower, Double(table, "iqm_lower", i));
            Assert.Equal(g.OptimalityGap!.Estimate, Double(table, "optimality_gap", i));
        }
        // Groups in order of value: learning_rate=0.01 (scores 5, 7) first, then 0.1 (1, 2).
        Assert.Equal([6.0, 1.5], table["mean"].Cast<double?>().Select(v => v!.Value));

        var pairs = comparison.Improvements.ToDataFrame();
        Assert.Equal(2, pairs.Rows.Count);
        Assert.Equal(comparison.Improvements[0].Probability.Estimate, Double(pairs, "probability", 0));

        var sweepFrame = sweep.ToDataFrame();
        Assert.Equal(["learning_rate", "seed", "score", "run"], sweepFrame.Columns.Select(c => c.Name));
        Assert.IsType<DoubleDataFrameColumn>(sweepFrame["learning_rate"]);
        Assert.Equal(sweep.Rows.Select(r => r.Values["learning_rate"].Number), sweepFrame["learning_rate"].Cast<double?>());
        Assert.Equal(sweep.Rows.Select(r => r.Seed), sweepFrame["seed"].Cast<long?>());

        var importance = sweep.Importance(FewReps).ToDataFrame();
        Assert.Equal(["learning_rate"], importance["hyperparameter"].Cast<string>());
    }

    [Fact]
    public void A_comparison_without_gamma_has_no_gap_columns_and_keeps_nan_interval_ends()
    {
        using var dir = new TempDir();
        dir.Write("v1/metrics.jsonl", "{\"step\":0,\"score\":1}\n");
        dir.Write("v2/metrics.jsonl", "{\"step\":0,\"score\":2}\n");
        var comparison = Runs.Load(dir.Path).FinalScores("score", groupBy: "run").Compare(bootstrap: FewReps);

        var frame = comparison.ToDataFrame();

        Assert.DoesNotContain("optimality_gap", frame.Columns.Select(c => c.Name));
        // One run per group: the Student-t interval cannot be computed, and NaN says so (null would say "no value").
        Assert.True(double.IsNaN(Double(frame, "mean_lower", 0)!.Value));
    }
}
