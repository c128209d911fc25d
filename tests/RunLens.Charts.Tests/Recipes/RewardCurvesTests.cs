using System.Text.Json;
using RunLens.TestSupport;
using RunLens.Plotly;

namespace RunLens.ChartsTests.Recipes;

public class RewardCurvesTests
{
    [Theory]
    [InlineData("twema")]
    [InlineData("gaussian")]
    public void Smoothings_in_x_units_use_the_buckets_step_positions(string kind)
    {
        var smoothing = kind == "twema" ? Smoothing.TimeWeightedEma(0.6) : Smoothing.Gaussian(4);

        var figure = Charts.RewardCurves(Fixtures.SmallRewards(), 20, smoothing);

        var smoothed = figure.Data.OfType<ScatterTrace>().First(t => t.Name == "rewards.total");
        Assert.All(smoothed.Y, y => Assert.NotNull(y));
        Assert.Contains(smoothing.Describe(), figure.Layout.Title!.Subtitle!.Text);
    }

    [Fact]
    public void Small_reward_curves_match_the_approved_json()
    {
        Approvals.Verify(Charts.RewardCurves(Fixtures.SmallRewards(), 20).ToJson());
    }

    [Fact]
    public void Smoothed_small_reward_curves_match_the_approved_json_under_de_DE()
    {
        using var _ = new CultureScope("de-DE");

        Approvals.Verify(Charts.RewardCurves(Fixtures.SmallRewards(), 20, Smoothing.Ema(0.5), "Smoothed").ToJson());
    }

    [Fact]
    public void Sb3_logs_draw_their_episode_reward_mean_when_there_are_no_reward_fields()
    {
        // SB3's progress.csv and TensorBoard tags name the return rollout/ep_rew_mean: no "reward" in it.
        var fields = new[]
        {
            Fixtures.Curve("rollout/ep_len_mean", 4, Fixtures.Bucket(0, 4, 4, 40, 9, 11)),
            Fixtures.Curve("rollout/ep_rew_mean", 4, Fixtures.Bucket(0, 4, 4, 40, 9, 11)),
            Fixtures.Curve("train/loss", 4, Fixtures.Bucket(0, 4, 4, 2, 0.25, 1)),
        };

        var figure = Charts.RewardCurves(fields, 12);

        Assert.Equal(["rollout/ep_rew_mean"], figure.Data.OfType<ScatterTrace>().Select(t => t.Name).Where(n => !n!.EndsWith(" max", StringComparison.Ordinal) && !n.EndsWith(" min", StringComparison.Ordinal)).Distinct());
    }

    [Fact]
    public void The_total_comes_first_then_components_each_in_its_own_panel()
    {
        var figure = Charts.RewardCurves(Fixtures.SmallRewards(), 20);
        var means = figure.Data.OfType<ScatterTrace>().Where(t => t.Fill is null && !t.Name!.EndsWith(" max", StringComparison.Ordinal)).ToList();

        Assert.Equal(["rewards.total", "rewards.explore"], means.Select(t => t.Name));
        Assert.Equal(["y", "y2"], means.Select(t => t.YAxis));
        Assert.All(figure.Data, t => Assert.Equal("x", t.XAxis));
        Assert.Equal(2, figure.Layout.YAxes.Count);
        Assert.Single(figure.Layout.XAxes);
    }

    [Fact]
    public void The_line_is_the_exact_bucket_mean_and_the_band_its_min_and_max()
    {
        var traces = Charts.RewardCurves(Fixtures.SmallRewards(), 20).Data.OfType<ScatterTrace>().Take(3).ToList();

        Assert.Equal([1.5, 3, 31], traces[0].Y);            // max
        Assert.Equal([0.5, 1, 2], traces[1].Y);             // min, filled up to max
        Assert.Equal("tonexty", traces[1].Fill);
        Assert.Equal([1, 2, 10], traces[2].Y);              // sum / count: 4/4, 8/4, 40/4
        Assert.Equal([2, 6, 10], traces[0].X);              // the mean step of each bucket (1.5, 5.5, 9.5), rounded
    }

    [Fact]
    public void A_bucket_with_only_nan_is_a_gap()
    {
        var explore = Charts.RewardCurves(Fixtures.SmallRewards(), 20).Data.OfType<ScatterTrace>().Skip(3).Take(3).ToList();

        Assert.All(explore, t => Assert.Null(t.Y[1]));
    }

    [Fact]
    public void Smoothing_applies_to_the_exact_means_and_the_subtitle_says_so()
    {
        var figure = Charts.RewardCurves(Fixtures.SmallRewards(), 20, Smoothing.Ema(0.5));
        var total = figure.Data.OfType<ScatterTrace>().ElementAt(2);

        var expected = Smooth.Ema([1, 2, 10], 0.5);
        Assert.Equal(3, total.Y.Count);
        for (var i = 0; i < 3; i++)
            Assert.Equal(expected[i], total.Y[i]!.Value, 8);       // values are written to 9 significant digits
        Assert.Equal(
            "12 of 20 records shown as exact means of 3 step buckets (width 4 steps); band: min-max per bucket; smoothing: debiased EMA 0.5",
            figure.Layout.Title!.Subtitle!.Text);
    }

    [Fact]
    public void Without_rewards_fields_it_falls_back_to_fields_named_like_rewards()
    {
        FieldCurve[] fields = [Fixtures.Curve("loss", 4, Fixtures.Bucket(0, 4, 1, 1, 1, 1)), Fixtures.Curve("reward_mean", 4, Fixtures.Bucket(0, 4, 1, 2, 2, 2))];

        var figure = Charts.RewardCurves(fields, 1);

        Assert.Equal("reward_mean", figure.Data.Last().Name);
        Assert.Equal(3, figure.Data.Count);
    }

    [Fact]
    public void Without_any_reward_field_the_error_lists_the_fields_there_are()
    {
        FieldCurve[] fields = [Fixtures.Curve("loss", 4, Fixtures.Bucket(0, 4, 1, 1, 1, 1)), Fixtures.Curve("entropy", 4)];

        var error = Assert.Throws<ArgumentException>(() => Charts.RewardCurves(fields, 1));

        Assert.Contains("loss, entropy", error.Message);
        Assert.Contains("rewards.total", error.Message);
    }

    [Fact]
    public void More_than_1024_buckets_are_merged_exactly()
    {
        var buckets = Enumerable.Range(0, 2048).Select(i => Fixtures.Bucket(i * 2L, 2, 2, 2 * i, i - 1, i + 1)).ToArray();
        var figure = Charts.RewardCurves([Fixtures.Curve("rewards.total", 2, buckets)], 4096);
        var mean = figure.Data.OfType<ScatterTrace>().Last();
        var max = figure.Data.OfType<ScatterTrace>().First();

        Assert.Equal(1024, mean.Y.Count);
        Assert.Equal(0.5, mean.Y[0]);          // (0 + 2) / 4
        Assert.Equal(2048, max.Y[1023]);      // max of buckets 2046 and 2047: 2047 + 1
        Assert.Contains("of 1,024 step buckets (width 4 steps)", figure.Layout.Title!.Subtitle!.Text);
    }

    [Fact]
    public void Ten_million_points_with_a_spike_keep_the_spike_and_stay_under_a_megabyte()
    {
        const double spike = Fixtures.Spike;
        var fields = Fixtures.TenMillionPointRewards();

        var figure = Charts.RewardCurves(fields, 10_000_000, Smoothing.Ema());
        var html = figure.ToHtml(new HtmlOptions { PlotlyJs = PlotlyJsMode.None, FullDocument = true });
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "runlens-10m-size.txt"), html.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var maxEnvelope = figure.Data.OfType<ScatterTrace>().First(t => t.Name == "rewards.total max");
        Assert.Equal(spike, maxEnvelope.Y.Max());
        Assert.Contains("1234.5678", figure.ToJson());
        Assert.StartsWith("10,000,000 of 10,000,000 records shown as exact means of 1,024 step buckets (width 16,384 steps)", figure.Layout.Title!.Subtitle!.Text);
        Assert.True(html.Length < 1_000_000, $"The chart without plotly.js is {html.Length:N0} characters.");
        Assert.All(figure.Data.OfType<ScatterTrace>(), t => Assert.True(t.X.Count <= Charts.MaxPointsPerTrace));
    }

    [Fact]
    public void Recipe_json_parses_and_has_a_title_with_subtitle()
    {
        using var document = JsonDocument.Parse(Charts.RewardCurves(Fixtures.SmallRewards(), 20).ToJson());
        var title = document.RootElement.GetProperty("layout").GetProperty("title");

        Assert.Equal("Reward curves", title.GetProperty("text").GetString());
        Assert.StartsWith("12 of 20 records", title.GetProperty("subtitle").GetProperty("text").GetString());
    }
}
