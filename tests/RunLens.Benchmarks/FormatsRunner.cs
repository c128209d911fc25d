using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RunLens.Samples;

namespace RunLens.Benchmarks;

/// <summary>
/// <c>formats --size 200MB</c>: whole-process scans of generated runs in the binary and text formats other than JSON
/// (TensorBoard events through our writer, an SB3 <c>progress.csv</c>, an MLflow file store through our writer), one
/// child process per format, each printing throughput and peak memory, then the format's reader alone and the
/// format's ceiling (<see cref="FormatCeilings"/>) over the same files, each in its own child, so the scan reads as a
/// fraction of what the machine did in the same minute. The data is generated once per size into the temp folder and
/// reused. <c>--only NAME</c> measures one format. <c>--tb-files-per-run N</c> writes each TensorBoard run as N event
/// files (a trainer restarted N - 1 times, steps going on), so a run of several files is measured (its own data folder).
/// </summary>
internal static class FormatsRunner
{
    private const int Tags = 16;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(Arguments args)
    {
        var size = ByteSize.Parse(args.Text("--size") ?? "200MB");
        var threads = args.Int("--threads", 0);
        var root = args.Text("--data") ?? Path.Combine(Path.GetTempPath(), "runlens-bench-formats", ByteSize.Format(size));
        var only = args.Text("--only");
        var tbFiles = Math.Max(1, args.Int("--tb-files-per-run", 1));
        var result = 0;
        foreach (var (name, write) in new (string, Action<string, long>)[] { ("tensorboard", (d, s) => WriteTensorBoard(d, s, tbFiles)), ("sb3-progress-csv", WriteProgressCsv), ("mlflow", WriteMlflow) })
        {
            if (only is not null && only != name)
                continue;
            var dir = Path.Combine(root, name == "tensorboard" && tbFiles > 1 ? string.Create(Invariant, $"{name}-{tbFiles}files") : name);
            var done = Path.Combine(dir, ".complete");
            if (!File.Exists(done))
            {
                if (Directory.Exists(dir))
                    Directory.Delete(dir, recursive: true);
                Console.WriteLine($"generating {name} ({ByteSize.Format(size)}) in {dir} ...");
                write(dir, size);
                File.WriteAllText(done, "");
            }
            // The same files three ways, each in a child of its own: the scan (what a user waits for), the format's
            // reader alone (no curves), and the ceiling (the least pass over the same bytes, FormatCeilings).
            var scan = Measure(name, "scan", dir, threads, [FormatsChild.ScanFlag]);
            var read = Measure(name, "reader only", dir, threads, [FormatsChild.ReadOnlyFlag]);
            var ceiling = Measure(name, "ceiling", dir, threads, [FormatsChild.CeilingFlag, "--format", name]);
            if (scan is null || read is null || ceiling is null)
            {
                result = 1;
                continue;
            }
            Console.WriteLine(string.Create(Invariant,
                $"{name}: scan at {scan.Value.Wall / ceiling.Value.Wall:P0} of the ceiling's MB/s and {scan.Value.Cpu / ceiling.Value.Cpu:P0} of its MB per CPU-second; " +
                $"reader alone at {read.Value.Wall / ceiling.Value.Wall:P0} and {read.Value.Cpu / ceiling.Value.Cpu:P0}"));
        }
        return result;
    }

    /// <summary>Runs one child and prints its line; its MB/s and MB per CPU-second, or null when it printed no result.</summary>
    private static (double Wall, double Cpu)? Measure(string name, string what, string dir, int threads, string[] flags)
    {
        QuietMachine.Wait();
        var (exitCode, json) = RunChild(dir, threads, flags);
        if (json is null)
        {
            Console.Error.WriteLine($"{name} {what}: the child exited with code {exitCode} and printed no result.");
            return null;
        }
        using (json)
        {
            var r = json.RootElement;
            var seconds = r.GetProperty("seconds").GetDouble();
            var bytes = r.GetProperty("bytes").GetInt64();
            var records = r.GetProperty("records").GetInt64();
            var cpu = r.GetProperty("cpu_seconds").GetDouble();
            var process = r.GetProperty("process_seconds").GetDouble();
            Console.WriteLine(string.Create(Invariant,
                $"{name} {what}: {records:N0} records, {bytes / 1e6:0.0} MB in {seconds:0.00} s = {bytes / 1e6 / seconds:0.0} MB/s " +
                $"(whole process {process:0.00} s = {bytes / 1e6 / process:0.0} MB/s), " +
                $"{records / seconds:N0} records/s, {cpu:0.00} CPU-s = {bytes / 1e6 / cpu:0.0} MB/CPU-s, listing {r.GetProperty("load_seconds").GetDouble():0.00} s, peak RSS {r.GetProperty("peak_rss_bytes").GetInt64() / 1e6:0} MB"));
            return (bytes / 1e6 / process, bytes / 1e6 / cpu);
        }
    }

    /// <summary>Starts this program as a child with <paramref name="flags"/> (the first one takes <paramref name="dir"/>) and reads its JSON line.</summary>
    private static (int ExitCode, JsonDocument? Result) RunChild(string dir, int threads, string[] flags)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot find this program's path to start the child.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        // Started as 'dotnet RunLens.Benchmarks.dll': the child needs the dll too.
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(FormatsRunner).Assembly.Location);
        start.ArgumentList.Add(flags[0]);
        start.ArgumentList.Add(dir);
        foreach (var flag in flags[1..])
            start.ArgumentList.Add(flag);
        start.ArgumentList.Add("--threads");
        start.ArgumentList.Add(threads.ToString(Invariant));
        start.Environment["DOTNET_gcServer"] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {self}.");
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var last = output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        return (child.ExitCode, last is null ? null : JsonDocument.Parse(last));
    }

    private static KeyValuePair<string, double>[] Scalars(long step)
    {
        var values = new KeyValuePair<string, double>[Tags];
        for (var t = 0; t < Tags; t++)
            values[t] = new($"train/metric_{t:00}", Math.Sin(step * 0.001 + t) * (t + 1) + step * 1e-6);
        return values;
    }

    /// <summary>Four runs of event files of 16 scalar tags per step, as SB3/PyTorch write them; each run in
    /// <paramref name="files"/> event files of about the same size, its steps going on from file to file.</summary>
    private static void WriteTensorBoard(string dir, long size, int files)
    {
        for (var run = 0; run < 4; run++)
        {
            var runDir = Path.Combine(dir, $"PPO_{run + 1}");
            long step = 0;
            for (var file = 0; file < files; file++)
            {
                using var writer = new TensorBoardEventWriter(runDir, 1_700_000_000 + run * 100_000 + file * 1000);
                for (; ; step++)
                {
                    writer.WriteScalars(step * 2048, 1_700_000_000 + step, Scalars(step));
                    if ((step & 1023) == 0 && FolderBytes(runDir) >= size / 4 * (file + 1) / files)
                        break;
                }
                step++;
            }
        }
    }

    /// <summary>Four SB3 runs, each one progress.csv with a step column and 16 metric columns.</summary>
    private static void WriteProgressCsv(string dir, long size)
    {
        for (var run = 0; run < 4; run++)
        {
            var runDir = Directory.CreateDirectory(Path.Combine(dir, $"PPO_{run + 1}")).FullName;
            using var file = new StreamWriter(Path.Combine(runDir, "progress.csv"), false, new UTF8Encoding(false), 1 << 16);
            file.Write("time/total_timesteps");
            for (var t = 0; t < Tags; t++)
                file.Write(string.Create(Invariant, $",train/metric_{t:00}"));
            file.Write('\n');
            for (long step = 0; file.BaseStream.Position < size / 4; step++)
            {
                file.Write((step * 2048).ToString(Invariant));
                foreach (var (_, value) in Scalars(step))
                {
                    file.Write(',');
                    file.Write(value.ToString("R", Invariant));
                }
                file.Write('\n');
            }
        }
    }

    /// <summary>An MLflow file store of four runs with 16 metric files each.</summary>
    private static void WriteMlflow(string dir, long size)
    {
        var mlruns = Path.Combine(dir, "mlruns");
        for (var run = 0; run < 4; run++)
        {
            using var writer = new MlflowRunWriter(mlruns, 1_700_000_000 + run, new MlflowRunOptions { Seed = run, RunName = $"run{run}" });
            for (long step = 0; ; step++)
            {
                writer.WriteScalars(step, 1_700_000_000 + step * 0.5, Scalars(step));
                if ((step & 1023) == 0 && FolderBytes(writer.RunDirectory) >= size / 4)
                    break;
            }
        }
    }

    private static long FolderBytes(string dir) =>
        Directory.Exists(dir) ? new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
}
