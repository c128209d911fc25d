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
        // Largest files first, so one big file does not start last and leave the other cores idle.
        var ordered = files.OrderByDescending(f => f.Bytes).ThenBy(f => f.RelativePath, StringComparer.Ordinal).ToArray();
        // Exactly one worker (and one state, one reservoir) per thread. Parallel.ForEach's localInit would create
        // a worker per task replica, and replicas come and go, multiplying samples and memory.
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(options.EffectiveThreads, ordered.Length)))
            .Select(_ => new ScanWorker(map, options, counter)).ToArray();
        var next = -1;
        using (var timer = options.Progress is { } progress ? new Timer(_ => progress.Report(counter.Snapshot()), null, 100, 100) : null)
        {
            var tasks = workers.Select(worker => Task.Factory.StartNew(() =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < ordered.Length)
                {
                    options.Cancellation.ThrowIfCancellationRequested();
                    worker.ScanFile(ordered[index]);
                }
            }, options.Cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
            try
            {
                Task.WaitAll(tasks);
            }
            catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OperationCanceledException))
            {
                throw new OperationCanceledException("The scan was cancelled.", ex, options.Cancellation);
            }
        }
        options.Progress?.Report(counter.Snapshot());
        var total = new ScanState(options);
        foreach (var worker in workers)
            total.MergeFrom(worker.Finish());
        return new ScanResult(total, clock.Elapsed);
    }
}
