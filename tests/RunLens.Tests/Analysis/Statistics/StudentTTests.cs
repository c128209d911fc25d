namespace RunLens.Tests.Analysis.Statistics;

public class StudentTTests
{
    // Two-sided 95% critical values t_(0.975, df) from published t tables (NIST/SEMATECH e-Handbook 1.3.6.7.2, and
    // R's qt(0.975, df) printed with 10 digits, which agrees with the table to its shown digits).
    [Theory]
    [InlineData(1, 12.706204736)]
    [InlineData(2, 4.302652730)]
    [InlineData(4, 2.776445105)]
    [InlineData(9, 2.262157163)]
    [InlineData(29, 2.045229642)]
    [InlineData(1000, 1.962339081)]
    public void Quantile_at_0_975_matches_the_t_table(double df, double expected)
    {
        Assert.Equal(expected, StudentT.Quantile(0.975, df), 1e-8);
    }

    // Independent closed forms (no iteration): df 1 is the Cauchy distribution, t = tan(pi (p - 1/2));
    // df 2 has t = (2p - 1) / sqrt(2 p (1 - p)); df 4 has t = 2 sqrt(q - 1) with
    // q = cos(acos(sqrt(a)) / 3) / sqrt(a), a = 4 p (1 - p) (Shaw 2006, "Sampling Student's T distribution").
    [Theory]
    [InlineData(0.5000001)]
    [InlineData(0.6)]
    [InlineData(0.9)]
    [InlineData(0.975)]
    [InlineData(0.995)]
    [InlineData(0.9999)]
    public void Quantile_matches_the_closed_forms_for_one_two_and_four_degrees_of_freedom(double p)
    {
        var cauchy = Math.Tan(Math.PI * (p - 0.5));
        Assert.Equal(cauchy, StudentT.Quantile(p, 1), 1e-10 * Math.Max(1, cauchy));
        var two = (2 * p - 1) / Math.Sqrt(2 * p * (1 - p));
        Assert.Equal(two, StudentT.Quantile(p, 2), 1e-10 * Math.Max(1, two));
        var a = 4 * p * (1 - p);
        var q = Math.Cos(Math.Acos(Math.Sqrt(a)) / 3) / Math.Sqrt(a);
        var four = 2 * Math.Sqrt(q - 1);
        Assert.Equal(four, StudentT.Quantile(p, 4), 1e-9 * Math.Max(1, four));
    }

    // High-precision references: mpmath 1.3 (the pyenv python3, not /usr/bin/python3) at 40 digits, solving
    // 0.5 * betainc(df/2, 1/2, 0, df/(df+t^2), regularized=True) = 1 - p with findroot.
    [Theory]
    [InlineData(3, 0.999, 10.21453185240738655)]
    [InlineData(7.5, 0.9, 1.4052118464159529237)]
    [InlineData(50, 0.995, 2.6777932709408442492)]
    [InlineData(1e5, 0.975, 1.9599877075346096386)]
    [InlineData(1e7, 0.975, 1.9599642217672054904)]
    [InlineData(1e7, 0.9999999, 5.1993412260352591484)]
    public void Quantile_matches_high_precision_references_to_1e_10(double df, double p, double expected)
    {
        Assert.Equal(expected, StudentT.Quantile(p, df), 1e-10);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17.5)]
    [InlineData(1e6)]
    public void Quantile_is_antisymmetric_and_increasing_in_p(double df)
    {
        var previous = double.NegativeInfinity;
        for (var i = 1; i < 200; i++)
        {
            var p = i / 200.0;
            var t = StudentT.Quantile(p, df);
            Assert.True(t > previous, $"df {df}: Quantile({p}) = {t} is not above {previous}");
            Assert.Equal(-t, StudentT.Quantile(1 - p, df), 1e-12 * Math.Max(1, Math.Abs(t)));
            previous = t;
        }
        Assert.Equal(0, StudentT.Quantile(0.5, df));
    }

    [Fact]
    public void Quantile_decreases_towards_the_normal_quantile_as_degrees_of_freedom_grow()
    {
        // 1.959963984540054 = the normal 0.975 quantile (Python: statistics.NormalDist().inv_cdf(0.975)).
        var previous = double.PositiveInfinity;
        foreach (var df in new[] { 1.0, 2, 5, 10, 100, 1e4, 1e8 })
        {
            var t = StudentT.Quantile(0.975, df);
            Assert.True(t < previous);
            Assert.True(t > 1.959963984540054);
            previous = t;
        }
        Assert.Equal(1.959963984540054, StudentT.Quantile(0.975, 1e8), 1e-7);
    }

    [Fact]
    public void Quantile_of_0_and_1_is_infinite_and_bad_arguments_are_refused()
    {
        Assert.Equal(double.PositiveInfinity, StudentT.Quantile(1, 3));
        Assert.Equal(double.NegativeInfinity, StudentT.Quantile(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(1.5, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(double.NaN, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(0.9, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(0.9, double.PositiveInfinity));
    }

    [Theory]
    [InlineData(0.05, 0.3)]
    [InlineData(0.5, 1e-12)]
    [InlineData(1, 1e-100)]
    [InlineData(3, 1e-12)]
    [InlineData(30, 0.4999999)]
    [InlineData(1e9, 0.025)]
    public void Extreme_arguments_give_a_finite_quantile_whose_tail_is_the_probability(double df, double p)
    {
        var t = StudentT.Quantile(p, df);
        Assert.True(double.IsFinite(t) && t < 0);
        Assert.Equal(p, StudentT.UpperTail(-t, df), p * 1e-9);
    }

    [Fact]
    public void Mean_interval_of_one_two_three_is_two_plus_minus_t_times_one_over_root_three()
    {
        // mean 2, sample sd sqrt(((1-2)^2 + 0 + (3-2)^2) / 2) = 1, t_(0.975, 2) = 4.302652730 (table).
        var ci = StudentT.MeanInterval([1.0, 2.0, 3.0]);
        var half = 4.302652730 / Math.Sqrt(3);
        Assert.Equal(2, ci.Estimate, 1e-15);
        Assert.Equal(2 - half, ci.Lower, 1e-8);
        Assert.Equal(2 + half, ci.Upper, 1e-8);
        Assert.Equal("student-t 95%", ci.Method);
    }

    [Fact]
    public void Mean_interval_of_fewer_than_two_values_has_no_bounds()
    {
        var one = StudentT.MeanInterval([4.0]);
        Assert.Equal(4, one.Estimate);
        Assert.True(double.IsNaN(one.Lower) && double.IsNaN(one.Upper));
        Assert.True(double.IsNaN(StudentT.MeanInterval([]).Estimate));
    }

    [Fact]
    public void Mean_interval_names_other_confidence_levels_and_refuses_nan()
    {
        // t_(0.95, 3) = 2.353363435 (t table, one-sided 0.05); sd of [0, 2, 4, 6] = sqrt(20 / 3).
        var ci = StudentT.MeanInterval([0.0, 2, 4, 6], 0.9);
        Assert.Equal("student-t 90%", ci.Method);
        Assert.Equal(3 + 2.353363435 * Math.Sqrt(20.0 / 3) / 2, ci.Upper, 1e-8);
        var error = Assert.Throws<ArgumentException>(() => StudentT.MeanInterval([1.0, double.NaN]));
        Assert.Contains("Value 1 is NaN", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.MeanInterval([1.0, 2], 1));
    }
}
