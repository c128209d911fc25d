namespace RunLens.Tests.Analysis;

public class SeriesStepsTests
{
    private static readonly Series Resumed = new("run", "loss",
    [
        new(0, 1, 10), new(1, 2, 11), new(1, 4, 20), new(1, double.NaN, 21), new(2, 8, 22),
    ]);

    [Fact]
    public void Last_keeps_the_point_logged_last_at_a_repeated_step_exactly()
    {
        var one = Resumed.OnePointPerStep();

        Assert.Equal([new(0, 1, 10), new(1, double.NaN, 21), new(2, 8, 22)], one.Points);
    }

    [Fact]
    public void Mean_averages_the_finite_values_at_a_repeated_step_and_keeps_the_last_wall_time()
    {
        var one = Resumed.OnePointPerStep(StepDuplicates.Mean);

        // (2 + 4) / 2 = 3; the NaN is left out of the mean.
        Assert.Equal([new(0, 1, 10), new(1, 3, 21), new(2, 8, 22)], one.Points);
    }

    [Fact]
    public void Series_align_on_the_union_of_their_steps_with_nulls_where_one_has_no_point()
    {
        var a = new Series("a", "x", [new(0, 1, null), new(2, 3, null)]);
        var b = new Series("b", "x", [new(1, 10, null), new(2, double.NaN, null), new(5, 50, null)]);

        var steps = SeriesSteps.Union([a, b]);

        Assert.Equal([0L, 1, 2, 5], steps);
        Assert.Equal([1, null, 3, null], a.ValuesAt(steps));
        Assert.Equal([null, 10, double.NaN, 50], b.ValuesAt(steps));
        // Steps the series has but the rows do not are passed over.
        Assert.Equal([null, 50], b.ValuesAt([3, 5]));
    }

    [Fact]
    public void A_series_without_repeated_steps_is_returned_as_it_is()
    {
        var series = new Series("run", "x", [new(0, 1), new(5, 2)]);

        Assert.Same(series, series.OnePointPerStep(StepDuplicates.Mean));
    }
}
