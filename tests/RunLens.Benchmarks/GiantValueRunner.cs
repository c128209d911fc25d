using System.Globalization;
using System.IO.Compression;
using System.Text;
using RunLens.Samples;

namespace RunLens.Benchmarks;

/// <summary>
/// <c>giant [--size 200MB] [--records 100000] [--data DIR]</c>: issue 17's memory bound. For each JSON shape (JSON
/// lines, a JSON array, gzip JSON lines) it writes a run of small records, and the same run with one record holding a
/// string of <c>--size</c> in the middle, scans each in its own child and compares: every record counted and peak
/// RSS within 50 MB of the scan without the giant value. Exit code 0 when every shape meets both, 2 otherwise.
/// </summary>
internal static class GiantValueRunner
{
    private const long AllowedExtraBytes = 50_000_000;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private enum Shape { JsonLines, JsonArray, GzipJsonLines }

    public static int Run(Arguments args)
    {
        var size = ByteSize.Parse(args.Text("--size") ?? "200MB");
        var records = args.Int("--records", 100_000);
        var root = Path.Combine(args.Text("--data") ?? ScanRunner.DefaultRoot, "giant");
        var worst = 0;
        var rows = new List<string>();
        foreach (var shape in Enum.GetValues<Shape>())
        {
            var plain = Write(Path.Combine(root, shape + "-plain"), shape, records, giantBytes: 0);
            var giant = Write(Path.Combine(root, shape + "-giant"), shape, records, size);
            QuietMachine.Wait();
            var (plainExit, plainResult) = ScanRunner.RunChild(plain, threads: 0);
            QuietMachine.Wait();
            var (giantExit, giantResult) = ScanRunner.RunChild(giant, threads: 0);
            using (plainResult)
            using (giantResult)
            {
                if (plainResult is null || giantResult is null || plainExit != 0 || giantExit != 0)
                {
                    Console.Error.WriteLine($"{shape}: a child exited with codes {plainExit} and {giantExit} without a result.");
                    return 1;
                }
                var p = plainResult.RootElement;
                var g = giantResult.RootElement;
                var (pr, gr) = (p.GetProperty("records").GetInt64(), g.GetProperty("records").GetInt64());
                var (pm, gm) = (p.GetProperty("peak_rss_bytes").GetInt64(), g.GetProperty("peak_rss_bytes").GetInt64());
                var ok = pr == records && gr == records + 1 && gm - pm <= AllowedExtraBytes;
                worst = ok ? worst : 2;
                rows.Add(string.Create(Invariant,
                    $"| {shape} | {pr:N0} | {gr:N0} | {pm / 1e6:0} MB | {gm / 1e6:0} MB | {(gm - pm) / 1e6:+0;-0} MB | {p.GetProperty("cpu_seconds").GetDouble():0.00} / {g.GetProperty("cpu_seconds").GetDouble():0.00} | {(ok ? "ok" : "FAIL")} |"));
            }
        }
        Console.WriteLine(string.Create(Invariant, $"one record with a string of {ByteSize.Format(size)} among {records:N0} records (limit: +{AllowedExtraBytes / 1e6:0} MB peak RSS, every record counted)"));
        Console.WriteLine("| shape | records without | records with | peak RSS without | peak RSS with | difference | CPU-s without / with | |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
            Console.WriteLine(row);
        return worst;
    }

    /// <summary>Writes one run folder with a single log file; returns the folder.</summary>
    private static string Write(string dir, Shape shape, int records, long giantBytes)
    {
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        var name = shape switch { Shape.JsonArray => "log.json", Shape.GzipJsonLines => "log.jsonl.gz", _ => "log.jsonl" };
        using var file = File.Create(Path.Combine(dir, name));
        using Stream output = shape == Shape.GzipJsonLines ? new GZipStream(file, CompressionLevel.Fastest) : file;
        var array = shape == Shape.JsonArray;
        if (array)
            output.Write("[\n"u8);
        for (var i = 0; i < records; i++)
        {
            if (i > 0 && array)
                output.Write(",\n"u8);
            if (giantBytes > 0 && i == records / 2)
            {
                WriteGiant(output, i, giantBytes);
                output.Write(array ? ",\n"u8 : "\n"u8);
            }
            // Benchmark input written as bytes, not product JSON.
            output.Write(Encoding.ASCII.GetBytes(string.Create(Invariant,
                $"{{\"step\":{i},\"x\":{i % 17},\"y\":{i % 13},\"map\":{i % 3},\"rewards\":{{\"total\":{i * 0.5:R},\"explore\":{i % 7}}},\"loss\":{1.0 / (i + 1):R}}}")));
            if (!array)
                output.Write("\n"u8);
        }
        if (array)
            output.Write("\n]\n"u8);
        return dir;
    }

    /// <summary>A record whose "note" is a string of <paramref name="bytes"/> (letters with an escaped quote every KB), with numbers on both sides.</summary>
    private static void WriteGiant(Stream output, int step, long bytes)
    {
        output.Write(Encoding.ASCII.GetBytes(string.Create(Invariant, $"{{\"step\":{step},\"loss\":0.25,\"note\":\"")));
        var chunk = new byte[1 << 20];
        for (var i = 0; i < chunk.Length; i++)
            chunk[i] = (byte)('a' + i % 26);
        for (var i = 1022; i < chunk.Length; i += 1024)
            (chunk[i], chunk[i + 1]) = ((byte)'\\', (byte)'"');
        for (var left = bytes; left > 0; left -= chunk.Length)
            output.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
        output.Write("\",\"rewards\":{\"total\":1}}"u8);
    }
}
