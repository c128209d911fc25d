using System.Globalization;
using System.Text;
using RunLens.Formats.Json;

namespace RunLens.Tests.Loading;

public class FastNumberTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("12")]
    [InlineData("-7")]
    [InlineData("0.0003")]
    [InlineData("0.06")]
    [InlineData("123456789012345")]
    [InlineData("1.5e3")]
    [InlineData("2E-5")]
    [InlineData("-3.25e+2")]
    [InlineData("0.000000000000000000001")]
    public void Short_numbers_parse_exactly_as_the_general_parser_does(string text)
    {
        Assert.True(FastNumber.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("0.12345678901234567")]       // Python's repr of a float: 17 significant digits
    [InlineData("-0.0034502189771681282")]
    [InlineData("1024.4179810534492")]
    [InlineData("1e300")]
    [InlineData("4.9406564584124654e-324")]   // the least subnormal
    [InlineData("1.7976931348623157e308")]
    [InlineData("1234567890123456789")]       // 19 digits: the most the exact long path takes
    public void Long_numbers_of_up_to_19_digits_parse_exactly_as_the_general_parser_does(string text)
    {
        Assert.True(FastNumber.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("12345678901234567890")]      // 20 digits
    [InlineData("0.123456789012345678901")]
    [InlineData("1e400")]                      // beyond a double: the general parser judges it, as before
    [InlineData("-1.8e308")]
    public void Numbers_beyond_the_exact_paths_are_left_to_the_general_parser(string text) =>
        Assert.False(FastNumber.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void Random_short_decimals_round_trip()
    {
        var random = new Random(3);
        for (var i = 0; i < 100_000; i++)
        {
            var text = Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-8, 9)), random.Next(0, 12)).ToString("R", CultureInfo.InvariantCulture);
            if (FastNumber.TryParse(Encoding.ASCII.GetBytes(text), out var value))
                Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), value);
        }
    }

    [Theory]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("0.00000000001234")]
    [InlineData("-0.0000000000001")]
    [InlineData("99999999999999")]
    [InlineData("-99999999999999")]
    [InlineData("123456789012345")]
    [InlineData("1.5e3")]
    public void Tokens_of_up_to_15_bytes_match_the_general_parser_bit_for_bit(string text)
    {
        Assert.True(FastNumber.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Fact]
    public void Random_tokens_of_up_to_15_bytes_match_the_general_parser_bit_for_bit()
    {
        var random = new Random(5);
        for (var i = 0; i < 200_000; i++)
        {
            var whole = random.Next(0, 4) == 0 ? "0" : random.NextInt64(1, 10_000_000_000).ToString(CultureInfo.InvariantCulture);
            var fraction = new string(Enumerable.Range(0, random.Next(0, 14)).Select(_ => (char)('0' + random.Next(10))).ToArray());
            var text = (random.Next(2) == 0 ? "-" : "") + whole + (fraction.Length > 0 ? "." + fraction : "");
            if (text.Length > 15)
                continue;
            Assert.True(FastNumber.TryParse(Encoding.ASCII.GetBytes(text), out var value), text);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
        }
    }
}
