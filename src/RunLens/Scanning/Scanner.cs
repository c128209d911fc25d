using System.Collections.Concurrent;
using System.Diagnostics;
using RunLens.Scanning;

namespace RunLens;

/// <summary>Runs a scan: files in parallel, one state per worker, merged at the end.</summary>
internal static class Scanner
{
    public static ScanResult Scan(IReadOnlyList<RunFile> files, FieldMap map, ScanOptions options)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var counter = new ScanProgressCounter(files.Count, files.Sum(f => f.Bytes));
        var states = new ConcurrentBag<ScanState>();
        // Largest files first, so one big file does not start last and leave the other cores idle.
        var ordered = files.OrderByDescending(f => f.Bytes).ThenBy(f => f.RelativePath, StringComparer.Ordinal).ToList();
        using (var timer = options.Progress is { } progress ? new Timer(_ => progress.Report(counter.Snapshot()), null, 100, 100) : null)
        {
            Parallel.ForEach(
                Partitioner.Create(ordered, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveThreads, CancellationToken = options.Cancellation },
                () => new ScanWorker(map, options, counter),
                (file, _, worker) =>
                {
                    worker.ScanFile(file);
                    return worker;
                },
                worker => states.Add(worker.Finish()));
        }
        options.Progress?.Report(counter.Snapshot());
        var total = new ScanState(options);
        foreach (var state in states)
            total.MergeFrom(state);
        return new ScanResult(total, clock.Elapsed);
    }
}
