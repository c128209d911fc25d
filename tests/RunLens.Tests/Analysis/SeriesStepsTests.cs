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
    public void A_series_without_repeated_steps_is_returned_as_it_is()
    {
        var series = new Series("run", "x", [new(0, 1), new(5, 2)]);

        Assert.Same(series, series.OnePointPerStep(StepDuplicates.Mean));
    }
}
