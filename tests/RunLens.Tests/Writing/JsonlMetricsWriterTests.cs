using System.IO.Compression;
using System.Text;
using System.Text.Json;
using RunLens.TestSupport;

namespace RunLens.Tests.Writing;

public class JsonlMetricsWriterTests
{
    private static readonly KeyValuePair<string, double>[] Metrics =
    [
        new("reward_mean", 0.4), new("reward_std", 0.1), new("episode_length_mean", 812.5),
        new("policy_loss", 0.01), new("value_loss", 0.2), new("entropy", 1.2),
    ];

    [Fact]
    public void Each_line_has_timestamp_step_and_metrics()
    {
        using var bytes = new MemoryStream();
        using (var log = new JsonlMetricsWriter(bytes, leaveOpen: true))
        {
            log.Write(2048, 1753535234.5, Metrics);
            log.Write(4096, 1753535240.25, Metrics);
            Assert.Equal(2, log.Lines);
            Assert.Equal(bytes.Length, log.BytesWritten);
        }
        var lines = Encoding.UTF8.GetString(bytes.ToArray()).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("", lines[2]);
        using var doc = JsonDocument.Parse(lines[0]);
        Assert.Equal(["timestamp", "step", "metrics"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1753535234.5, doc.RootElement.GetProperty("timestamp").GetDouble());
        Assert.Equal(2048, doc.RootElement.GetProperty("step").GetInt64());
        Assert.Equal(Metrics.Select(m => m.Key), doc.RootElement.GetProperty("metrics").EnumerateObject().Select(p => p.Name));
        Assert.Equal(812.5, doc.RootElement.GetProperty("metrics").GetProperty("episode_length_mean").GetDouble());
    }

    [Fact]
    public void A_refused_line_writes_nothing()
    {
        using var bytes = new MemoryStream();
        using (var log = new JsonlMetricsWriter(bytes, leaveOpen: true))
        {
            log.Write(1, 1.5, Metrics);
            var error = Assert.Throws<ArgumentException>(() => log.Write(2, 2.5, [new("reward_mean", 1), new("value_loss", double.NaN)]));
            Assert.Contains("metrics.value_loss", error.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => log.Write(3, double.NaN, Metrics));
            log.Write(4, 4.5, Metrics);
        }
        var lines = Encoding.UTF8.GetString(bytes.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([1L, 4L], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("step").GetInt64()));
    }

    [Fact]
    public void Python_literals_are_written_when_asked()
    {
        using var bytes = new MemoryStream();
        using (var log = new JsonlMetricsWriter(bytes, NonFiniteHandling.PythonLiterals, leaveOpen: true))
            log.Write(1, 1.5, [new("a", double.NaN), new("b", double.PositiveInfinity), new("c", double.NegativeInfinity)]);
        Assert.Equal("{\"timestamp\":1.5,\"step\":1,\"metrics\":{\"a\":NaN,\"b\":Infinity,\"c\":-Infinity}}\n",
            Encoding.UTF8.GetString(bytes.ToArray()));
    }

    [Fact]
    public void Appending_to_a_gz_file_adds_a_member_that_reads_as_one_stream()
    {
        using var dir = new TempDir();
        var path = dir.File("batch_metrics.jsonl.gz");
        using (var log = JsonlMetricsWriter.Create(path))
            log.Write(1, 1.5, Metrics);
        using (var log = JsonlMetricsWriter.Create(path))
            log.Write(2, 2.5, Metrics);
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([1L, 2L], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("step").GetInt64()));
    }
}
