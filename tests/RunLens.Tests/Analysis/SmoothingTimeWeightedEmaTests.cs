namespace RunLens.Tests.Analysis;

public class SmoothingTimeWeightedEmaTests
{
    // W&B's TWEMA transcribed from its documentation (docs.wandb.ai/models/app/features/panels/line-plot/smoothing),
    // independently of Smooth.TimeWeightedEma, for finite values:
    //
    //   const smoothingWeight = Math.min(Math.sqrt(smoothingParam || 0), 0.999);
    //   let lastY = yValues.length > 0 ? 0 : NaN;
    //   let debiasWeight = 0;
    //   return yValues.map((yPoint, index) => {
    //     const prevX = index > 0 ? index - 1 : 0;
    //     // VIEWPORT_SCALE scales the result to the chart's x-axis range
    //     const changeInX = ((xValues[index] - xValues[prevX]) / rangeOfX) * VIEWPORT_SCALE;
    //     const smoothingWeightAdj = Math.pow(smoothingWeight, changeInX);
    //     lastY = lastY * smoothingWeightAdj + yPoint;
    //     debiasWeight = debiasWeight * smoothingWeightAdj + 1;
    //     return lastY / debiasWeight;
    //   });
    //
    // The documentation does not give VIEWPORT_SCALE; 1000 is the value RunLens assumes (Smooth.TimeWeightedEmaScale).
    private const double ViewportScale = 1000;

    private static double[] WandbTwema(double[] xValues, double[] yValues, double smoothingParam)
    {
        var smoothingWeight = Math.Min(Math.Sqrt(smoothingParam), 0.999);
        var rangeOfX = xValues[^1] - xValues[0];
        double lastY = yValues.Length > 0 ? 0 : double.NaN;
        double debiasWeight = 0;
        return yValues.Select((yPoint, index) =>
        {
            var prevX = index > 0 ? index - 1 : 0;
            var changeInX = (xValues[index] - xValues[prevX]) / rangeOfX * ViewportScale;
            var smoothingWeightAdj = Math.Pow(smoothingWeight, changeInX);
            lastY = lastY * smoothingWeightAdj + yPoint;
            debiasWeight = debiasWeight * smoothingWeightAdj + 1;
            return lastY / debiasWeight;
        }).ToArray();
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (double.IsFinite(expected[i]))
                Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"index {i}: {expected[i]} vs {actual[i]}");
            else
                Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void Three_points_match_the_hand_computed_decay()
    {
        // Weight 1 is square-rooted to 1 and capped at w = 0.999. x spans 1000, so each gap of 500 is 500 thousandths
        // of the range: a = 0.999^500. Then out0 = 1, out1 = (a + 2) / (a + 1), out2 = (a(a + 2) + 4) / (a(a + 1) + 1).
        // Numbers from /usr/bin/python3: a = 0.6063789448611847, out1 = 1.6225181195252874, out2 = 2.826870861776703.
        var smoothed = Smooth.TimeWeightedEma([0, 500, 1000], [1, 2, 4], 1);

        var a = Math.Pow(0.999, 500);
        Assert.Equal(1, smoothed[0], 12);
        Assert.Equal((a + 2) / (a + 1), smoothed[1], 12);
        Assert.Equal((a * (a + 2) + 4) / (a * (a + 1) + 1), smoothed[2], 12);
        Assert.Equal(1.6225181195252874, smoothed[1], 12);
        Assert.Equal(2.826870861776703, smoothed[2], 12);
    }

    [Theory]
    [InlineData(0.0, 11)]
    [InlineData(0.6, 12)]
    [InlineData(0.9, 13)]
    [InlineData(0.99, 14)]
    [InlineData(1.0, 15)]
    public void Equals_the_wandb_formula_on_random_uneven_series(double weight, int seed)
    {
        var random = new Random(seed);
        var x = new double[3_000];
        for (var i = 1; i < x.Length; i++)
            x[i] = x[i - 1] + Math.Floor(random.NextDouble() * 50);   // uneven, some gaps 0 (same x twice)
        var y = x.Select(_ => random.NextDouble() * 200 - 100).ToArray();

        AssertClose(WandbTwema(x, y, weight), Smooth.TimeWeightedEma(x, y, weight));
    }

    [Fact]
    public void Default_weight_is_0_6()
    {
        double[] x = [0, 1, 2, 5];
        double[] y = [3, -1, 4, 1];

        Assert.Equal(Smooth.TimeWeightedEma(x, y, 0.6), Smooth.TimeWeightedEma(x, y));
        Assert.Equal(0.6, Smoothing.TimeWeightedEma().Weight);
    }

    [Fact]
    public void Evenly_spaced_points_smooth_the_same_whatever_the_x_scale()
    {
        var random = new Random(7);
        var y = Enumerable.Range(0, 500).Select(_ => random.NextDouble()).ToArray();
        var steps = Enumerable.Range(0, 500).Select(i => (double)i).ToArray();
        var scaled = Enumerable.Range(0, 500).Select(i => 5e6 + 2048.0 * i).ToArray();

        AssertClose(Smooth.TimeWeightedEma(steps, y, 0.9), Smooth.TimeWeightedEma(scaled, y, 0.9), 1e-9);
    }

    [Fact]
    public void Nan_and_infinity_pass_through_and_the_next_point_decays_from_the_last_finite_one()
    {
        double[] x = [0, 100, 200, 300, 1000];
        double[] y = [1, double.NaN, double.PositiveInfinity, 5, 2];

        var smoothed = Smooth.TimeWeightedEma(x, y, 0.9);

        Assert.True(double.IsNaN(smoothed[1]));
        Assert.Equal(double.PositiveInfinity, smoothed[2]);
        // Without the non-finite points the filter sees x = 0, 300, 1000 over the same range of 1000.
        var expected = WandbTwema([0, 300, 1000], [1, 5, 2], 0.9);
        Assert.Equal(expected[0], smoothed[0], 12);
        Assert.Equal(expected[1], smoothed[3], 12);
        Assert.Equal(expected[2], smoothed[4], 12);
    }

    [Fact]
    public void A_constant_series_stays_exactly_constant()
    {
        var x = Enumerable.Range(0, 300).Select(i => i * 3.7).ToArray();
        var y = Enumerable.Repeat(0.1, 300).ToArray();

        Assert.Equal(y, Smooth.TimeWeightedEma(x, y, 0.99));
    }

    [Fact]
    public void Points_all_at_one_x_give_their_running_mean()
    {
        Assert.Equal([2, 3, 4], Smooth.TimeWeightedEma([7, 7, 7], [2, 4, 6]));
    }

    [Fact]
    public void Decreasing_x_is_rejected_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => Smooth.TimeWeightedEma([0, 2, 1], [1, 2, 3]));

        Assert.Contains("increasing order", error.Message);
        Assert.Contains("x[2] = 1", error.Message);
    }

    [Fact]
    public void X_and_values_of_different_lengths_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Smooth.TimeWeightedEma([0, 1], [1, 2, 3]));

        Assert.Contains("one x per value", error.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Weights_outside_zero_to_one_are_rejected(double weight)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Smoothing.TimeWeightedEma(weight));

        Assert.Contains("[0, 1]", error.Message);
    }
}
