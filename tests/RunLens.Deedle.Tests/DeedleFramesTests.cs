using Deedle;
using RunLens.TestSupport;

namespace RunLens.DeedleTests;

public class DeedleFramesTests
{
    /// <summary>
    /// Run a: steps 0, 1, 2 (logged twice, as a resumed run does) and 3, a NaN loss at step 1. Run b: steps 2 and 10,
    /// no loss. Run c: no reward at all.
    /// </summary>
    private static RunSet Runs3(TempDir dir)
    {
        dir.Write("a/json_logs/0.json",
            "{\"step\":0,\"wall_time\":100.5,\"rewards\":{\"total\":1.5}}\n" +
            "{\"step\":1,\"wall_time\":101.25,\"loss\":NaN,\"rewards\":{\"total\":0.1}}\n" +
            "{\"step\":2,\"wall_time\":102.5,\"loss\":0.25,\"rewards\":{\"total\":3.5}}\n");
        dir.Write("a/json_logs/1.json",
            "{\"step\":2,\"wall_time\":110.5,\"loss\":0.0625,\"rewards\":{\"total\":4.5}}\n" +
            "{\"step\":3,\"wall_time\":111.5,\"loss\":1e-300,\"rewards\":{\"total\":-2}}\n");
        dir.Write("b/metrics.jsonl", "{\"step\":2,\"rewards\":{\"total\":7}}\n{\"step\":10,\"rewards\":{\"total\":8.25}}\n");
        dir.Write("c/metrics.jsonl", "{\"step\":5,\"loss\":1}\n");
        return Runs.Load(dir.Path);
    }

    private static double? At(Frame<long, string> frame, string column, long step) =>
        frame.GetColumn<double>(column).TryGet(step) is { HasValue: true } v ? v.Value : null;

    [Fact]
    public void Runs_align_on_the_sorted_union_of_steps_with_a_column_per_run_and_missing_where_a_run_has_none()
    {
        using var dir = new TempDir();
        var runs = Runs3(dir);

        var frame = runs.ToFrame("rewards.total");

        Assert.Equal([0L, 1L, 2L, 3L, 10L], frame.RowKeys);
        Assert.Equal(["a", "b", "c"], frame.ColumnKeys);
        Assert.Equal(1.5, At(frame, "a", 0));
        Assert.Equal(4.5, At(frame, "a", 2));
        Assert.Null(At(frame, "a", 10));
        Assert.Null(At(frame, "b", 0));
        Assert.Equal(7.0, At(frame, "b", 2));
        Assert.All(frame.RowKeys, step => Assert.Null(At(frame, "c", step)));
    }

    [Fact]
    public void Every_value_round_trips_against_the_runs_own_series_at_one_point_per_step()
    {
        // The JSON-lines copies of the sweep (the same runs are also in the MLflow store, under unprefixed names).
        var runs = Runs.Load(Path.Combine(TestPaths.SampleRuns, "cartpole-ppo"))
            .Where(r => r.Info.Files.Any(f => f.RelativePath.EndsWith("metrics.jsonl", StringComparison.Ordinal))).Take(4).ToList();
        Assert.Equal(4, runs.Count);
        const string metric = "metrics.episode_return_mean";

        var frame = runs.ToFrame(metric);

        foreach (var run in runs)
        {
            var points = run.Metric(metric).OnePointPerStep().Points;
            Assert.Equal(points.Count, frame.GetColumn<double>(run.Name).ValueCount);
            foreach (var point in points)
                Assert.Equal(point.Value, At(frame, run.Name, point.Step));
        }
        Assert.Equal(runs.SelectMany(r => r.Metric(metric).Points.Select(p => p.Step)).Distinct().Order(), frame.RowKeys);
    }

    [Fact]
    public void A_runs_frame_has_a_column_per_metric_named_as_logged_and_nan_becomes_missing_as_deedle_treats_it()
    {
        using var dir = new TempDir();
        var run = Runs3(dir)["a"];

        var frame = run.ToFrame(["rewards.total", "loss"]);

        Assert.Equal(["rewards.total", "loss"], frame.ColumnKeys);
        Assert.Equal([0L, 1L, 2L, 3L], frame.RowKeys);
        Assert.Null(At(frame, "loss", 0));
        // Deedle stores a NaN double as a missing value: the logged NaN at step 1 reads back as missing.
        Assert.Null(At(frame, "loss", 1));
        Assert.Equal(0.0625, At(frame, "loss", 2));
        Assert.Equal(1e-300, At(frame, "loss", 3));
        Assert.Equal(["loss", "rewards.total", "wall_time"], run.ToFrame().ColumnKeys);
    }

    [Fact]
    public void A_repeated_step_can_be_averaged()
    {
        using var dir = new TempDir();
        var runs = Runs3(dir);

        Assert.Equal(4.0, At(runs.ToFrame("rewards.total", StepDuplicates.Mean), "a", 2));
        Assert.Equal((0.25 + 0.0625) / 2, At(runs["a"].ToFrame(["loss"], StepDuplicates.Mean), "loss", 2));
    }

    [Fact]
    public void A_frame_shows_as_a_paged_table_with_its_keys_and_empty_cells_for_missing_values()
    {
        using var dir = new TempDir();
        var frame = Runs3(dir).ToFrame("rewards.total");

        var table = frame.ToPagedTable();

        Assert.Equal(5, table.RowCount);
        Assert.Equal(["key", "a", "b", "c"], table.Columns.Select(c => c.Name));
        Assert.Equal(["0", "1", "2", "3", "10"], table.Columns[0].Cells);
        Assert.Equal(["1.5", "0.1", "4.5", "-2", null], table.Columns[1].Cells);
        Assert.All(table.Columns, c => Assert.True(c.Numeric));
        Assert.StartsWith("Deedle frame: 5 rows × 4 columns", table.ToString(), StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">0.1</td>", table.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_frame_carries_at_most_max_rows_into_its_page()
    {
        var frame = Frame.FromColumns([KeyValuePair.Create("x", new Series<long, double>(Enumerable.Range(0, 5_000).Select(i => (long)i), Enumerable.Range(0, 5_000).Select(i => i * 0.5)))]);

        var table = frame.ToPagedTable(maxRows: 300);

        Assert.Equal(5_000, table.RowCount);
        Assert.Equal(300, table.HeldRows);
        Assert.Contains("Rows 1–300 of 5,000 are shown here.", table.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_the_formatter_outside_a_kernel_does_nothing_and_never_throws()
    {
        Assert.Null(Type.GetType("Microsoft.DotNet.Interactive.Formatting.Formatter, Microsoft.DotNet.Interactive.Formatting", throwOnError: false));

        Assert.False(DeedleFormatting.Register());
    }
}
