using System.Globalization;
using RunLens.Samples;

namespace RunLens.Benchmarks;

/// <summary>
/// <c>steps --size 2GB</c>: on the cached synthetic experiment of the scan mode, a child process cuts the largest
/// run's first environment into episodes (<see cref="Run.StepEpisodes"/>) and the parent reports MB/s and peak RSS:
/// what opening a replay of a huge step log costs.
/// </summary>
internal static class StepEpisodesRunner
{
    public static int Run(Arguments args)
    {
        var size = ByteSize.Parse(args.Text("--size") ?? "200MB");
        var root = args.Text("--data") ?? Path.Combine(Path.GetTempPath(), "runlens-bench", ByteSize.Format(size));
        var manifest = ScanRunner.Prepare(root, size, args.Has("--regenerate"));
        QuietMachine.Wait();
        var (exitCode, result) = ScanRunner.RunChild(manifest.ExperimentsPath, 0, StepEpisodesChild.Flag);
        if (result is null)
        {
            Console.Error.WriteLine($"The child exited with code {exitCode} and printed no result.");
            return 1;
        }
        using (result)
        {
            var r = result.RootElement;
            var seconds = r.GetProperty("seconds").GetDouble();
            var bytes = r.GetProperty("bytes").GetInt64();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"steps: run {r.GetProperty("run").GetString()}, {r.GetProperty("files").GetInt32()} files, {bytes / 1e6:0.0} MB in {seconds:0.00} s = " +
                $"{bytes / 1e6 / seconds:0.0} MB/s; kept {r.GetProperty("episodes").GetInt32()} episodes of {r.GetProperty("steps").GetInt64():N0} steps, " +
                $"{r.GetProperty("issues").GetInt32()} issues, peak RSS {r.GetProperty("peak_rss_bytes").GetInt64() / 1e6:0} MB"));
            foreach (var message in r.GetProperty("first_issues").EnumerateArray())
                Console.WriteLine("  " + message.GetString());
        }
        return exitCode;
    }
}
