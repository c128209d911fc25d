using System.Globalization;
using System.Numerics;
using System.Text;
using RunLens.Formats.Numbers;

namespace RunLens.Tests.Formats;

/// <summary>The CSV number parser gives, bit for bit, what <see cref="double.Parse(string, IFormatProvider)"/> gives.</summary>
public class FastFloatTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static void AssertSameAsDotNet(string text)
    {
        var expected = double.Parse(text, NumberStyles.Float, Invariant);
        if (FastFloat.TryParse(Encoding.ASCII.GetBytes(text), out var actual))
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"'{text}': {actual:R} instead of {expected:R}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("1.682941969615793")]
    [InlineData("-11.999882478608441")]
    [InlineData("0.1")]
    [InlineData("0.30000000000000004")]
    [InlineData("9007199254740993")]
    [InlineData("9007199254740992.5")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("1.7976931348623159e308")]
    [InlineData("2.2250738585072011e-308")]
    [InlineData("2.2250738585072012e-308")]
    [InlineData("2.2250738585072014e-308")]
    [InlineData("4.9406564584124654e-324")]
    [InlineData("2.4703282292062327e-324")]
    [InlineData("2.4703282292062328e-324")]
    [InlineData("1e-400")]
    [InlineData("1e400")]
    [InlineData("-1e-5")]
    [InlineData("+2E+05")]
    [InlineData("1234567890123456789")]
    [InlineData("12345678901234567890")]
    [InlineData("0.000000000000000000000000000001")]
    [InlineData("7.038531e-26")]
    [InlineData("2e-05")]
    [InlineData("0.0000000000000000000001234567890123456789")]
    [InlineData("00000000000000000000001234567890123456789")]
    [InlineData("-000.00000000")]
    [InlineData("12345678.87654321")]
    [InlineData("9999999999999999999")]
    public void Edge_cases_parse_as_dotnet_parses_them(string text) => AssertSameAsDotNet(text);

    [Fact]
    public void Round_trip_prints_of_random_doubles_parse_back_exactly()
    {
        // Every finite double printed the ways Python and .NET print them (shortest round trip, 17 and 15 significant
        // digits, scientific), over the whole exponent range and around 1: a mismatch would fail at the first one.
        var random = new Random(2024);
        Span<byte> bits = stackalloc byte[8];
        for (var i = 0; i < 200_000; i++)
        {
            random.NextBytes(bits);
            var x = BitConverter.ToDouble(bits);
            if (!double.IsFinite(x))
                continue;
            var near = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9));
            foreach (var value in new[] { x, near })
            {
                AssertSameAsDotNet(value.ToString("R", Invariant));
                AssertSameAsDotNet(value.ToString("G17", Invariant));
                AssertSameAsDotNet(value.ToString("G15", Invariant));
                AssertSameAsDotNet(value.ToString("E16", Invariant));
            }
        }
    }

    [Fact]
    public void Random_digit_strings_with_exponents_parse_as_dotnet_parses_them()
    {
        // Decimal strings no printer would make: up to 19 digits anywhere around the point, exponents near the ends of
        // the range, halfway cases between doubles included by chance and on purpose below.
        var random = new Random(7);
        var text = new StringBuilder();
        for (var i = 0; i < 300_000; i++)
        {
            text.Clear();
            if (random.Next(2) == 0)
                text.Append('-');
            var digits = random.Next(1, 20);
            var point = random.Next(0, digits + 1);
            for (var d = 0; d < digits; d++)
            {
                if (d == point && d > 0)
                    text.Append('.');
                text.Append((char)('0' + random.Next(10)));
            }
            if (random.Next(3) > 0)
                text.Append('e').Append(random.Next(-345, 310).ToString(Invariant));
            AssertSameAsDotNet(text.ToString());
        }
    }

    [Fact]
    public void Exact_halfway_points_between_doubles_round_to_even()
    {
        // 2^53 + 1 and 2^53 + 3 lie halfway between neighbours: ties go to the even mantissa.
        foreach (var text in new[] { "9007199254740993", "9007199254740995", "9007199254740997", "18014398509481990", "18014398509481994" })
        {
            Assert.True(FastFloat.TryParse(Encoding.ASCII.GetBytes(text), out _), text);
            AssertSameAsDotNet(text);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1e12345")]
    [InlineData("nan")]
    [InlineData("0x10")]
    [InlineData("1,5")]
    [InlineData("12345678901234567890")]
    public void Other_shapes_are_left_to_the_general_parser(string text)
    {
        Assert.False(FastFloat.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void The_table_of_powers_of_five_holds_each_power_truncated_to_128_bits_as_fast_float_makes_it()
    {
        // fast_float's table_generation.py: 5^q shifted into [2^127, 2^128), and for q < 0 the reciprocal rounded up.
        var two128 = BigInteger.One << 128;
        var two127 = BigInteger.One << 127;
        var table = FastFloat.PowersOfFive;
        Assert.Equal(2 * (FastFloat.LargestPowerOfTen - FastFloat.SmallestPowerOfTen + 1), table.Length);
        for (var q = FastFloat.SmallestPowerOfTen; q <= FastFloat.LargestPowerOfTen; q++)
        {
            BigInteger c;
            if (q < 0)
            {
                var power5 = BigInteger.Pow(5, -q);
                var z = (int)power5.GetBitLength();
                var b = q >= -27 ? z + 127 : 2 * z + 128;
                c = (BigInteger.One << b) / power5 + 1;
                while (c >= two128)
                    c >>= 1;
            }
            else
            {
                c = BigInteger.Pow(5, q);
                while (c < two127)
                    c <<= 1;
                while (c >= two128)
                    c >>= 1;
            }
            var at = 2 * (q - FastFloat.SmallestPowerOfTen);
            Assert.True((ulong)(c >> 64) == table[at] && (ulong)(c & ulong.MaxValue) == table[at + 1], $"5^{q}");
        }
    }
}
