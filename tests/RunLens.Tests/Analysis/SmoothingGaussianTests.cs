namespace RunLens.Tests.Analysis;

public class SmoothingGaussianTests
{
    [Fact]
    public void Three_points_match_the_hand_computed_kernel_weights()
    {
        // sigma 1: neighbours at distance 1 weigh e^-0.5, at distance 2 weigh e^-2 (both within 3 sigma).
        // out0 = (0 + 3e^-0.5 + 6e^-2) / (1 + e^-0.5 + e^-2), out1 = (3 + 0e^-0.5 + 6e^-0.5) / (1 + 2e^-0.5) = 3,
        // out2 = (6 + 3e^-0.5 + 0) / (1 + e^-0.5 + e^-2). From /usr/bin/python3: 1.5107957585426282 and 4.489204241457372.
        var smoothed = Smooth.Gaussian([0, 1, 2], [0, 3, 6], 1);

        double e1 = Math.Exp(-0.5), e2 = Math.Exp(-2);
        Assert.Equal((3 * e1 + 6 * e2) / (1 + e1 + e2), smoothed[0], 12);
        Assert.Equal(3, smoothed[1], 12);
        Assert.Equal((6 + 3 * e1) / (1 + e1 + e2), smoothed[2], 12);
        Assert.Equal(1.5107957585426282, smoothed[0], 12);
        Assert.Equal(4.489204241457372, smoothed[2], 12);
    }

    [Fact]
    public void Points_beyond_three_sigma_are_left_out()
    {
        // x = 3.5 is 3.5 sigma from x = 0 and 2.5 sigma from x = 1.
        var smoothed = Smooth.Gaussian([0, 1, 3.5], [0, 3, 100], 1);

        var e1 = Math.Exp(-0.5);
        Assert.Equal(3 * e1 / (1 + e1), smoothed[0], 12);
        var k = Math.Exp(-2.5 * 2.5 / 2);
        Assert.Equal((3 + 0 * e1 + 100 * k) / (1 + e1 + k), smoothed[1], 12);
    }

    [Fact]
    public void Symmetric_input_gives_a_symmetric_curve()
    {
        // Uneven spacing, mirrored about x = 50, with mirrored values.
        var random = new Random(3);
        var half = Enumerable.Range(0, 40).Select(_ => random.NextDouble() * 50).Order().ToArray();
        var x = half.Concat(half.Reverse().Select(v => 100 - v)).ToArray();
        var halfY = half.Select(_ => random.NextDouble()).ToArray();
        var y = halfY.Concat(halfY.Reverse()).ToArray();

        var smoothed = Smooth.Gaussian(x, y, 4);

        for (var i = 0; i < x.Length; i++)
            Assert.Equal(smoothed[i], smoothed[x.Length - 1 - i], 12);
    }

    [Fact]
    public void Nan_passes_through_and_is_left_out_of_its_neighbours()
    {
        var smoothed = Smooth.Gaussian([0, 1, 2], [2, double.NaN, 4], 0.5);

        Assert.True(double.IsNaN(smoothed[1]));
        // Distance 2 is 4 sigma: each finite point is alone in its window.
        Assert.Equal(2, smoothed[0]);
        Assert.Equal(4, smoothed[2]);
    }

    [Fact]
    public void A_constant_series_stays_exactly_constant()
    {
        var x = Enumerable.Range(0, 200).Select(i => i * 0.37).ToArray();
        var y = Enumerable.Repeat(0.1, 200).ToArray();

        Assert.Equal(y, Smooth.Gaussian(x, y, 5));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Sigma_must_be_positive_and_finite(double sigma)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Smoothing.Gaussian(sigma));

        Assert.Contains("greater than 0", error.Message);
    }

    [Fact]
    public void Non_finite_x_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Smooth.Gaussian([0, double.NaN], [1, 2], 1));

        Assert.Contains("x[1] is NaN", error.Message);
    }
}
