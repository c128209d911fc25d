
namespace RunLens.Samples.Tests;

public class ByteSizeTests
{
    [Theory]
    [InlineData("200MB", 200_000_000)]
    [InlineData("2GB", 2_000_000_000)]
    [InlineData("0.2GB", 200_000_000)]
    [InlineData(" 1.5 gb ", 1_500_000_000)]
    [InlineData("512KB", 512_000)]
    [InlineData("4096", 4096)]
    public void Sizes_parse_in_decimal_units(string text, long bytes) => Assert.Equal(bytes, ByteSize.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("GB")]
    [InlineData("-1GB")]
    [InlineData("2,5GB")]
    [InlineData("lots")]
    public void Bad_sizes_say_how_to_write_one(string text) =>
        Assert.Contains("for example 200MB", Assert.Throws<FormatException>(() => ByteSize.Parse(text)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(2_000_000_000, "2GB")]
    [InlineData(200_000_000, "200MB")]
    [InlineData(1_500_000_000, "1.5GB")]
    [InlineData(12, "12B")]
    public void Sizes_format_in_the_largest_readable_unit(long bytes, string text) => Assert.Equal(text, ByteSize.Format(bytes));
}
