
namespace RunLens.Tests.Analysis;

public class SmoothingTests
{
    // TensorBoard's classicSmoothing, transcribed line by line and independently of Smooth.Ema, from
    // tensorflow/tensorboard tensorboard/webapp/widgets/line_chart_v2/data_transformer.ts (commit 412c86e5):
    //
    //   const initialYVal = series.points[0]?.y;
    //   const isConstant = series.points.every((point) => point.y == initialYVal);
    //   if (isConstant) { results.push(series); continue; }   // See #786.
    //   let last = series.points.length > 0 ? 0 : NaN;
    //   let numAccum = 0;
    //   const smoothedPoints = series.points.map((point) => {
    //     const nextVal = point.y;
    //     if (!Number.isFinite(nextVal)) {
    //       return {x: point.x, y: nextVal};
    //     } else {
    //       last = last * smoothingWeight + (1 - smoothingWeight) * nextVal;
    //       numAccum++;
    //       const debiasWeight =
    //         smoothingWeight === 1 ? 1 : 1 - Math.pow(smoothingWeight, numAccum);
    //       return {x: point.x, y: last / debiasWeight};
    //     }
    //   });
    private static double[] TensorBoardClassicSmoothing(double[] points, double smoothingWeight)
    {
        var initialYVal = points.Length > 0 ? points[0] : double.NaN;
        if (points.All(y => y == initialYVal))
            return (double[])points.Clone();
        double last = points.Length > 0 ? 0 : double.NaN;
        var numAccum = 0;
        return points.Select(nextVal =>
        {
            if (!double.IsFinite(nextVal))
                return nextVal;
            last = last * smoothingWeight + (1 - smoothingWeight) * nextVal;
            numAccum++;
            var debiasWeight = smoothingWeight == 1 ? 1 : 1 - Math.Pow(smoothingWeight, numAccum);
            return last / debiasWeight;
        }).ToArray();
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.6, 2)]
    [InlineData(0.9, 3)]
    [InlineData(0.99, 5)]
    [InlineData(0.999, 4)]
    public void Ema_equals_the_tensorboard_formula_on_random_series(double weight, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, 2_000).Select(_ => random.NextDouble() * 200 - 100).ToArray();
        // About 3% of the points are NaN, +infinity or -infinity, at seeded random places (the first one included).
        values[0] = double.NaN;
        for (var i = 1; i < values.Length; i++)
        {
            var roll = random.NextDouble();
            if (roll < 0.01)
                values[i] = double.NaN;
            else if (roll < 0.02)
                values[i] = double.PositiveInfinity;
            else if (roll < 0.03)
                values[i] = double.NegativeInfinity;
        }

        var expected = TensorBoardClassicSmoothing(values, weight);
        var actual = Smooth.Ema(values, weight);

        Assert.Equal(expected.Length, actual.Length);
        Assert.Contains(values, double.IsNaN);
        Assert.Contains(values, double.IsPositiveInfinity);
        Assert.Contains(values, double.IsNegativeInfinity);
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsFinite(expected[i]))
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])), $"index {i}: {expected[i]} vs {actual[i]}");
            else
                Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void Ema_default_weight_is_tensorboards_0_6()
    {
        double[] values = [3, -1, 4, 1, -5, 9, 2, 6];

        Assert.Equal(Smooth.Ema(values, 0.6), Smooth.Ema(values));
        Assert.Equal(0.6, Smoothing.Ema().Weight);
    }

    [Fact]
    public void Ema_keeps_the_first_point_and_debiases_the_second()
    {
        // last = 0.4 * 10 = 4, debias 0.4 -> 10; last = 0.6 * 4 + 0.4 * 20 = 10.4, debias 1 - 0.36 = 0.64 -> 16.25.
        var smoothed = Smooth.Ema([10, 20], 0.6);

        Assert.Equal(10, smoothed[0], 12);
        Assert.Equal(16.25, smoothed[1], 12);
    }

    [Fact]
    public void Nan_and_infinity_pass_through_and_do_not_advance_the_ema()
    {
        var smoothed = Smooth.Ema([10, double.NaN, double.NegativeInfinity, 20], 0.6);

        Assert.Equal(10, smoothed[0], 12);
        Assert.True(double.IsNaN(smoothed[1]));
        Assert.Equal(double.NegativeInfinity, smoothed[2]);
        Assert.Equal(16.25, smoothed[3], 12);
    }

    [Fact]
    public void A_constant_series_stays_exactly_constant()
    {
        var values = Enumerable.Repeat(0.1, 500).ToArray();

        Assert.Equal(values, Smooth.Ema(values, 0.9));
    }

    [Fact]
    public void Trailing_window_is_the_mean_of_the_point_and_those_before_it()
    {
        var smoothed = Smooth.RollingMean([1, 2, 3, 4, 5], 3);

        Assert.Equal([1, 1.5, 2, 3, 4], smoothed);
    }

    [Fact]
    public void Centred_window_looks_both_ways_and_is_cut_short_at_the_ends()
    {
        var smoothed = Smooth.RollingMean([1, 2, 3, 4, 5], 3, WindowAlignment.Centred);

        Assert.Equal([1.5, 2, 3, 4, 4.5], smoothed);
    }

    [Fact]
    public void Rolling_mean_ignores_nan_and_keeps_it_as_a_gap()
    {
        var smoothed = Smooth.RollingMean([2, double.NaN, 4, 6], 3);

        Assert.Equal(2, smoothed[0]);
        Assert.True(double.IsNaN(smoothed[1]));
        Assert.Equal(3, smoothed[2]);   // (2 + 4) / 2: the NaN is left out
        Assert.Equal(5, smoothed[3]);   // (4 + 6) / 2
    }

    [Fact]
    public void A_spike_leaves_no_residue_once_it_leaves_the_window()
    {
        var smoothed = Smooth.RollingMean([0.1, 1e17, 0.1, 0.1, 0.1], 2);

        Assert.Equal(0.1, smoothed[4]);
    }

    [Fact]
    public void Smoothing_describes_itself_for_subtitles()
    {
        Assert.Equal("debiased EMA 0.6", Smoothing.Ema().Describe());
        Assert.Equal("rolling mean of 25 points", Smoothing.Window(25).Describe());
        Assert.Equal("centred rolling mean of 5 points", Smoothing.Window(5, WindowAlignment.Centred).Describe());
        Assert.Equal("none", Smoothing.None.Describe());
    }

    [Fact]
    public void Smoothing_apply_uses_its_kind()
    {
        double[] values = [10, 20];

        Assert.Equal(values, Smoothing.None.Apply(values));
        Assert.Equal(16.25, Smoothing.Ema(0.6).Apply(values)[1], 12);
        Assert.Equal([10, 15], Smoothing.Window(2).Apply(values));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Ema_rejects_weights_outside_zero_to_one(double weight)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Smoothing.Ema(weight));
        Assert.Contains("[0, 1)", error.Message);
    }

    [Fact]
    public void Window_rejects_fewer_than_one_point()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Smoothing.Window(0));
        Assert.Contains("at least 1 point", error.Message);
    }
}
