namespace RunLens.Tests.Analysis.Episodes;

public class EpisodeStatsTests
{
    private static Episode E(double ret, long length, bool? success = null, long? update = null, long? step = null, int? waypoints = null) =>
        new(0, ret, length) { Success = success, Update = update, TrainingStep = step, WaypointsReached = waypoints };

    [Fact]
    public void Batch_stats_are_hand_computed_means_population_stds_and_extremes()
    {
        // Returns 1, 3, 5, 7: mean 4, population variance (9 + 1 + 1 + 9) / 4 = 5. Lengths 10, 10, 20, 40: mean 20,
        // variance (100 + 100 + 0 + 400) / 4 = 150.
        var stats = new[] { E(1, 10, true, waypoints: 2), E(3, 10, false), E(5, 20, true, waypoints: 3), E(7, 40) }.BatchStats();

        Assert.Equal(4, stats.Count);
        Assert.Equal(4, stats.ReturnMean);
        Assert.Equal(Math.Sqrt(5), stats.ReturnStd, 12);
        Assert.Equal((1.0, 7.0), (stats.ReturnMin, stats.ReturnMax));
        Assert.Equal(20, stats.LengthMean);
        Assert.Equal(Math.Sqrt(150), stats.LengthStd, 12);
        Assert.Equal((10L, 40L), (stats.LengthMin, stats.LengthMax));
        Assert.Equal((3, 2), (stats.SuccessKnown, stats.Successes));
        Assert.Equal(2.0 / 3, stats.SuccessRate, 15);
        Assert.Equal((2, 2.5), (stats.WaypointsKnown, stats.WaypointsPerEpisode));
    }

    [Fact]
    public void Non_finite_returns_are_counted_and_left_out_of_the_return_statistics()
    {
        var stats = new[] { E(2, 1), E(double.NaN, 1), E(4, 1) }.BatchStats();

        Assert.Equal(3, stats.Count);
        Assert.Equal(1, stats.NonFiniteReturns);
        Assert.Equal(3, stats.ReturnMean);
        Assert.Contains("1 non-finite left out", stats.ToString());
    }

    [Fact]
    public void An_empty_batch_and_unknown_success_are_nan_and_say_so()
    {
        var empty = Array.Empty<Episode>().BatchStats();
        var unknown = new[] { E(1, 1) }.BatchStats();

        Assert.Equal(0, empty.Count);
        Assert.True(double.IsNaN(empty.ReturnMean) && double.IsNaN(empty.LengthStd));
        Assert.True(double.IsNaN(unknown.SuccessRate));
        Assert.True(double.IsNaN(unknown.WaypointsPerEpisode));
        Assert.Contains("success rate: unknown (no episode says)", unknown.ToString());
    }

    [Fact]
    public void Batch_stats_read_well_as_text_and_html_in_invariant_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var stats = new[] { E(1.5, 10, true), E(2.5, 20, false) }.BatchStats();

            Assert.Equal(
                string.Join(Environment.NewLine, "2 episodes", "return: mean 2 ± 0.5 (std), min 1.5, max 2.5", "length: mean 15 ± 5 (std), min 10, max 20",
                    "success rate: 0.5 (1 of 2 episodes that say)"),
                stats.ToString());
            var html = stats.ToHtml();
            Assert.Contains("<div class=\"runlens-summary\">2 episodes; 1 of 2 succeeded</div>", html);
            Assert.Contains("<td>return</td><td class=\"num\">2</td><td class=\"num\">0.5</td><td class=\"num\">1.5</td><td class=\"num\">2.5</td>", html);
            Assert.Contains("<td>success rate</td><td class=\"num\">0.5</td>", html);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Per_update_statistics_group_by_update_and_roll_over_groups()
    {
        Episode[] episodes =
        [
            E(1, 10, true, update: 0), E(3, 30, false, update: 0),          // mean 2, length 20, success 0.5
            E(10, 100, null, update: 5, waypoints: 4),                        // mean 10, success unknown
            E(6, 60, true, update: 2),                                        // listed out of order: sorted by update
            E(99, 1),                                                         // no update: left out
        ];

        var stats = episodes.StatsPerUpdate(window: 2);

        Assert.Equal("update", stats.GroupedBy);
        Assert.Equal([0L, 2, 5], stats.Keys);
        Assert.Equal([2, 1, 1], stats.Episodes);
        Assert.Equal([2.0, 6, 10], stats.MeanReturn);
        Assert.Equal([20.0, 60, 100], stats.MeanLength);
        Assert.Equal([0.5, 1, double.NaN], stats.SuccessRate);
        Assert.Equal([2, 1, 0], stats.SuccessKnown);
        Assert.Equal([double.NaN, double.NaN, 4], stats.WaypointsPerEpisode);
        Assert.Equal([2.0, 4, 8], stats.RollingMeanReturn);           // 2; (2 + 6) / 2; (6 + 10) / 2
        Assert.Equal([20.0, 40, 80], stats.RollingMeanLength);
        Assert.Equal([0.5, 0.75, 1], stats.RollingSuccessRate);       // the NaN group is left out of its window
        Assert.Equal([double.NaN, double.NaN, 4], stats.RollingWaypointsPerEpisode);
        Assert.Equal(1, stats.LeftOut);
        Assert.Equal("4 episodes in 3 groups per update; rolling mean over 2 groups; 1 episode without an update left out", stats.Describe());
    }

    [Fact]
    public void Without_updates_episodes_are_grouped_by_training_step_buckets()
    {
        Episode[] episodes = [E(1, 1, step: 3), E(3, 1, step: 9), E(5, 1, step: 10), E(7, 1, step: 25), E(9, 1)];

        var stats = episodes.StatsPerUpdate(bucketSteps: 10);

        Assert.Equal("step", stats.GroupedBy);
        Assert.Equal(10, stats.BucketSteps);
        Assert.Equal([0L, 10, 20], stats.Keys);                      // buckets [0, 10), [10, 20), [20, 30)
        Assert.Equal([2.0, 5, 7], stats.MeanReturn);
        Assert.Equal(1, stats.LeftOut);
        Assert.Equal(stats.MeanReturn, stats.RollingMeanReturn);      // window 1: no rolling
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(49, 1)]        // steps 0..49: 50 buckets of 1
    [InlineData(50, 2)]        // 51 steps need width 2 (26 buckets)
    [InlineData(99, 2)]
    [InlineData(100, 4)]
    [InlineData(49_151, 1024)] // 49,152 steps / 1,024 = 48 buckets; 512 would make 96
    public void The_default_step_bucket_is_the_smallest_power_of_two_giving_at_most_50_buckets(long maxStep, long width)
    {
        Assert.Equal(width, EpisodeStats.DefaultBucket(maxStep));
    }

    [Fact]
    public void A_window_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new[] { E(1, 1, update: 0) }.StatsPerUpdate(window: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new[] { E(1, 1, step: 0) }.StatsPerUpdate(bucketSteps: 0));
    }
}
