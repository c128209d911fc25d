namespace RunLens.Tests.Analysis.Aggregation;

public class AlignmentTests
{
    internal static Series Run(string name, params (long Step, double Value)[] points) =>
        new(name, "m", points.Select(p => new ScalarPoint(p.Step, p.Value)).ToList());

    [Fact]
    public void An_even_grid_spans_the_runs_and_rounds_to_distinct_integer_steps()
    {
        var grid = Aggregate.Grid([Run("a", (0, 1), (600, 2)), Run("b", (100, 1), (1000, 2))], 7, useRunSteps: false);

        // i * 1000 / 6 rounded: 166.67, 333.33, 666.67, 833.33.
        Assert.Equal([0L, 167, 333, 500, 667, 833, 1000], grid.Steps);
        Assert.Equal("even", grid.Kind);
    }

    [Fact]
    public void A_range_shorter_than_the_grid_gives_every_integer_step()
    {
        var grid = Aggregate.Grid([Run("a", (3, 1), (6, 2))], 10, useRunSteps: false);

        Assert.Equal([3L, 4, 5, 6], grid.Steps);
    }

    [Fact]
    public void A_small_union_of_the_runs_steps_is_the_grid_and_a_large_one_is_not()
    {
        Series[] runs = [Run("a", (0, 1), (10, 1), (20, 1)), Run("b", (5, 1), (10, 1), (40, 1))];

        Assert.Equal([0L, 5, 10, 20, 40], Aggregate.Grid(runs, 5).Steps);
        Assert.Equal("run steps", Aggregate.Grid(runs, 5).Kind);
        Assert.Equal([0L, 10, 20, 30, 40], Aggregate.Grid(runs, 4 + 1, useRunSteps: false).Steps);
        // 5 distinct steps do not fit 4 points: an even grid instead.
        Assert.Equal([0L, 13, 27, 40], Aggregate.Grid(runs, 4).Steps);
    }

    [Fact]
    public void Linear_interpolation_reads_between_neighbouring_points_and_never_extrapolates()
    {
        var run = Run("a", (10, 0), (20, 10), (40, 50));
        var grid = new StepGrid([0, 10, 15, 25, 40, 45], "even");

        var values = Aggregate.Align(run, grid);

        // 15: halfway 0..10 = 5; 25: a quarter of the way 10..50 = 20; 0 and 45 lie outside [10, 40].
        Assert.Equal([double.NaN, 0, 5, 20, 50, double.NaN], values);
    }

    [Fact]
    public void Previous_interpolation_holds_the_last_logged_value()
    {
        var values = Aggregate.Align(Run("a", (10, 0), (20, 10), (40, 50)), new StepGrid([15, 25, 40, 41], "even"), "previous");

        Assert.Equal([0, 10, 50, double.NaN], values);
    }

    [Fact]
    public void Duplicate_steps_are_averaged_before_aligning()
    {
        var values = Aggregate.Align(Run("a", (0, 1), (0, 3), (10, 6)), new StepGrid([0, 5, 10], "even"));

        // Step 0 is (1 + 3) / 2 = 2; step 5 is halfway from 2 to 6.
        Assert.Equal([2, 4, 6], values);
    }

    [Fact]
    public void A_nan_point_leaves_a_gap_on_both_sides_of_it()
    {
        var values = Aggregate.Align(Run("a", (0, 0), (10, double.NaN), (20, 20), (30, 30)), new StepGrid([5, 10, 15, 25], "even"));

        Assert.Equal([double.NaN, double.NaN, double.NaN, 25], values);
    }

    [Fact]
    public void An_unknown_interpolation_is_rejected_with_the_names_there_are()
    {
        var error = Assert.Throws<ArgumentException>(() => Aggregate.Align(Run("a", (0, 1)), new StepGrid([0], "even"), "cubic"));

        Assert.Contains("\"linear\"", error.Message, StringComparison.Ordinal);
    }
}
