using Microsoft.Data.Analysis;
using RunLens.TestSupport;
using static RunLens.Interactive.Tests.Frames.FrameFixtures;

namespace RunLens.Interactive.Tests.Frames;

public class MetricFramesTests
{
    /// <summary>Every row of a long frame, compared with the run's own series point by point.</summary>
    private static void AssertRoundTrip(DataFrame frame, IEnumerable<Run> runs, IReadOnlyList<string> metrics)
    {
        long row = 0;
        foreach (var run in runs)
        {
            foreach (var metric in metrics)
            {
                Series series;
                try { series = run.Metric(metric); }
                catch (KeyNotFoundException) { continue; }
                foreach (var point in series.Points)
                {
                    Assert.Equal(run.Name, Text(frame, "run", row));
                    Assert.Equal(metric, Text(frame, "metric", row));
                    Assert.Equal(point.Step, Long(frame, "step", row));
                    // Equal on doubles: NaN equals NaN, and no digit may be lost.
                    Assert.Equal(point.Value, Double(frame, "value", row)!.Value);
                    Assert.Equal(point.WallTime, Double(frame, "wall_time", row));
                    row++;
                }
            }
        }
        Assert.Equal(row, frame.Rows.Count);
    }

    [Fact]
    public void A_runs_long_frame_holds_every_point_exactly_as_Metric_reads_it()
    {
        using var dir = new TempDir();
        var run = TwoRuns(dir)["a"];

        var frame = run.ToDataFrame(["rewards.total", "loss"]);

        Assert.Equal(["run", "metric", "step", "value", "wall_time"], frame.Columns.Select(c => c.Name));
        Assert.IsType<StringDataFrameColumn>(frame["run"]);
        Assert.IsType<Int64DataFrameColumn>(frame["step"]);
        Assert.IsType<DoubleDataFrameColumn>(frame["value"]);
        Assert.IsType<DoubleDataFrameColumn>(frame["wall_time"]);
        Assert.Equal(5 + 4, frame.Rows.Count);
        AssertRoundTrip(frame, [run], ["rewards.total", "loss"]);
        // The NaN logged at step 1 stays NaN (a value), not null (no value).
        Assert.True(double.IsNaN(Double(frame, "value", 5)!.Value));
        Assert.Equal(1e-300, Double(frame, "value", 8));
    }

    [Fact]
    public void Without_names_a_runs_long_frame_has_every_metric_but_the_step()
    {
        using var dir = new TempDir();
        var run = TwoRuns(dir)["a"];

        var frame = run.ToDataFrame();

        var metrics = frame["metric"].Cast<string>().Distinct().ToList();
        Assert.Equal(["loss", "rewards.total", "wall_time"], metrics);
        AssertRoundTrip(frame, [run], metrics);
    }

    [Fact]
    public void A_run_sets_long_frame_is_each_runs_rows_in_turn_and_a_run_without_a_metric_has_no_rows_for_it()
    {
        using var dir = new TempDir();
        var runs = TwoRuns(dir);

        var frame = runs.ToDataFrame(["rewards.total", "loss"]);

        AssertRoundTrip(frame, runs, ["rewards.total", "loss"]);
        Assert.Equal(9 + 2, frame.Rows.Count);
        Assert.Equal(2, frame["run"].Cast<string>().Count(r => r == "b"));
        // Run b logs no wall time: null, not 0.
        Assert.Null(Double(frame, "wall_time", 10));
    }

    [Fact]
    public void A_wide_frame_has_a_row_per_step_a_column_per_metric_and_nulls_where_a_metric_has_no_point()
    {
        using var dir = new TempDir();
        var run = TwoRuns(dir)["a"];

        var frame = run.ToWideDataFrame(["rewards.total", "loss"]);

        Assert.Equal(["step", "rewards.total", "loss"], frame.Columns.Select(c => c.Name));
        Assert.Equal([0L, 1L, 2L, 3L], frame["step"].Cast<long?>().Select(s => s!.Value));
        // Step 2 was logged twice: the last value (4.5, 0.0625) is kept, as logged.
        Assert.Equal([1.5, 0.1, 4.5, -2.0], frame["rewards.total"].Cast<double?>().Select(v => v!.Value));
        Assert.Null(Double(frame, "loss", 0));
        Assert.True(double.IsNaN(Double(frame, "loss", 1)!.Value));
        Assert.Equal(0.0625, Double(frame, "loss", 2));
        foreach (var name in new[] { "rewards.total", "loss" })
        {
            var last = run.Metric(name).OnePointPerStep();
            foreach (var point in last.Points)
                Assert.Equal(point.Value, Double(frame, name, Array.IndexOf(frame["step"].Cast<long?>().ToArray(), point.Step))!.Value);
        }
    }

    [Fact]
    public void A_wide_frame_can_average_a_repeated_step_instead()
    {
        using var dir = new TempDir();
        var run = TwoRuns(dir)["a"];

        var frame = run.ToWideDataFrame(["rewards.total", "loss"], StepDuplicates.Mean);

        Assert.Equal(4.0, Double(frame, "rewards.total", 2));
        Assert.Equal((0.25 + 0.0625) / 2, Double(frame, "loss", 2));
    }

    [Fact]
    public void A_run_sets_wide_frame_has_a_row_per_run_and_step_and_nulls_for_a_metric_a_run_never_logged()
    {
        using var dir = new TempDir();
        var runs = TwoRuns(dir);

        var frame = runs.ToWideDataFrame(["rewards.total", "loss"]);

        Assert.Equal(["run", "step", "rewards.total", "loss"], frame.Columns.Select(c => c.Name));
        Assert.Equal(["a", "a", "a", "a", "b", "b"], frame["run"].Cast<string>());
        Assert.Equal([0L, 1L, 2L, 3L, 10L, 20L], frame["step"].Cast<long?>().Select(s => s!.Value));
        Assert.Equal(8.25, Double(frame, "rewards.total", 5));
        Assert.Null(Double(frame, "loss", 4));
        Assert.Null(Double(frame, "loss", 5));
    }

    [Fact]
    public void A_role_lookup_gives_a_column_per_name_as_logged()
    {
        using var dir = new TempDir();
        dir.Write("a/metrics.jsonl", "{\"step\":0,\"reward\":1}\n");
        dir.Write("b/metrics.jsonl", "{\"step\":0,\"rewards\":{\"total\":2}}\n");
        var runs = Runs.Load(dir.Path);

        var wide = runs.ToWideDataFrame(["rewards.total"]);
        var single = runs["a"].ToWideDataFrame(["rewards.total"]);

        // Run a logged reward and run b rewards.total: asked for by role, each keeps its own name.
        Assert.Equal(["run", "step", "reward", "rewards.total"], wide.Columns.Select(c => c.Name));
        Assert.Equal([1.0, null], wide["reward"].Cast<double?>());
        Assert.Equal([null, 2.0], wide["rewards.total"].Cast<double?>());
        Assert.Equal(["step", "reward"], single.Columns.Select(c => c.Name));
    }

    [Fact]
    public void An_unknown_metric_of_one_run_is_an_error_that_lists_its_fields()
    {
        using var dir = new TempDir();
        var run = TwoRuns(dir)["b"];

        var ex = Assert.Throws<KeyNotFoundException>(() => run.ToDataFrame(["loss"]));

        Assert.Contains("rewards.total", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_cartpole_sweep_round_trips_every_point_of_every_metric()
    {
        // The JSON-lines copies of the sweep (the same runs are also in the MLflow store, under unprefixed names).
        var runs = Runs.Load(Path.Combine(TestPaths.SampleRuns, "cartpole-ppo"))
            .Where(r => r.Info.Files.Any(f => f.RelativePath.EndsWith("metrics.jsonl", StringComparison.Ordinal))).Take(3).ToList();
        var metrics = new[] { "metrics.episode_return_mean", "metrics.entropy", "metrics.approx_kl" };

        var frame = runs.ToDataFrame(metrics);

        Assert.Equal(runs.Sum(r => metrics.Sum(m => r.Metric(m).Count)), frame.Rows.Count);
        Assert.True(frame.Rows.Count > 100);
        AssertRoundTrip(frame, runs, metrics);
    }
}
