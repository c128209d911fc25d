using System.Globalization;
using System.Text;
using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Mlflow;

/// <summary>The metric-line parser's one-pass path gives exactly what the general path (Python's float and int) gives.</summary>
public class MlflowMetricReaderTests
{
    private const string RunA = "aaaaaaaa000000000000000000000001";

    private static Run Load(TempDir dir, string lines)
    {
        dir.Write("mlruns/1/meta.yaml", "experiment_id: '1'\nlifecycle_stage: active\nname: exp\n");
        dir.Write($"mlruns/1/{RunA}/meta.yaml", $"experiment_id: '1'\nlifecycle_stage: active\nrun_id: {RunA}\nrun_name: run\nstatus: 3\n");
        dir.Write($"mlruns/1/{RunA}/metrics/m", lines);
        return Assert.Single(Runs.Load(dir.Path));
    }

    /// <summary>Increasing steps, of 18 digits from line 1001 on.</summary>
    private static long Step(int i) => i < 1000 ? i : 100_000_000_000_000_000L + i;

    [Fact]
    public void Values_timestamps_and_steps_parse_bit_for_bit_as_the_general_parser_reads_them()
    {
        string[] edges =
        [
            "0.1", "1e-05", "1.5e+20", "-0.0", "1.7976931348623157e+308", "5e-324", "2.2250738585072014e-308",
            "0.30000000000000004", "9007199254740993", "1E5", "+1.0", "1e400", "-1e400", ".5", "5.", "nan", "-inf",
            "123456789012345678901234567890.5", "4.9406564584124654e-324",
        ];
        var random = new Random(15);
        var values = edges.Concat(Enumerable.Range(0, 2000).Select(_ =>
            BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1.0")).ToList();
        var text = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            // Timestamps and steps of 18 digits (summed by hand) and of 19 (left to the general parser).
            var stamp = i % 3 == 0 ? "999999999999999999" : i % 3 == 1 ? "1234567890123456789" : "1700000000000";
            text.Append(CultureInfo.InvariantCulture, $"{stamp} {values[i]} {Step(i)}\n");
        }
        using var dir = new TempDir();
        var points = Load(dir, text.ToString()).Metric("m").Points;

        Assert.Equal(values.Count, points.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var expected = values[i] switch
            {
                "nan" => double.NaN,
                "-inf" => double.NegativeInfinity,
                _ => double.Parse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(points[i].Value), $"line {i + 1}: '{values[i]}' read as {points[i].Value:R}, expected {expected:R}");
            var stamp = i % 3 == 0 ? 999999999999999999L : i % 3 == 1 ? 1234567890123456789L : 1700000000000L;
            Assert.Equal(stamp / 1000.0, points[i].WallTime);
            Assert.Equal(Step(i), points[i].Step);
        }
    }

    [Fact]
    public void Lines_the_one_pass_path_refuses_are_still_read_or_reported_by_the_general_path()
    {
        using var dir = new TempDir();
        var run = Load(dir, "1700000000000 1.0 0\r\n 1700000000001 2.0 1\n1700000000002 3.0\n1700000000003 -4 -3\n1700000000004 1.0x 4\n1700000000005 6.0 5");
        // Points come sorted by step.
        Assert.Equal([(-3L, -4.0), (0, 1.0), (0, 3.0), (1, 2.0), (5, 6.0)], run.Metric("m").Points.Select(p => (p.Step, p.Value)));
        Assert.Equal(5L, Assert.Single(run.Scan().Issues).Line);
    }
}
