namespace RunLens.Tests.Analysis;

// Duplicate steps, the adaptive window, and Smoothing.Apply(x, values) for every kind.
public class SmoothingStepsTests
{
    [Fact]
    public void Duplicate_steps_merge_into_the_mean_of_their_finite_values_with_a_count()
    {
        var (steps, means, counts) = Smooth.MergeDuplicateSteps([0, 0, 1, 2, 2, 2], [1, 3, 5, double.NaN, 2, 4]);

        Assert.Equal([0L, 1, 2], steps);
        Assert.Equal([2.0, 5, 3], means);      // (1 + 3) / 2; 5; (2 + 4) / 2 with the NaN left out
        Assert.Equal([2, 1, 3], counts);       // every value logged there, the NaN included
    }

    [Fact]
    public void A_step_with_only_non_finite_values_keeps_them_when_they_agree()
    {
        var (steps, means, counts) = Smooth.MergeDuplicateSteps(
            [1, 2, 2, 3, 3, 4, 4],
            [double.NaN, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.NaN]);

        Assert.Equal([1L, 2, 3, 4], steps);
        Assert.True(double.IsNaN(means[0]));
        Assert.Equal(double.PositiveInfinity, means[1]);
        Assert.True(double.IsNaN(means[2]));   // +inf and -inf disagree
        Assert.True(double.IsNaN(means[3]));
        Assert.Equal([1, 2, 2, 2], counts);
    }

    [Fact]
    public void Distinct_steps_come_back_unchanged()
    {
        var (steps, means, counts) = Smooth.MergeDuplicateSteps([-5, 0, 10], [0.1, 0.2, 0.3]);

        Assert.Equal([-5L, 0, 10], steps);
        Assert.Equal([0.1, 0.2, 0.3], means);
        Assert.Equal([1, 1, 1], counts);
    }

    [Fact]
    public void No_steps_give_empty_arrays()
    {
        var (steps, means, counts) = Smooth.MergeDuplicateSteps([], []);

        Assert.Empty(steps);
        Assert.Empty(means);
        Assert.Empty(counts);
    }

    [Fact]
    public void Unsorted_steps_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Smooth.MergeDuplicateSteps([0, 5, 3], [1, 2, 3]));

        Assert.Contains("Steps must be sorted", error.Message);
        Assert.Contains("steps[2] = 3", error.Message);
    }

    [Fact]
    public void Steps_and_values_of_different_lengths_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Smooth.MergeDuplicateSteps([0, 1], [1]));

        Assert.Contains("one step per value", error.Message);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(39, 1)]
    [InlineData(40, 2)]
    [InlineData(100, 5)]
    [InlineData(1_999, 99)]
    [InlineData(2_000, 100)]
    [InlineData(10_000_000, 100)]
    public void Adaptive_window_is_a_twentieth_of_the_points_between_1_and_100(int count, int window)
    {
        Assert.Equal(window, Smooth.AdaptiveWindow(count));
    }

    [Fact]
    public void Adaptive_window_rejects_a_negative_count()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Smooth.AdaptiveWindow(-1));
    }

    [Fact]
    public void Adaptive_is_a_centred_rolling_mean_with_the_adaptive_window()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 250).Select(_ => random.NextDouble()).ToArray();

        var smoothed = Smooth.Adaptive(values);

        Assert.Equal(Smooth.RollingMean(values, 12, WindowAlignment.Centred), smoothed);
        Assert.Equal(smoothed, Smoothing.Adaptive().Apply(values));
    }

    [Fact]
    public void Apply_with_x_refuses_repeated_steps_and_names_the_merge()
    {
        var error = Assert.Throws<ArgumentException>(() => Smoothing.Ema().Apply([0, 1, 1, 2], [1, 2, 3, 4]));

        Assert.Contains("Smooth.MergeDuplicateSteps", error.Message);
        Assert.Contains("x[1] and x[2] are both 1", error.Message);
    }

    [Fact]
    public void Apply_with_x_uses_the_spacing_only_for_the_kinds_in_x_units()
    {
        double[] x = [0, 10, 11, 40];
        double[] y = [1, 4, 2, 8];

        Assert.Equal(Smooth.Ema(y, 0.6), Smoothing.Ema().Apply(x, y));
        Assert.Equal(Smooth.RollingMean(y, 2), Smoothing.Window(2).Apply(x, y));
        Assert.Equal(Smooth.Adaptive(y), Smoothing.Adaptive().Apply(x, y));
        Assert.Equal(y, Smoothing.None.Apply(x, y));
        Assert.Equal(Smooth.TimeWeightedEma(x, y, 0.5), Smoothing.TimeWeightedEma(0.5).Apply(x, y));
        Assert.Equal(Smooth.Gaussian(x, y, 3), Smoothing.Gaussian(3).Apply(x, y));
    }

    [Fact]
    public void Kinds_in_x_units_refuse_values_without_x()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Smoothing.Gaussian(2).Apply([1.0, 2]));

        Assert.Contains("Apply(x, values)", error.Message);
        Assert.Throws<InvalidOperationException>(() => Smoothing.TimeWeightedEma().Apply([1.0, 2]));
    }

    [Fact]
    public void New_kinds_describe_themselves_for_subtitles()
    {
        Assert.Equal("time-weighted EMA 0.6", Smoothing.TimeWeightedEma().Describe());
        Assert.Equal("Gaussian kernel, sigma 500", Smoothing.Gaussian(500).Describe());
        Assert.Equal("Gaussian kernel, sigma 2.5", Smoothing.Gaussian(2.5).Describe());
        Assert.Equal("adaptive centred rolling mean (points / 20, 1 to 100)", Smoothing.Adaptive().Describe());
        Assert.True(Smoothing.Gaussian(1).NeedsX);
        Assert.False(Smoothing.Adaptive().NeedsX);
    }
}
