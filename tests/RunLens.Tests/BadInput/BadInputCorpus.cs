using System.IO.Compression;
using System.Text;

namespace RunLens.Tests.BadInput;

/// <summary>Small helpers of the bad-input corpus: load a folder through the public API, gzip, join lines.</summary>
internal static class BadInputCorpus
{
    /// <summary>Loads the folder and returns its single run with the issues of the listing (run and folder issues).</summary>
    public static (Run Run, IReadOnlyList<LoadIssue> Issues) LoadSingle(string folder)
    {
        var runs = Runs.Load(folder);
        var run = Assert.Single(runs);
        return (run, runs.Describe().AllIssues.ToList());
    }

    /// <summary>(step, value) of a metric, in order.</summary>
    public static List<(long Step, double Value)> Points(Run run, string metric) =>
        [.. run.Metric(metric).Points.Select(p => (p.Step, p.Value))];

    /// <summary>JSON lines of <c>{"step": i, "loss": i / 2}</c> for i in [0, count).</summary>
    public static string LossLines(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => FormattableString.Invariant($"{{\"step\": {i}, \"loss\": {i * 0.5}}}\n")));

    public static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
            gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    /// <summary>What a gzip prefix decompresses to before it runs out (what any reader can recover from it).</summary>
    public static string Recoverable(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        var output = new MemoryStream();
        var buffer = new byte[1];
        try
        {
            while (input.Read(buffer) == 1)
                output.WriteByte(buffer[0]);
        }
        catch (InvalidDataException)
        {
        }
        catch (EndOfStreamException)
        {
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
