using System.CommandLine;
using System.Globalization;

namespace RunLens.Cli.Commands;

/// <summary>
/// <c>runlens plot RUN_DIR</c>: writes <c>{variant}_{timestamp}_rewards.html</c> and <c>..._heatmap.html</c> for each
/// run under RUN_DIR, into the run's <c>plots/</c> folder unless <c>--output-dir</c> says otherwise.
/// </summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("RUN_DIR") { Description = "A run's folder (experiments/<variant>/<timestamp>), or a folder of runs." };
        var variant = new Option<string?>("--variant") { Description = "Variant name for the file names when the folders do not give one." };
        var outputDir = new Option<string?>("--output-dir") { Description = "Where to write (default: each run's plots/ folder)." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("html");
        var window = new Option<int>("--smooth-window") { Description = "Smooth the exact bucket means with a rolling mean of N buckets (0: none)." };
        var verbose = new Option<bool>("--verbose") { Description = "Print what was read and every problem found." };
        var command = new Command("plot", "Write reward curves and a position heatmap (standalone HTML, works offline) for each run.")
        {
            path, variant, outputDir, format, window, verbose,
        };
        command.SetAction(parse => Run(
            new PlotRequest(parse.GetValue(path)!, parse.GetValue(variant), parse.GetValue(outputDir), parse.GetValue(window), parse.GetValue(verbose)),
            Terminal.FromConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)));
        return command;
    }

    internal sealed record PlotRequest(string Path, string? Variant, string? OutputDir, int SmoothWindow, bool Verbose);

    internal static int Run(PlotRequest request, Terminal terminal)
    {
        if (request.SmoothWindow < 0)
        {
            terminal.Error.WriteLine("runlens plot: --smooth-window must be 0 (none) or a positive number of buckets.");
            return ExitCodes.UserError;
        }
        RunSet runs;
        try
        {
            runs = Runs.Load(request.Path);
        }
        catch (RunLoadException ex)
        {
            terminal.Error.WriteLine($"runlens plot: {ex.Message}");
            return ExitCodes.UserError;
        }
        var smoothing = request.SmoothWindow > 0 ? Smoothing.Window(request.SmoothWindow) : Smoothing.None;
        var partial = runs.Issues.Count > 0;
        foreach (var run in runs)
            partial |= PlotRun(run, request, smoothing, terminal);
        return partial ? ExitCodes.PartialData : ExitCodes.Ok;
    }

    /// <summary>Writes one run's files; true when some of its data could not be read.</summary>
    private static bool PlotRun(Run run, PlotRequest request, Smoothing smoothing, Terminal terminal)
    {
        var scan = terminal.Scan($"scanning {run.Name}", progress => run.Scan(ScanOptions.Default with { Progress = progress }));
        var folder = request.OutputDir ?? Path.Combine(run.Info.Root, "plots");
        Directory.CreateDirectory(folder);
        var prefix = FilePrefix(run, request.Variant);
        var title = $"{request.Variant ?? run.Variant ?? run.Name} {run.Info.Timestamp}".Trim();
        if (request.Verbose)
            terminal.Error.WriteLine($"{run.Name}: {scan}");
        if (TryFigure(() => scan.RewardCurves(smoothing, $"{title}: rewards"), terminal, run, "reward curves") is { } rewards)
            Write(rewards, Path.Combine(folder, $"{prefix}_rewards.html"), terminal);
        if (scan.DistinctPositions > 0)
        {
            if (TryFigure(() => scan.PositionHeatmap($"{title}: positions"), terminal, run, "heatmap") is { } heatmap)
                Write(heatmap, Path.Combine(folder, $"{prefix}_heatmap.html"), terminal);
        }
        else
        {
            terminal.Error.WriteLine($"{run.Name}: no record has a position (x, y), so no heatmap was written.");
        }
        foreach (var issue in scan.Issues.Take(request.Verbose ? int.MaxValue : 10))
            terminal.Error.WriteLine($"  {issue}");
        if (!request.Verbose && scan.Issues.Count > 10)
            terminal.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... {scan.Issues.Count - 10} more (use --verbose)"));
        return scan.Issues.Count > 0;
    }

    private static Figure? TryFigure(Func<Figure> make, Terminal terminal, Run run, string what)
    {
        try
        {
            return make();
        }
        catch (ArgumentException ex)
        {
            terminal.Error.WriteLine($"{run.Name}: no {what}: {ex.Message}");
            return null;
        }
    }

    private static void Write(Figure figure, string path, Terminal terminal)
    {
        figure.WriteHtml(path);
        terminal.Out.WriteLine(path);
    }

    /// <summary>
    /// <c>{variant}_{timestamp}</c> from the folders; otherwise the run's name (its path under the loaded folder), so
    /// sweeps whose runs are all called <c>seed_0</c> still get one file each.
    /// </summary>
    internal static string FilePrefix(Run run, string? variant)
    {
        var v = variant ?? run.Variant;
        var t = run.Info.Timestamp;
        var name = v is not null && t is not null ? $"{v}_{t}" : v ?? t ?? run.Name;
        return string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is ' ' or '/' or '\\' ? '_' : c));
    }
}
