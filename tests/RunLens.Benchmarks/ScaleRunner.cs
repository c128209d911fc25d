using System.Globalization;
using RunLens.Samples;

namespace RunLens.Benchmarks;

/// <summary>
/// <c>scale</c>: the same data shape (many positions) at growing sizes, 0.2, 2 and 20 GB by default, each scanned in
/// its own child next to its tokenising ceiling, then one table of throughput and peak memory per size. Memory must
/// not grow with the size: the summaries are bounded and visit counts are held compactly.
/// </summary>
internal static class ScaleRunner
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(Arguments args)
    {
        var sizes = (args.Text("--sizes") ?? "0.2GB,2GB,20GB").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ByteSize.Parse).ToArray();
        var fileSize = ByteSize.Parse(args.Text("--file-size") ?? "50MB");
        var threads = args.Int("--threads", 0);
        var root = args.Text("--data") ?? ScanRunner.DefaultRoot;
        var rows = new List<string>();
        var worst = 0;
        foreach (var size in sizes)
        {
            var data = ManyPositions.Prepare(root, size, fileSize, args.Text("--layout") ?? "mixed");
            Console.WriteLine(string.Create(Invariant, $"== {ByteSize.Format(size)}: {data.Files} files, {data.Bytes / 1e6:0.0} MB, {data.Records:N0} records"));
            var outcome = ScanRunner.Measure(data.ExperimentsPath, data.Records, threads, out var peak, out var summary);
            worst = Math.Max(worst, outcome);
            rows.Add(string.Create(Invariant, $"| {ByteSize.Format(size)} | {data.Files} | {summary} | {peak / 1e6:0} MB |"));
        }
        Console.WriteLine();
        Console.WriteLine("| size | files | scan | ceiling | ratio | scan CPU | CPU ratio | records/s | distinct cells | peak RSS |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
            Console.WriteLine(row);
        return worst;
    }
}
