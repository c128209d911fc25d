using System.Globalization;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Writing;

public class PythonFloatTests(ITestOutputHelper output)
{
    // Expected strings are what CPython 3's repr() prints.
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(2.5, "2.5")]
    [InlineData(-0.125, "-0.125")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(0.000123, "0.000123")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.2345678901234568e17, "1.2345678901234568e+17")]
    [InlineData(1e100, "1e+100")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(0.9966334634874326, "0.9966334634874326")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Doubles_print_as_python_repr_prints_them(double value, string expected)
    {
        Assert.Equal(expected, PythonFloat.Repr(value));
    }

    [RealDataFact("mlflow")]
    public void Every_value_in_the_real_mlflow_metric_files_prints_back_to_the_same_text()
    {
        var folder = RealRuns.Folder("mlflow", output);

        var values = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}metrics{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(File.ReadLines).Select(line => line.Split(' ')[1]).ToList();
        Assert.NotEmpty(values);
        foreach (var text in values)
            Assert.Equal(text, PythonFloat.Repr(double.Parse(text, CultureInfo.InvariantCulture)));
    }
}
