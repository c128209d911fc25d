using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RunLens.Samples;

namespace RunLens.Cli.Commands;

/// <summary><c>runlens sample-runs</c>: writes the deterministic exploration-game experiment the repo ships.</summary>
internal static class SampleRunsCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The folder to write (its experiments/ and manifest.json are replaced).", DefaultValueFactory = _ => "sample-runs" };
        var scale = new Option<string>("--scale") { Description = "small: train the agents of the repo's sample-runs; large: ~2 GB of simulated logs for benchmarks.", DefaultValueFactory = _ => "small" };
        scale.AcceptOnlyFromAmong("small", "large");
        var command = new Command("sample-runs", "Train the sample agents (exploration game v1-v4, CartPole PPO sweep, 3-D drone) and write their logs. The same command always writes the same bytes.")
        {
            output, scale,
        };
        command.SetAction(parse => Run(parse.GetValue(output)!, parse.GetValue(scale)!,
            Terminal.FromConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)));
        return command;
    }

    internal static int Run(string output, string scale, Terminal terminal)
    {
        var stdout = terminal.Out;
        var stderr = terminal.Error;
        var clock = Stopwatch.StartNew();
        try
        {
            if (scale == "large")
            {
                // Benchmarks need gigabytes; the simulated walker writes them fast (training would take minutes).
                stderr.WriteLine("writing ~2 GB of simulated exploration logs (not trained) for benchmarks...");
                var options = SyntheticExperimentOptions.Large;
                var experiments = Path.Combine(Path.GetFullPath(output), SyntheticManifest.ExperimentsFolder);
                var manifest = terminal.Wait("writing sample runs",
                    Task.Run(() => SyntheticExperiment.Write(output, options)),
                    () => (double)BytesUnder(experiments) / options.TargetBytes);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{manifest.Runs.Count} runs, {manifest.DataFiles} files, {manifest.DataBytes / 1e6:0.0} MB, {manifest.Expected.Records:N0} records in {clock.Elapsed.TotalSeconds:0.0} s: {manifest.ExperimentsPath}"));
                return ExitCodes.Ok;
            }
            foreach (var line in SampleRuns.Write(output))
                stdout.WriteLine(line);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            stderr.WriteLine($"runlens sample-runs: {ex.Message}");
            return ExitCodes.UserError;
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained and written in {clock.Elapsed.TotalSeconds:0.0} s: {Path.GetFullPath(output)}"));
        return ExitCodes.Ok;
    }

    /// <summary>The bytes written so far: the generator reports no progress, the folder's size does.</summary>
    private static long BytesUnder(string folder)
    {
        try
        {
            return Directory.Exists(folder)
                ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
                : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
