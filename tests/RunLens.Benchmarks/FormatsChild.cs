using System.Diagnostics;
using System.Text.Json;
using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Benchmarks;

/// <summary>
/// The measured processes of <c>formats</c>, each printing one JSON line like <see cref="ScanChild"/>'s plus the CPU time
/// the process used (on a machine shared with other work, MB per CPU-second moves much less than MB/s):
/// <c>--formats-scan DIR</c> loads and scans (what a user waits for), <c>--read-only DIR</c> loads the runs and reads
/// every file through its format's reader without scanning (what the format costs, apart from the curves),
/// <c>--formats-ceiling DIR --format NAME</c> (not <c>--ceiling-only</c>, which is the JSON scan's ceiling child) makes the least pass that still touches every byte the way the format must
/// (<see cref="FormatCeilings"/>). The last two read files in parallel like the scan, largest first.
/// </summary>
internal static class FormatsChild
{
    public const string ReadOnlyFlag = "--read-only";
    public const string CeilingFlag = "--formats-ceiling";
    public const string ScanFlag = "--formats-scan";

    public static int Run(Arguments args)
    {
        var mode = new[] { ScanFlag, ReadOnlyFlag, CeilingFlag }.First(args.Has);
        var dir = args.Required(mode);
        var threads = args.Int("--threads", 0);
        var clock = Stopwatch.StartNew();
        (long Records, long Bytes) total;
        double loadSeconds = 0;
        if (mode == ScanFlag)
        {
            var runs = Runs.Load(dir);
            loadSeconds = clock.Elapsed.TotalSeconds;
            var scan = runs.Scan(new ScanOptions { Threads = threads });
            total = (scan.Records, scan.Bytes);
        }
        else if (mode == ReadOnlyFlag)
        {
            var files = Runs.Load(dir).SelectMany(r => r.Info.Files).ToArray();
            loadSeconds = clock.Elapsed.TotalSeconds;
            total = Parallel(files.Select(f => (f.Bytes, (Func<(long, long)>)(() => ReadFile(f)))), threads);
        }
        else
        {
            var format = args.Required("--format");
            total = Parallel(FormatCeilings.Files(format, dir).Select(f => (f.Length, (Func<(long, long)>)(() => FormatCeilings.Pass(format, f.FullName)))), threads);
        }
        clock.Stop();
        using var output = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteNumber("records", total.Records);
            json.WriteNumber("bytes", total.Bytes);
            json.WriteNumber("seconds", clock.Elapsed.TotalSeconds);
            json.WriteNumber("load_seconds", loadSeconds);
            WholeProcess.Write(json);
            json.WriteNumber("peak_rss_bytes", PeakMemory.Bytes());
            json.WriteEndObject();
        }
        output.Write("\n"u8);
        return 0;
    }

    /// <summary>Reads one file through its reader as a scan does, without the curves: records and bytes read.</summary>
    private static (long Records, long Bytes) ReadFile(RunFile file)
    {
        var fields = new FieldTable(FieldMap.Default);
        var issues = new ScanIssues();
        var record = new RecordBuffer();
        using var reader = file.Open(fields, issues);
        long records = 0;
        while (reader.Read(record, wantText: false))
            records++;
        return (records, reader.DiskPosition);
    }

    private static (long Records, long Bytes) Parallel(IEnumerable<(long Size, Func<(long, long)> Work)> files, int threads)
    {
        var work = files.OrderByDescending(f => f.Size).Select(f => f.Work).ToArray();
        long records = 0, bytes = 0;
        var next = -1;
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(threads > 0 ? threads : Environment.ProcessorCount, work.Length)))
            .Select(_ => Task.Factory.StartNew(() =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < work.Length)
                {
                    var (r, b) = work[index]();
                    Interlocked.Add(ref records, r);
                    Interlocked.Add(ref bytes, b);
                }
            }, TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(workers);
        return (records, bytes);
    }
}
