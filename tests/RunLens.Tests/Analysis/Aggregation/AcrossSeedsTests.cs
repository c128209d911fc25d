using static RunLens.Tests.Analysis.Aggregation.AlignmentTests;

namespace RunLens.Tests.Analysis.Aggregation;

public class AcrossSeedsTests
{
    private static readonly Series Long = Run("long", (0, 1), (10, 3), (20, 5), (30, 7));
    private static readonly Series Short = Run("short", (0, 3), (10, 5), (20, 7));

    // Three seeds whose values at step 0 are 1, 2 and 6: mean 3, sd sqrt(((1-3)^2 + (2-3)^2 + (6-3)^2) / 2) = sqrt(7).
    private static readonly Series[] Three = [Run("s0", (0, 1), (10, 1)), Run("s1", (0, 2), (10, 1)), Run("s2", (0, 6))];

    [Fact]
    public void The_seed_count_drops_from_2_to_1_where_the_short_run_ends_and_it_is_not_extrapolated()
    {
        var curve = Aggregate.AcrossSeeds("g", [Long, Short], new AggregateOptions { Band = BandKind.MinMax });

        Assert.Equal([0L, 10, 20, 30], curve.Steps);
        Assert.Equal([2, 2, 2, 1], curve.Seeds);
        Assert.Equal([30L], curve.SeedDrops);
        Assert.Equal([2, 4, 6, 7], curve.Center);
        Assert.Equal([1, 3, 5, 7], curve.Lower);
        Assert.Equal([3, 5, 7, 7], curve.Upper);
        Assert.Equal(["long", "short"], curve.Runs);
    }

    [Fact]
    public void On_an_even_grid_the_short_run_stops_contributing_after_its_last_step()
    {
        var curve = Aggregate.AcrossSeeds("g", [Long, Short], new AggregateOptions { GridPoints = 7, UseRunSteps = false });

        Assert.Equal([0L, 5, 10, 15, 20, 25, 30], curve.Steps);
        Assert.Equal([2, 2, 2, 2, 2, 1, 1], curve.Seeds);
        Assert.Equal([25L], curve.SeedDrops);
        // Step 5: long is 2 and short 4 (halfway between their points); step 25: long alone, 6.
        Assert.Equal(3, curve.Center[1], 12);
        Assert.Equal(6, curve.Center[5], 12);
        Assert.Contains("linear interpolation", curve.Method, StringComparison.Ordinal);
        Assert.Contains("no extrapolation", curve.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void The_std_band_is_the_mean_plus_and_minus_the_sample_std_and_a_gap_for_one_seed()
    {
        var curve = Aggregate.AcrossSeeds("g", Three, new AggregateOptions { Band = BandKind.Std });

        Assert.Equal(3, curve.Center[0], 12);
        Assert.Equal(3 - Math.Sqrt(7), curve.Lower[0], 12);
        Assert.Equal(3 + Math.Sqrt(7), curve.Upper[0], 12);
        // Step 10: two seeds with equal values, sd 0; no seed drops below 2.
        Assert.Equal([3, 2], curve.Seeds);
        Assert.Equal(1, curve.Lower[1], 12);
    }

    [Fact]
    public void With_one_seed_the_std_band_is_a_gap_not_a_zero_width_band()
    {
        var curve = Aggregate.AcrossSeeds("g", [Long, Short], new AggregateOptions { Band = BandKind.Std });

        Assert.True(double.IsNaN(curve.Lower[3]) && double.IsNaN(curve.Upper[3]));
        Assert.Equal(7, curve.Center[3]);
    }

    [Fact]
    public void The_median_center_is_the_middle_value()
    {
        var curve = Aggregate.AcrossSeeds("g", Three, new AggregateOptions { Center = CenterKind.Median, Band = BandKind.MinMax });

        Assert.Equal(2, curve.Center[0]);
        Assert.Equal(1, curve.Lower[0]);
        Assert.Equal(6, curve.Upper[0]);
    }

    [Fact]
    public void Nan_and_infinite_values_are_left_out_and_not_counted_as_seeds()
    {
        Series[] runs = [Run("a", (0, double.NaN), (10, 2)), Run("b", (0, 4), (10, double.PositiveInfinity)), Run("c", (0, 6), (10, 4))];

        var curve = Aggregate.AcrossSeeds("g", runs, new AggregateOptions { Band = BandKind.MinMax });

        Assert.Equal([2, 2], curve.Seeds);
        Assert.Equal([5, 3], curve.Center);
    }

    [Fact]
    public void Steps_with_no_seed_have_a_nan_center_and_no_band()
    {
        var curve = Aggregate.AcrossSeeds("g", [Run("a", (0, double.NaN), (10, 1))], new AggregateOptions { Band = BandKind.MinMax });

        Assert.Equal([0, 1], curve.Seeds);
        Assert.True(double.IsNaN(curve.Center[0]) && double.IsNaN(curve.Lower[0]));
    }

    [Fact]
    public void Runs_without_points_and_duplicate_steps_are_named_in_the_notes()
    {
        var curve = Aggregate.AcrossSeeds("g", [Run("empty"), Run("dup", (0, 1), (0, 3), (10, 5))], new AggregateOptions { Band = BandKind.None });

        Assert.Equal(["dup"], curve.Runs);
        Assert.Equal([2, 5], curve.Center);
        Assert.True(double.IsNaN(curve.Lower[0]));
        Assert.Contains(curve.Notes, n => n.StartsWith("empty: no points", StringComparison.Ordinal));
        Assert.Contains(curve.Notes, n => n.StartsWith("dup: 1 extra point", StringComparison.Ordinal));
    }

    [Fact]
    public void Smoothing_is_applied_per_run_before_aligning()
    {
        var curve = Aggregate.AcrossSeeds("g", [Run("a", (0, 0), (10, 10), (20, 20), (30, 30))],
            new AggregateOptions { Band = BandKind.None, Smoothing = Smoothing.Window(2) });

        Assert.Equal([0, 5, 15, 25], curve.Center);
        Assert.Contains("rolling mean of 2 points", curve.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void No_runs_give_an_empty_curve()
    {
        var curve = Aggregate.AcrossSeeds("g", []);

        Assert.Empty(curve.Steps);
        Assert.Empty(curve.Seeds);
    }

    [Fact]
    public void The_t_band_for_3_seeds_is_the_mean_plus_and_minus_4_303_standard_errors_and_a_gap_for_one_seed()
    {
        var curve = Aggregate.AcrossSeeds("g", Three);

        // t(0.975, 2) = 4.302652730 (tables); sd = sqrt(7).
        var half = 4.302652730 * Math.Sqrt(7) / Math.Sqrt(3);
        Assert.Equal(3 - half, curve.Lower[0], 8);
        Assert.Equal(3 + half, curve.Upper[0], 8);
        Assert.Contains("student-t 95% CI of the mean", curve.Method, StringComparison.Ordinal);
        var two = Aggregate.AcrossSeeds("g", [Long, Short]);
        Assert.True(double.IsNaN(two.Lower[3]) && double.IsNaN(two.Upper[3]));
        Assert.Equal(7, two.Center[3]);
    }

    [Fact]
    public void The_iqm_center_of_4_seeds_averages_the_middle_two()
    {
        Series[] runs = [Run("a", (0, 10)), Run("b", (0, 2)), Run("c", (0, 1)), Run("d", (0, 3))];

        var curve = Aggregate.AcrossSeeds("g", runs, new AggregateOptions { Center = CenterKind.Iqm });

        // Sorted 1, 2, 3, 10: one value cut from each end, (2 + 3) / 2. The t band stays the mean's: 4 ± t·sd/2.
        Assert.Equal(2.5, curve.Center[0], 12);
        Assert.True(curve.Lower[0] < 4 && curve.Upper[0] > 4);
        Assert.StartsWith("IQM", curve.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bootstrap_band_resamples_seeds_deterministically_within_their_range()
    {
        var options = new AggregateOptions { Band = BandKind.Bootstrap, Confidence = 0.9, Bootstrap = BootstrapOptions.Default with { Reps = 500, Seed = 7 } };

        var first = Aggregate.AcrossSeeds("g", Three, options);
        var again = Aggregate.AcrossSeeds("g", Three, options);
        // Eight spread-out seeds have enough distinct resample means for another seed to move the percentiles.
        var eight = Enumerable.Range(0, 8).Select(i => Run($"s{i}", (0, Math.Pow(2, i)))).ToList();
        var seven = Aggregate.AcrossSeeds("g", eight, options);
        var other = Aggregate.AcrossSeeds("g", eight, options with { Bootstrap = options.Bootstrap! with { Seed = 8 } });

        Assert.Equal(first.Lower, again.Lower);
        Assert.Equal(first.Upper, again.Upper);
        Assert.NotEqual((seven.Lower[0], seven.Upper[0]), (other.Lower[0], other.Upper[0]));
        // Means of resamples of 1, 2, 6 lie in [1, 6]; the 90% interval is narrower than that and holds the mean 3.
        Assert.InRange(first.Lower[0], 1, 3);
        Assert.InRange(first.Upper[0], 3, 6);
        Assert.Contains("bootstrap 90% (500 reps, seed 7)", first.Method, StringComparison.Ordinal);
        // Step 10 has two equal values: every resample's mean is 1.
        Assert.Equal((1.0, 1.0), (first.Lower[1], first.Upper[1]));
    }

    [Fact]
    public void With_one_seed_the_bootstrap_band_is_a_gap()
    {
        var curve = Aggregate.AcrossSeeds("g", [Long, Short], new AggregateOptions { Band = BandKind.Bootstrap, Center = CenterKind.Median });

        Assert.True(double.IsNaN(curve.Lower[3]) && double.IsNaN(curve.Upper[3]));
        Assert.False(double.IsNaN(curve.Lower[0]));
    }

    [Fact]
    public void Smoothing_in_step_units_sees_the_runs_steps()
    {
        // A Gaussian in x units would refuse index positions; here it gets the steps and keeps a straight line straight
        // in the middle (a centred kernel over a linear series returns it where the kernel is symmetric).
        var line = Run("a", Enumerable.Range(0, 21).Select(i => ((long)i * 10, (double)i)).ToArray());

        var curve = Aggregate.AcrossSeeds("g", [line], new AggregateOptions { Band = BandKind.None, Smoothing = Smoothing.Gaussian(10) });

        Assert.Equal(10, curve.Center[10], 9);
    }
}
