using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using RunLens.TestSupport;

namespace RunLens.Tests.Writing;

public class JsonLogWriterTests
{
    private static readonly GameStepRecord Sample =
        new(12, 3, 19, 9, 40, new RewardComponents(0.005, 0.0003, 0, 0, 0.05, 0, 0), 2, 0.8);

    private static byte[] WriteAll(RecordLayout layout, NonFiniteHandling nonFinite, params GameStepRecord[] records)
    {
        using var bytes = new MemoryStream();
        using (var log = new JsonLogWriter(bytes, layout, nonFinite, leaveOpen: true))
        {
            foreach (var record in records)
                log.Write(record);
        }
        return bytes.ToArray();
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [Fact]
    public void Nested_layout_has_the_documented_shape()
    {
        using var doc = JsonDocument.Parse(WriteAll(RecordLayout.Nested, NonFiniteHandling.Throw, Sample));
        var record = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        Assert.Equal(["step", "env", "position", "rewards", "info"], record.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["x", "y", "map"], record.GetProperty("position").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["total", "event", "level", "heal", "badge", "explore", "dead", "stuck"],
            record.GetProperty("rewards").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["action", "hp"], record.GetProperty("info").EnumerateObject().Select(p => p.Name));
        Assert.Equal(12, record.GetProperty("step").GetInt64());
        Assert.Equal(3, record.GetProperty("env").GetInt32());
        Assert.Equal(40, record.GetProperty("position").GetProperty("map").GetInt32());
        Assert.Equal(0.8, record.GetProperty("info").GetProperty("hp").GetDouble());
    }

    [Fact]
    public void Flat_layout_has_the_documented_shape()
    {
        using var doc = JsonDocument.Parse(WriteAll(RecordLayout.Flat, NonFiniteHandling.Throw, Sample));
        var record = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        Assert.Equal(["step", "env_id", "x", "y", "map", "total", "event", "level", "heal", "badge", "explore", "dead", "stuck"],
            record.EnumerateObject().Select(p => p.Name));
        Assert.All(record.EnumerateObject(), p => Assert.Equal(JsonValueKind.Number, p.Value.ValueKind));
    }

    [Fact]
    public void Flat_and_nested_carry_identical_numbers()
    {
        var records = Enumerable.Range(0, 50).Select(i => new GameStepRecord(
            i * 7L, i % 4, i % 13, i % 11, i % 3 == 0 ? 40 : 1,
            new RewardComponents(i * 0.005, i * 0.0003, 0.1 / (i + 1), i % 5 == 0 ? 1 : 0, 0.05 * i / 3, i % 9 == 0 ? -1 : 0, -0.01 * (i % 2)),
            i % 7, 1.0 / (i + 3))).ToArray();
        using var flat = JsonDocument.Parse(WriteAll(RecordLayout.Flat, NonFiniteHandling.Throw, records));
        using var nested = JsonDocument.Parse(WriteAll(RecordLayout.Nested, NonFiniteHandling.Throw, records));
        var pairs = flat.RootElement.EnumerateArray().Zip(nested.RootElement.EnumerateArray()).ToList();
        Assert.Equal(records.Length, pairs.Count);
        foreach (var (f, n) in pairs)
        {
            Assert.Equal(f.GetProperty("step").GetRawText(), n.GetProperty("step").GetRawText());
            Assert.Equal(f.GetProperty("env_id").GetRawText(), n.GetProperty("env").GetRawText());
            foreach (var name in new[] { "x", "y", "map" })
                Assert.Equal(f.GetProperty(name).GetRawText(), n.GetProperty("position").GetProperty(name).GetRawText());
            foreach (var name in new[] { "total", "event", "level", "heal", "badge", "explore", "dead", "stuck" })
                Assert.Equal(f.GetProperty(name).GetRawText(), n.GetProperty("rewards").GetProperty(name).GetRawText());
        }
    }

    [Theory]
    [InlineData(0.1 + 0.2)]
    [InlineData(1.0 / 3)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(-1e-300)]
    [InlineData(123456789.123456789)]
    public void Numbers_round_trip_to_the_same_bits(double value)
    {
        var record = Sample with { Hp = value, Rewards = Sample.Rewards with { Explore = value, Event = 0, Level = 0 } };
        using var doc = JsonDocument.Parse(WriteAll(RecordLayout.Nested, NonFiniteHandling.Throw, record));
        var written = doc.RootElement[0];
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(written.GetProperty("info").GetProperty("hp").GetDouble()));
        Assert.Equal(BitConverter.DoubleToInt64Bits(record.Rewards.Total),
            BitConverter.DoubleToInt64Bits(written.GetProperty("rewards").GetProperty("total").GetDouble()));
    }

    [Fact]
    public void Total_is_the_sum_of_the_components()
    {
        using var doc = JsonDocument.Parse(WriteAll(RecordLayout.Flat, NonFiniteHandling.Throw, Sample));
        Assert.Equal(0.005 + 0.0003 + 0 + 0 + 0.05 + 0 + 0, doc.RootElement[0].GetProperty("total").GetDouble());
    }

    [Fact]
    public void Numbers_are_invariant_under_a_comma_decimal_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var text = Text(WriteAll(RecordLayout.Flat, NonFiniteHandling.Throw, Sample));
            Assert.Contains("\"explore\":0.05", text, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Non_finite_numbers_are_refused_by_default_and_leave_the_log_valid()
    {
        using var bytes = new MemoryStream();
        using (var log = new JsonLogWriter(bytes, RecordLayout.Nested, leaveOpen: true))
        {
            log.Write(Sample);
            var bad = Sample with { Rewards = Sample.Rewards with { Explore = double.NaN } };
            var error = Assert.Throws<ArgumentException>(() => log.Write(bad));
            Assert.Contains("rewards.explore", error.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => log.Write(Sample with { Hp = double.PositiveInfinity }));
            Assert.Equal(1, log.Records);
        }
        using var doc = JsonDocument.Parse(bytes.ToArray());
        Assert.Equal(1, doc.RootElement.GetArrayLength());
    }

    [Fact]
    public void Non_finite_numbers_become_bare_Python_tokens_when_asked()
    {
        var record = Sample with
        {
            Rewards = Sample.Rewards with { Explore = double.NaN, Stuck = double.NegativeInfinity },
            Hp = double.PositiveInfinity,
        };
        var text = Text(WriteAll(RecordLayout.Nested, NonFiniteHandling.PythonLiterals, record));
        Assert.Contains("\"explore\":NaN", text, StringComparison.Ordinal);
        Assert.Contains("\"stuck\":-Infinity", text, StringComparison.Ordinal);
        Assert.Contains("\"hp\":Infinity", text, StringComparison.Ordinal);
        Assert.Contains("\"total\":NaN", text, StringComparison.Ordinal);
        // With the tokens swapped for numbers the rest is strict JSON.
        var strict = text.Replace("-Infinity", "-1", StringComparison.Ordinal).Replace("Infinity", "1", StringComparison.Ordinal)
            .Replace("NaN", "0", StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(strict);
        Assert.Equal(1, doc.RootElement.GetArrayLength());
    }

    [Fact]
    public void An_empty_log_is_an_empty_array()
    {
        Assert.Equal("[]", Text(WriteAll(RecordLayout.Flat, NonFiniteHandling.Throw)));
    }

    [Fact]
    public void Bytes_written_marks_record_boundaries()
    {
        using var bytes = new MemoryStream();
        long afterFirst;
        using (var log = new JsonLogWriter(bytes, RecordLayout.Flat, leaveOpen: true))
        {
            log.Write(Sample);
            afterFirst = log.BytesWritten;
            log.Write(Sample with { Step = 13 });
        }
        var text = Text(bytes.ToArray());
        Assert.Equal('}', text[(int)afterFirst - 1]);
        Assert.Equal(",{", text.Substring((int)afterFirst, 2));
    }

    [Fact]
    public void A_gz_path_writes_a_gzip_file()
    {
        using var dir = new TempDir();
        var path = dir.File("json_logs/0_0000.json.gz");
        using (var log = JsonLogWriter.Create(path, RecordLayout.Flat))
            log.Write(Sample);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(gzip);
        Assert.Equal(12, doc.RootElement[0].GetProperty("step").GetInt64());
    }

    [Fact]
    public void An_undisposed_writer_leaves_a_truncated_file_like_a_killed_run()
    {
        using var bytes = new MemoryStream();
        var log = new JsonLogWriter(bytes, RecordLayout.Flat, leaveOpen: true);
        log.Write(Sample);
        log.Flush();
        Assert.StartsWith("[{", Text(bytes.ToArray()), StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(bytes.ToArray()));
    }
}
