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
        var maxEpisodes = new Option<int>("--max-episodes") { Description = "Show at most this many episodes in the selector, evenly spaced.", DefaultValueFactory = _ => ReplayOptions.Default.MaxEpisodes };
        var layout = CliRuns.LayoutOption();
        var command = new Command("replay", "Write an episode replay (slider, play/pause, path, waypoints, per-step tracks) as a standalone page.")
        {
            path, episode, snapshots, output, maxSteps, maxEpisodes, layout,
        };
        command.SetAction(parse => Run(
            new ReplayRequest(parse.GetValue(path)!, parse.GetValue(episode), parse.GetValue(snapshots), parse.GetValue(output)!, parse.GetValue(maxSteps))
            {
                MaxEpisodes = parse.GetValue(maxEpisodes),
                Layout = parse.GetValue(layout),
            },
            Terminal.FromConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)));
        return command;
    }

    internal sealed record ReplayRequest(string Path, int? Episode, bool Snapshots, string Output, int MaxSteps)
    {
        /// <summary>The most episodes the selector shows.</summary>
        public int MaxEpisodes { get; init; } = ReplayOptions.Default.MaxEpisodes;

        /// <summary>The <c>--layout</c> pattern, or null to guess variant and seed from the folders.</summary>
        public string? Layout { get; init; }
    }

    internal static int Run(ReplayRequest request, Terminal terminal)
    {
        if (request.Episode is not null && request.Snapshots)
            return UserError(terminal, "give either --episode N or --snapshots, not both.");
        if (request.MaxSteps < 2)
            return UserError(terminal, "--max-steps must be at least 2.");
        if (request.MaxEpisodes < 1)
            return UserError(terminal, "--max-episodes must be at least 1.");
        var target = SnapshotTarget.Of(request.Path);
        if (target is not null && request.Episode is not null)
            return UserError(terminal, "--episode picks an episode of a run; a snapshots folder or file replays its snapshots: leave out --episode, or give the run's folder.");
        RunSet runs;
        try
        {
            runs = CliRuns.Load(target?.RunFolder ?? request.Path, request.Layout);
        }
        catch (RunLoadException ex)
        {
            return UserError(terminal, CliRuns.Message(ex.Message));
        }
        if (runs.Count == 0)
            return UserError(terminal, $"no run found under '{request.Path}'.");
        var options = ReplayOptions.Default with { MaxSteps = request.MaxSteps, MaxEpisodes = request.MaxEpisodes };
        ReplayWidget widget;
        try
        {
            widget = target is null ? Choose(runs, request, options) : target.Replay(runs, options);
        }
        catch (ArgumentException ex)
        {
            return UserError(terminal, CliRuns.Message(ex.Message));
        }
        widget.WriteHtml(request.Output);
        terminal.Out.WriteLine(Path.GetFullPath(request.Output));
        terminal.Error.WriteLine(CliRuns.Message(widget.ToString()));
        var issues = runs.Issues.Concat(runs.SelectMany(r => r.Episodes.Issues)).ToList();
        foreach (var issue in issues.Take(10))
            terminal.Error.WriteLine($"  {CliRuns.Message(issue.ToString())}");
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

    /// <summary>
    /// A path inside a run's <c>snapshots/</c> folder, as <see cref="SnapshotLogger"/> writes it: the folder itself
    /// or its <c>index.jsonl</c> (replay every snapshot), or one <c>snapshot_NNNNNN.json</c> (replay that one). The
    /// run is loaded from the folder above, where its index is found, and its snapshots are replayed.
    /// </summary>
    private sealed record SnapshotTarget(string RunFolder, string Index, string? File)
    {
        public static SnapshotTarget? Of(string path)
        {
            var full = System.IO.Path.GetFullPath(path);
            var (folder, file) = Directory.Exists(full) ? (full, (string?)null)
                : System.IO.File.Exists(full) ? (System.IO.Path.GetDirectoryName(full)!, System.IO.Path.GetFileName(full))
                : (null, null);
            if (folder is null || !System.IO.Path.GetFileName(folder).Equals("snapshots", StringComparison.OrdinalIgnoreCase))
                return null;
            var index = System.IO.Path.Combine(folder, "index.jsonl");
            if (!System.IO.File.Exists(index) || System.IO.Path.GetDirectoryName(folder) is not { } runFolder)
                return null;
            return new SnapshotTarget(runFolder, index, file is null or "index.jsonl" ? null : file);
        }

        public ReplayWidget Replay(RunSet runs, ReplayOptions options)
        {
            var run = runs.FirstOrDefault(r => r.Info.Files.Any(f => f.Path == Index))
                ?? throw new ArgumentException($"no run under '{RunFolder}' reads {Index}.");
            if (File is null)
            {
                if (run.Snapshots.Count == 0)
                    throw new ArgumentException($"{Index} lists no snapshot.");
                return run.Snapshots.Replay(options with { Title = "Replay: " + run.Name + ", snapshots over training" });
            }
            var episode = run.Snapshots.LastOrDefault(e => System.IO.Path.GetFileName(e.Source) == File)
                ?? throw new ArgumentException($"{Index} does not list {File}; its snapshots: " +
                    string.Join(", ", run.Snapshots.Take(8).Select(e => System.IO.Path.GetFileName(e.Source))) + (run.Snapshots.Count > 8 ? ", ..." : "") + ".");
            return episode.Replay(options with { Title = $"Replay: {run.Name}, {ReplayTitle(episode)}" });
        }

        private static string ReplayTitle(Episode episode) =>
            episode.Update is { } u ? string.Create(CultureInfo.InvariantCulture, $"snapshot at update {u:N0}") : "snapshot " + episode.Source;
    }

    private static int UserError(Terminal terminal, string message)
    {
        terminal.Error.WriteLine($"runlens replay: {message}");
        return ExitCodes.UserError;
    }
}
