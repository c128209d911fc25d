using System.Diagnostics;
using System.Globalization;
using System.Text;
using RunLens.Samples;

namespace RunLens.Benchmarks;

/// <summary>
/// <c>live --size 2GB --append 10MB</c>: what keeping a growing run up to date costs. A JSON-lines run of the size is
/// followed (its first read is a full scan), the append is written, and one <see cref="LiveScan.Update"/> reads it; a
/// fresh full scan of the same files is timed next to it and must give the same record count. Prints the bytes the
/// update read, its time, the full scan's time and the process's peak RSS.
/// </summary>
internal static class LiveRunner
{
    public static int Run(Arguments args)
    {
        if (args.Text("--format") == "mlflow-sqlite")
            return LiveSqliteRunner.Run(args);
        var size = ByteSize.Parse(args.Text("--size") ?? "2GB");
        var append = ByteSize.Parse(args.Text("--append") ?? "10MB");
        var root = args.Text("--data") ?? Path.Combine(Path.GetTempPath(), "runlens-bench-live", ByteSize.Format(size));
        var log = Path.Combine(root, "run", "metrics.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        long step = 0;
        var generate = Stopwatch.StartNew();
        using (var file = new FileStream(log, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20))
            step = Write(file, 0, size);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {ByteSize.Format(new FileInfo(log).Length)} in {generate.Elapsed.TotalSeconds:0.0} s: {log}"));

        var options = new LiveOptions { IdleTimeout = Timeout.InfiniteTimeSpan };
        var first = Stopwatch.StartNew();
        using var live = LiveScan.Follow(root, options: options);
        first.Stop();
        var firstRead = live.Status.BytesRead;

        using (var file = new FileStream(log, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 20))
            Write(file, step, append);
        var update = Stopwatch.StartNew();
        live.Update();
        update.Stop();

        var full = Stopwatch.StartNew();
        var scan = Runs.Load(root).Scan();
        full.Stop();
        var peak = PeakMemory.Bytes();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            first read (a full scan): {ByteSize.Format(firstRead)} in {first.Elapsed.TotalSeconds:0.00} s
            appended:                 {ByteSize.Format(append)}
            update:                   read {ByteSize.Format(live.Status.BytesRead)} ({live.Status.BytesRead:N0} bytes) in {update.Elapsed.TotalSeconds:0.000} s, {live.Result.Records:N0} records
            full scan of the same:    {ByteSize.Format(scan.Bytes)} in {full.Elapsed.TotalSeconds:0.00} s, {scan.Records:N0} records
            peak RSS (whole process): {peak / 1e6:0} MB
            """));
        if (!args.Has("--keep"))
            Directory.Delete(root, recursive: true);
        return scan.Records == live.Result.Records ? 0 : 1;
    }

    /// <summary>Writes JSON lines of a typical per-step record until <paramref name="bytes"/> are written; returns the next step.</summary>
    private static long Write(Stream file, long step, long bytes)
    {
        var line = new StringBuilder();
        long written = 0;
        var random = new Random(7);
        while (written < bytes)
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture,
                $"{{\"step\":{step},\"env\":{step % 8},\"rewards\":{{\"total\":{random.NextDouble() * 2 - 1:R},\"explore\":{random.NextDouble():R}}},\"position\":{{\"x\":{random.Next(256)},\"y\":{random.Next(256)},\"map\":{random.Next(4)}}},\"loss\":{random.NextDouble():R}}}\n");
            var bytesOfLine = Encoding.UTF8.GetBytes(line.ToString());
            file.Write(bytesOfLine);
            written += bytesOfLine.Length;
            step++;
        }
        return step;
    }
}
