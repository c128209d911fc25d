using System.CommandLine;
using System.Globalization;

namespace RunLens.Cli.Commands;

/// <summary>
/// <c>runlens replay PATH [--episode N | --snapshots] [-o out.html]</c>: writes an episode replay as a standalone
/// page that works offline (plotly.js inline, no network).
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "A run's folder or one of its files (a folder of several runs replays the latest episode of each)." };
        var episode = new Option<int?>("--episode") { Description = "Replay this episode (an index into the run's episodes, from 0)." };
        var snapshots = new Option<bool>("--snapshots") { Description = "Replay the run's snapshots over training, with the snapshot timeline." };
        var output = new Option<string>("--output", "-o") { Description = "The page to write.", DefaultValueFactory = _ => "replay.html" };
        var maxSteps = new Option<int>("--max-steps") { Description = "Decimate episodes longer than this many steps (with a note on the page).", DefaultValueFactory = _ => ReplayOptions.Default.MaxSteps };
        var command = new Command("replay", "Write an episode replay (slider, play/pause, path, waypoints, per-step tracks) as a standalone page.")
        {
            path, episode, snapshots, output, maxSteps,
        };
        command.SetAction(parse => Run(
            new ReplayRequest(parse.GetValue(path)!, parse.GetValue(episode), parse.GetValue(snapshots), parse.GetValue(output)!, parse.GetValue(maxSteps)),
            Terminal.FromConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)));
        return command;
    }

    internal sealed record ReplayRequest(string Path, int? Episode, bool Snapshots, string Output, int MaxSteps);

    internal static int Run(ReplayRequest request, Terminal terminal)
    {
        if (request.Episode is not null && request.Snapshots)
            return UserError(terminal, "give either --episode N or --snapshots, not both.");
        if (request.MaxSteps < 2)
            return UserError(terminal, "--max-steps must be at least 2.");
        RunSet runs;
        try
        {
            runs = Runs.Load(request.Path);
        }
        catch (RunLoadException ex)
        {
            return UserError(terminal, ex.Message);
        }
        if (runs.Count == 0)
            return UserError(terminal, $"no run found under '{request.Path}'.");
        var options = ReplayOptions.Default with { MaxSteps = request.MaxSteps };
        ReplayWidget widget;
        try
        {
            widget = Choose(runs, request, options);
        }
        catch (ArgumentException ex)
        {
            return UserError(terminal, FirstLine(ex.Message));
        }
        widget.WriteHtml(request.Output);
        terminal.Out.WriteLine(Path.GetFullPath(request.Output));
        terminal.Error.WriteLine(widget.ToString());
        var issues = runs.Issues.Concat(runs.SelectMany(r => r.Episodes.Issues)).ToList();
        foreach (var issue in issues.Take(10))
            terminal.Error.WriteLine($"  {issue}");
        if (issues.Count > 10)
            terminal.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... {issues.Count - 10} more"));
        return issues.Count > 0 ? ExitCodes.PartialData : ExitCodes.Ok;
    }

    private static ReplayWidget Choose(RunSet runs, ReplayRequest request, ReplayOptions options)
    {
        if (runs.Count > 1)
        {
            if (request.Episode is not null)
                throw new ArgumentException($"'{request.Path}' holds {runs.Count} runs; --episode needs one run. Point at one of: " +
                    string.Join(", ", runs.Take(8).Select(r => r.Name)) + (runs.Count > 8 ? ", ..." : "") + ".");
            return runs.Replay(request.Snapshots ? EpisodeKinds.Snapshot : null, options: options);
        }
        var run = runs[0];
        if (request.Snapshots)
        {
            if (run.Snapshots.Count == 0)
                throw new ArgumentException($"run '{run.Name}' has no snapshots (snapshots/index.jsonl); leave out --snapshots to replay its episodes.");
            return run.Snapshots.Replay(options with { Title = "Replay: " + run.Name + ", snapshots over training" });
        }
        return run.Replay(request.Episode, options);
    }

    private static int UserError(Terminal terminal, string message)
    {
        terminal.Error.WriteLine($"runlens replay: {message}");
        return ExitCodes.UserError;
    }

    private static string FirstLine(string message) =>
        message.Split(" (Parameter '", 2)[0];
}
