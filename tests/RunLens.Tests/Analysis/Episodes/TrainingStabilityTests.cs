namespace RunLens.Tests.Analysis.Episodes;

public class TrainingStabilityTests
{
    private static Series S(params double[] values) =>
        new("run", "m", values.Select((v, i) => new ScalarPoint(i * 10L, v)).ToList());

    [Fact]
    public void Rolling_mean_std_and_coefficient_of_variation_are_hand_computed()
    {
        // Window 2: means 0, 5, 10, 10, 12; sample stds NaN (one value), sqrt(50), 0, 0, sqrt(8).
        var s = S(0, 10, 10, 10, 14).Stability(window: 2);

        Assert.Equal([0.0, 5, 10, 10, 12], s.RollingMean);
        Assert.True(double.IsNaN(s.RollingStd[0]));
        Assert.Equal(Math.Sqrt(50), s.RollingStd[1], 12);              // (0 - 5)^2 + (10 - 5)^2 = 50, over n - 1 = 1
        Assert.Equal([0.0, 0], s.RollingStd[2..4]);
        Assert.Equal(Math.Sqrt(8), s.RollingStd[4], 12);               // (10 - 12)^2 + (14 - 12)^2 = 8
        Assert.True(double.IsNaN(s.CoefficientOfVariation[0]));        // mean 0 and std NaN
        Assert.Equal(Math.Sqrt(50) / 5, s.CoefficientOfVariation[1], 12);
        Assert.Equal(Math.Sqrt(8) / 12, s.CoefficientOfVariation[4], 12);
    }

    [Fact]
    public void The_coefficient_of_variation_is_nan_where_the_rolling_mean_is_zero()
    {
        var s = S(-1, 1).Stability(window: 2);

        Assert.Equal(0, s.RollingMean[1]);
        Assert.Equal(Math.Sqrt(2), s.RollingStd[1], 12);
        Assert.True(double.IsNaN(s.CoefficientOfVariation[1]));
    }

    [Fact]
    public void Convergence_is_the_first_step_after_which_the_rolling_mean_stays_in_the_band()
    {
        // Final value: the mean of the last ceil(0.2 x 5) = 1 point, 10; band 10 ± 0.5. Rolling means (window 2):
        // 0, 5, 10, 10, 10: in the band from index 2, step 20.
        var s = S(0, 10, 10, 10, 10).Stability(window: 2, tolerance: 0.05, finalFraction: 0.2);

        Assert.Equal(1, s.FinalPoints);
        Assert.Equal(10, s.FinalValue);
        Assert.Equal(0.5, s.BandHalfWidth);
        Assert.Equal(2, s.ConvergenceIndex);
        Assert.Equal(20, s.ConvergenceStep);
        Assert.Contains("stays within ±0.5 (5% of |final|) of the final value 10 (the mean of the last 1 points)", s.Rule);
    }

    [Fact]
    public void An_excursion_out_of_the_band_restarts_convergence_after_it()
    {
        // Window 1, final 10 (last 2 points: 10, 10), band ± 1: index 1 is in, index 2 (20) is out, so from index 3.
        var s = S(0, 10, 20, 10, 9.5, 10, 10).Stability(window: 1, tolerance: 0.1, finalFraction: 0.25);

        Assert.Equal(2, s.FinalPoints);                 // ceil(0.25 x 7) = 2
        Assert.Equal(30, s.ConvergenceStep);
    }

    [Fact]
    public void A_final_value_of_zero_uses_a_band_from_the_range_and_can_be_not_converged()
    {
        // Final: the last ceil(x 6 / 6) = 1 point, 0; band ± 0.05 x (10 - 0) = 0.5. The last rolling mean
        // (10 + 0 + 0) / 3 is outside: not converged.
        var s = S(10, 10, 10, 10, 0, 0).Stability(window: 3, tolerance: 0.05, finalFraction: 1.0 / 6);

        Assert.Equal(0, s.FinalValue);
        Assert.Equal(0.5, s.BandHalfWidth);
        Assert.Null(s.ConvergenceStep);
        Assert.StartsWith("run/m: not converged; ", s.ToString());
    }

    [Fact]
    public void Nan_values_are_left_out_of_the_windows_and_do_not_break_convergence()
    {
        var s = S(1, double.NaN, 3, 3).Stability(window: 2, finalFraction: 0.5);

        Assert.Equal([1.0, 1, 3, 3], s.RollingMean);    // the NaN point gets its window's mean, as pandas' rolling
        Assert.True(double.IsNaN(s.RollingStd[1]));     // one finite value in the window
        Assert.Equal(3, s.FinalValue);
        Assert.Equal(20, s.ConvergenceStep);
    }

    [Fact]
    public void An_empty_series_has_no_final_value_and_no_convergence()
    {
        var s = new Series("run", "m", []).Stability();

        Assert.Empty(s.RollingMean);
        Assert.True(double.IsNaN(s.FinalValue));
        Assert.Null(s.ConvergenceStep);
    }

    [Theory]
    [InlineData(0, 0.05, 0.1)]
    [InlineData(5, 0, 0.1)]
    [InlineData(5, 0.05, 0)]
    [InlineData(5, 0.05, 1.5)]
    public void Arguments_out_of_range_are_refused(int window, double tolerance, double finalFraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => S(1, 2).Stability(window, tolerance, finalFraction));
    }
}
