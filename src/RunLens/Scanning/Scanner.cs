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
        // The caller's own progress (the CLI's bar) wins; otherwise a notebook host may show a live line.
        using var live = options.Progress is null ? LiveProgress.Begin(Describe(files.Count, counter.Snapshot().BytesTotal)) : ProgressScope.None;
        var report = options.Progress ?? (live.IsOpen ? new Reporter(live, "Scanning") : null);
        using (var timer = report is not null ? new Timer(_ => report.Report(counter.Snapshot()), null, 100, 100) : null)
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
        // The first worker's state becomes the total: no third copy of the visit counts and curves while merging,
        // and each other worker's state can be collected as soon as it is merged.
        var total = workers[0].Finish();
        for (var i = 1; i < workers.Length; i++)
        {
            total.MergeFrom(workers[i].Finish());
            workers[i] = null!;
        }
        var result = new ScanResult(total, clock.Elapsed);
        live.Complete(FormattableString.Invariant(
            $"Scanned {result.Files:N0} files, {result.Bytes / 1e6:0.0} MB, {result.Records:N0} records in {result.Elapsed.TotalSeconds:0.0} s"));
        return result;
    }

    private static string Describe(int files, long bytes) =>
        FormattableString.Invariant($"Scanning {files:N0} file{(files == 1 ? "" : "s")}, {bytes / 1e6:0.0} MB");

    // Scan progress in a live display: the fraction of bytes read and the counts behind it.
    private sealed class Reporter(ProgressScope scope, string operation) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value) => scope.Report(operation, value.Fraction, value.ToString());
    }
}
