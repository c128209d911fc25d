using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace RunLens.Benchmarks;

/// <summary>
/// The data shape that stresses visit counts: positions spread over 61 maps of 256 x 256 cells (millions of distinct
/// cells at 2 GB), both layouts, plain JSON-array files of one size. Up to 2 GB of distinct files are generated once
/// into a pool; bigger experiments hard-link pool files into more runs, so 20 GB costs no more disk or generation time
/// than 2 GB (and, being the same bytes, reads from the page cache: these figures are CPU and memory, not disk).
/// </summary>
internal static class ManyPositions
{
    public const int Maps = 61;
    public const int Side = 256;
    private const long PoolLimit = 2_000_000_000;
    private const int FilesPerRun = 40;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The experiment's folder and what it holds.</summary>
    public sealed record Data(string ExperimentsPath, int Files, long Bytes, long Records);

    /// <summary>
    /// An experiment of about <paramref name="size"/> bytes in files of <paramref name="fileSize"/> under <paramref name="root"/>;
    /// <paramref name="layout"/> is <c>mixed</c> (odd files nested), <c>flat</c> or <c>nested</c>.
    /// </summary>
    public static Data Prepare(string root, long size, long fileSize, string layout = "mixed")
    {
        if (layout is not ("mixed" or "flat" or "nested"))
            throw new ArgumentException($"--layout takes mixed, flat or nested, not '{layout}'.");
        var files = (int)Math.Max(1, (size + fileSize / 2) / fileSize);
        var poolFiles = (int)Math.Min(files, Math.Max(1, PoolLimit / fileSize));
        // Mixed keeps the folder names it always had, so existing pools stay valid.
        var suffix = layout == "mixed" ? "" : "-" + layout;
        var pool = Path.Combine(root, "pool-" + Samples.ByteSize.Format(fileSize) + suffix);
        var made = EnsurePool(pool, poolFiles, fileSize, layout);
        var dir = Path.Combine(root, $"{Samples.ByteSize.Format(size)}-in-{Samples.ByteSize.Format(fileSize)}{suffix}");
        var experiments = Path.Combine(dir, "experiments");
        var stamp = Path.Combine(dir, "done.txt");
        long bytes = 0, records = 0;
        for (var j = 0; j < files; j++)
        {
            bytes += made[j % poolFiles].Bytes;
            records += made[j % poolFiles].Records;
        }
        var expected = string.Create(Invariant, $"{files} {bytes} {records}");
        if (File.Exists(stamp) && File.ReadAllText(stamp) == expected)
        {
            Console.WriteLine($"using cached experiment in {dir}");
            return new Data(experiments, files, bytes, records);
        }
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
        for (var j = 0; j < files; j++)
        {
            var run = j / FilesPerRun;
            var k = j % FilesPerRun;
            var runDir = Path.Combine(experiments, string.Create(Invariant, $"v{run % 4 + 1}"), string.Create(Invariant, $"20250726_{run:000000}"));
            var logs = Path.Combine(runDir, "json_logs");
            if (k == 0)
                Directory.CreateDirectory(logs);
            Link(PoolFile(pool, j % poolFiles), Path.Combine(logs, string.Create(Invariant, $"{k % 4}_{k / 4:0000}.json")));
        }
        File.WriteAllText(stamp, expected);
        return new Data(experiments, files, bytes, records);
    }

    private static string PoolFile(string pool, int i) => Path.Combine(pool, string.Create(Invariant, $"{i:00000}.json"));

    private static (long Bytes, long Records)[] EnsurePool(string pool, int count, long fileSize, string layout)
    {
        Directory.CreateDirectory(pool);
        var index = Path.Combine(pool, "records.txt");
        var known = File.Exists(index)
            ? File.ReadAllLines(index).Select(l => l.Split(' ')).ToDictionary(p => int.Parse(p[0], Invariant), p => (long.Parse(p[1], Invariant), long.Parse(p[2], Invariant)))
            : [];
        var missing = Enumerable.Range(0, count).Where(i => !known.ContainsKey(i) || !File.Exists(PoolFile(pool, i))).ToArray();
        if (missing.Length > 0)
        {
            Console.WriteLine(string.Create(Invariant, $"generating {missing.Length} files of {Samples.ByteSize.Format(fileSize)} with many positions in {pool} ..."));
            var clock = Stopwatch.StartNew();
            var results = new (long, long)[missing.Length];
            Parallel.For(0, missing.Length, m => results[m] = Write(PoolFile(pool, missing[m]), missing[m], fileSize, layout));
            for (var m = 0; m < missing.Length; m++)
                known[missing[m]] = results[m];
            File.WriteAllLines(index, known.OrderBy(k => k.Key).Select(k => string.Create(Invariant, $"{k.Key} {k.Value.Item1} {k.Value.Item2}")));
            Console.WriteLine(string.Create(Invariant, $"generated in {clock.Elapsed.TotalSeconds:0.0} s"));
        }
        return Enumerable.Range(0, count).Select(i => known[i]).ToArray();
    }

    /// <summary>
    /// One file of a random walker: steps of up to 2 cells, and about every 500 steps a jump to a random cell of a
    /// random map, so a few hundred MB of records visit millions of cells. Odd files use the nested layout when mixed.
    /// </summary>
    private static (long Bytes, long Records) Write(string path, int index, long fileSize, string layoutName)
    {
        var rng = new Random(index * 7919 + 17);
        var layout = layoutName switch
        {
            "flat" => RecordLayout.Flat,
            "nested" => RecordLayout.Nested,
            _ => index % 2 == 1 ? RecordLayout.Nested : RecordLayout.Flat,
        };
        int map = rng.Next(Maps), x = rng.Next(Side), y = rng.Next(Side);
        var hp = 1.0;
        long records = 0;
        var firstStep = (long)(index / 4) * 1_000_000;
        using (var log = JsonLogWriter.Create(path + ".tmp", layout))
        {
            while (log.BytesWritten < fileSize - 200)
            {
                if (rng.Next(500) == 0)
                    (map, x, y) = (rng.Next(Maps), rng.Next(Side), rng.Next(Side));
                else
                    (x, y) = (Math.Clamp(x + rng.Next(5) - 2, 0, Side - 1), Math.Clamp(y + rng.Next(5) - 2, 0, Side - 1));
                hp = Math.Clamp(hp + (rng.Next(3) - 1) * 0.05, 0, 1);
                var explore = rng.Next(4) == 0 ? 0.01 : 0;
                var ev = rng.Next(50) == 0 ? 0.005 : 0;
                var stuck = rng.Next(20) == 0 ? -0.01 : 0;
                var rewards = new RewardComponents(ev, rng.Next(1000) == 0 ? 0.0003 : 0, 0, 0, explore, 0, stuck);
                log.Write(new GameStepRecord(firstStep + records, index % 4, x, y, map, rewards, rng.Next(7), Math.Round(hp, 2)));
                records++;
            }
        }
        File.Move(path + ".tmp", path, overwrite: true);
        return (new FileInfo(path).Length, records);
    }

    private static void Link(string existing, string link)
    {
        if (OperatingSystem.IsWindows() || LinkNative(existing, link) != 0)
            File.Copy(existing, link);
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true, CharSet = CharSet.Ansi)]
#pragma warning disable SYSLIB1054 // A one-off call outside any measured path; LibraryImport would need unsafe code.
    private static extern int LinkNative(string existing, string link);
#pragma warning restore SYSLIB1054
}
