using RunLens.Samples.CartPole;

namespace RunLens.Samples.Tests.CartPole;

public class PortableMathTests
{
    private static IEnumerable<double> Grid(double from, double to, int count) =>
        Enumerable.Range(0, count + 1).Select(i => from + (to - from) * i / count);

    [Fact]
    public void Exp_agrees_with_the_platform_to_a_few_ulps()
    {
        foreach (var x in Grid(-700, 700, 20_011).Concat(Grid(-1, 1, 10_007)))
            Assert.Equal(1.0, PortableMath.Exp(x) / Math.Exp(x), 1e-15);
        Assert.Equal(1.0, PortableMath.Exp(0));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(710));
        Assert.Equal(0.0, PortableMath.Exp(-746));
    }

    [Fact]
    public void Log_agrees_with_the_platform_to_a_few_ulps()
    {
        foreach (var x in Grid(1e-6, 10, 20_011).Concat(Grid(0.5, 2, 10_007)).Concat([1e-310, 1e-300, 1e300]))
            Assert.Equal(Math.Log(x), PortableMath.Log(x), Math.Abs(Math.Log(x)) * 1e-15 + 1e-16);
        Assert.Equal(0.0, PortableMath.Log(1));
        Assert.True(double.IsNaN(PortableMath.Log(-1)));
    }

    [Fact]
    public void Tanh_agrees_with_the_platform_to_a_few_ulps_of_one()
    {
        foreach (var x in Grid(-30, 30, 30_011))
            Assert.Equal(Math.Tanh(x), PortableMath.Tanh(x), 1e-15);
    }

    [Fact]
    public void Sin_and_cos_agree_with_the_platform_to_a_few_ulps_of_one()
    {
        foreach (var x in Grid(-100, 100, 40_009).Concat(Grid(-0.3, 0.3, 10_007)))
        {
            Assert.Equal(Math.Sin(x), PortableMath.Sin(x), 1e-14);
            Assert.Equal(Math.Cos(x), PortableMath.Cos(x), 1e-14);
        }
        foreach (var x in Grid(-0.3, 0.3, 10_007))
            Assert.Equal(1.0, PortableMath.Sin(x) == 0 ? 1.0 : PortableMath.Sin(x) / Math.Sin(x), 1e-15);
    }
}
