using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RunLens.Samples;

namespace RunLens.Benchmarks;

/// <summary>
/// The whole-process benchmark: generates (once, cached) an experiment of the asked size with both layouts, then
/// starts this program again as a child that only scans, and reports throughput and the child's peak memory.
/// </summary>
internal static class ScanRunner
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(Arguments args)
    {
        var size = ByteSize.Parse(args.Text("--size") ?? "200MB");
        var threads = args.Int("--threads", 0);
        var repeat = Math.Max(1, args.Int("--repeat", 1));
        string experiments;
        long expectedRecords;
        switch (args.Text("--positions") ?? "few")
        {
            case "many":
                var fileSize = ByteSize.Parse(args.Text("--file-size") ?? "50MB");
                var layout = args.Text("--layout") ?? "mixed";
                var data = ManyPositions.Prepare(args.Text("--data") ?? DefaultRoot, size, fileSize, layout);
                (experiments, expectedRecords) = (data.ExperimentsPath, data.Records);
                Console.WriteLine(string.Create(Invariant,
                    $"many positions ({layout}): {data.Files} files of {ByteSize.Format(fileSize)}, {data.Bytes / 1e6:0.0} MB, {data.Records:N0} records"));
                break;
            case "few":
                var root = args.Text("--data") ?? Path.Combine(Path.GetTempPath(), "runlens-bench", ByteSize.Format(size));
                var manifest = Prepare(root, size, args.Has("--regenerate"));
                (experiments, expectedRecords) = (manifest.ExperimentsPath, manifest.Expected.Records);
                Console.WriteLine(string.Create(Invariant,
                    $"few positions: {manifest.DataFiles} files, {manifest.DataBytes / 1e6:0.0} MB, {manifest.Expected.Records:N0} records (expected)"));
                break;
            default:
                throw new ArgumentException("--positions takes 'few' (the synthetic experiment, 6 small maps) or 'many' (61 maps of 256 x 256).");
        }
        var worst = 0;
        for (var i = 0; i < repeat; i++)
            worst = Math.Max(worst, Measure(experiments, expectedRecords, threads, out _, out _));
        return worst;
    }

    /// <summary>Generated data goes here unless --data says otherwise: the work tree's ignored artifacts folder.</summary>
    internal static string DefaultRoot => Path.Combine(FindArtifacts(), "bench");

    private static string FindArtifacts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Notebooks.sln")))
                return Path.Combine(dir.FullName, "artifacts");
        }
        return Path.Combine(Path.GetTempPath(), "runlens-bench");
    }

    /// <summary>
    /// The tokenising ceiling, then the scan, each in a child process on the same files; prints both and their ratio.
    /// Returns the exit code; <paramref name="peakBytes"/> is the scan child's peak RSS, <paramref name="summary"/>
    /// the figures as table cells (scan MB/s, ceiling MB/s, ratio, scan CPU-s, CPU ratio, records/s, distinct cells).
    /// </summary>
    internal static int Measure(string experiments, long expectedRecords, int threads, out long peakBytes, out string summary)
    {
        peakBytes = -1;
        summary = "failed | | | | | |";
        QuietMachine.Wait();
        var (ceilingExit, ceiling) = RunChild(experiments, threads, CeilingChild.Flag);
        QuietMachine.Wait();
        var (exitCode, result) = RunChild(experiments, threads);
        using (ceiling)
        using (result)
        {
            if (result is null || ceiling is null || ceilingExit != 0)
            {
                Console.Error.WriteLine($"A child exited with codes {ceilingExit} (ceiling) and {exitCode} (scan) without a result.");
                return 1;
            }
            var c = ceiling.RootElement;
            var ceilingMbs = c.GetProperty("bytes").GetInt64() / 1e6 / c.GetProperty("seconds").GetDouble();
            var ceilingCpu = c.GetProperty("cpu_seconds").GetDouble();
            peakBytes = result.RootElement.GetProperty("peak_rss_bytes").GetInt64();
            var failed = c.GetProperty("failed_files").GetInt64();
            Console.WriteLine(string.Create(Invariant,
                $"ceiling (Utf8JsonReader tokens only, same files, same threads): {c.GetProperty("bytes").GetInt64() / 1e6:0.0} MB in " +
                $"{c.GetProperty("seconds").GetDouble():0.00} s = {ceilingMbs:0.0} MB/s, whole process {c.GetProperty("process_seconds").GetDouble():0.00} s and {ceilingCpu:0.00} CPU-s, peak RSS {c.GetProperty("peak_rss_bytes").GetInt64() / 1e6:0} MB") +
                (failed > 0 ? string.Create(Invariant, $", {failed} files not valid JSON") : ""));
            return Report(result.RootElement, expectedRecords, threads, exitCode, ceilingMbs, ceilingCpu, out summary);
        }
    }

    internal static SyntheticManifest Prepare(string root, long size, bool regenerate)
    {
        if (!regenerate && File.Exists(Path.Combine(root, SyntheticManifest.FileName)))
        {
            var cached = SyntheticManifest.Read(root);
            if (cached.Options.TargetBytes == size)
            {
                Console.WriteLine($"using cached experiment in {root}");
                return cached;
            }
        }
        Console.WriteLine($"generating {ByteSize.Format(size)} in {root} ...");
        var clock = Stopwatch.StartNew();
        var manifest = SyntheticExperiment.Write(root, new SyntheticExperimentOptions { TargetBytes = size, MixLayouts = true });
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(Invariant,
            $"generated {manifest.DataBytes / 1e6:0.0} MB in {seconds:0.00} s: {manifest.DataBytes / 1e6 / seconds:0.0} MB/s, " +
            $"{manifest.Expected.Records / seconds:N0} records/s on {Environment.ProcessorCount} cores"));
        return manifest;
    }

    internal static (int ExitCode, JsonDocument? Result) RunChild(string dir, int threads, string flag = "--scan-only")
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot find this program's path to start the child.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        // Started as 'dotnet RunLens.Benchmarks.dll': the child needs the dll too.
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(ScanRunner).Assembly.Location);
        start.ArgumentList.Add(flag);
        start.ArgumentList.Add(dir);
        start.ArgumentList.Add("--threads");
        start.ArgumentList.Add(threads.ToString(Invariant));
        start.Environment["DOTNET_gcServer"] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {self}.");
        var lines = new List<string>();
        while (child.StandardOutput.ReadLine() is { } line)
            lines.Add(line);
        child.WaitForExit();
        var last = lines.LastOrDefault(l => l.StartsWith('{'));
        return (child.ExitCode, last is null ? null : JsonDocument.Parse(last));
    }

    private static int Report(JsonElement r, long expectedRecords, int threads, int exitCode, double ceilingMbs, double ceilingCpu, out string summary)
    {
        summary = "failed | | | | | |";
        var seconds = r.GetProperty("seconds").GetDouble();
        var peakMb = r.GetProperty("peak_rss_bytes").GetInt64() / 1e6;
        if (exitCode == ScanChild.NotImplementedExitCode)
        {
            Console.WriteLine(string.Create(Invariant,
                $"scanner not implemented yet ({r.GetProperty("error").GetString()}); child ran {seconds:0.000} s, peak RSS {peakMb:0} MB"));
            return 2;
        }
        var records = r.GetProperty("records").GetInt64();
        var bytes = r.GetProperty("bytes").GetInt64();
        var mbs = bytes / 1e6 / seconds;
        Console.WriteLine(string.Create(Invariant,
            $"scan: {records:N0} records, {bytes / 1e6:0.0} MB in {seconds:0.00} s = {mbs:0.0} MB/s, " +
            $"{records / seconds:N0} records/s, {r.GetProperty("distinct_positions").GetInt64():N0} distinct cells, peak RSS {peakMb:0} MB, " +
            $"{Environment.ProcessorCount} cores, threads {(threads == 0 ? "all" : threads.ToString(Invariant))}"));
        // CPU seconds move much less than MB/s when other work shares the cores: the ratio the load does not blur.
        var cpu = r.GetProperty("cpu_seconds").GetDouble();
        Console.WriteLine(string.Create(Invariant,
            $"whole process {r.GetProperty("process_seconds").GetDouble():0.00} s and {cpu:0.00} CPU-s ({bytes / 1e6 / cpu:0.0} MB/CPU-s), " +
            $"listing {(r.TryGetProperty("load_seconds", out var listing) ? listing.GetDouble() : double.NaN):0.00} s, " +
            $"{r.GetProperty("allocated_bytes").GetInt64() / 1e6:0} MB allocated, {r.GetProperty("gen0_collections").GetInt32()} gen0 collections"));
        Console.WriteLine(string.Create(Invariant, $"ratio to the ceiling: {mbs / ceilingMbs:0.00} of its MB/s, {ceilingCpu / cpu:0.00} of its MB per CPU-second"));
        summary = string.Create(Invariant,
            $"{mbs:0} MB/s | {ceilingMbs:0} MB/s | {mbs / ceilingMbs:0.00} | {cpu:0.0} s | {ceilingCpu / cpu:0.00} | {records / seconds / 1e6:0.00} M | {r.GetProperty("distinct_positions").GetInt64():N0}");
        if (records != expectedRecords)
        {
            Console.WriteLine(string.Create(Invariant,
                $"MISMATCH: the scan found {records:N0} records, the generator wrote {expectedRecords:N0}."));
            return 2;
        }
        return exitCode;
    }
}
