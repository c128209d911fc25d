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
        var root = args.Text("--data") ?? Path.Combine(Path.GetTempPath(), "runlens-bench", ByteSize.Format(size));
        var manifest = Prepare(root, size, args.Has("--regenerate"));

        Console.WriteLine(string.Create(Invariant,
            $"scanning {manifest.DataFiles} files, {manifest.DataBytes / 1e6:0.0} MB, {manifest.Expected.Records:N0} records (expected) in a child process..."));
        QuietMachine.Wait();
        var (exitCode, result) = RunChild(manifest.ExperimentsPath, threads);
        if (result is null)
        {
            Console.Error.WriteLine($"The scan child exited with code {exitCode} and printed no result.");
            return 1;
        }
        using (result)
            return Report(result.RootElement, manifest, threads, exitCode);
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

    private static int Report(JsonElement r, SyntheticManifest manifest, int threads, int exitCode)
    {
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
        Console.WriteLine(string.Create(Invariant,
            $"scan: {records:N0} records, {bytes / 1e6:0.0} MB in {seconds:0.00} s = {bytes / 1e6 / seconds:0.0} MB/s, " +
            $"{records / seconds:N0} records/s, peak RSS {peakMb:0} MB, {Environment.ProcessorCount} cores, " +
            $"threads {(threads == 0 ? "all" : threads.ToString(Invariant))}"));
        if (records != manifest.Expected.Records)
        {
            Console.WriteLine(string.Create(Invariant,
                $"MISMATCH: the scan found {records:N0} records, the generator wrote {manifest.Expected.Records:N0}."));
            return 2;
        }
        return exitCode;
    }
}
