namespace RunLens.Notebooks.Tests;

public class SmokeTests
{
    [Fact]
    public void The_kernel_formatter_loads_beside_the_runner()
    {
        var formatter = Type.GetType("Microsoft.DotNet.Interactive.Formatting.Formatter, Microsoft.DotNet.Interactive.Formatting");
        Assert.NotNull(formatter);
    }
}
