using System.CommandLine;
using System.Globalization;

namespace RunLens.Cli.Commands;

/// <summary>
/// <c>runlens plot RUN_DIR</c>: writes <c>{variant}_{timestamp}_rewards.{ext}</c> and <c>..._heatmap.{ext}</c> for each
/// run under RUN_DIR, into the run's <c>plots/</c> folder unless <c>--output-dir</c> says otherwise: standalone HTML, or
/// PNG, SVG, PDF, JPEG or WebP through headless Chromium (RunLens.Export).
/// </summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("RUN_DIR") { Description = "A run's folder (experiments/<variant>/<timestamp>), or a folder of runs." };
        var variant = new Option<string?>("--variant") { Description = "Variant name for the file names when the folders do not give one." };
        var outputDir = new Option<string?>("--output-dir") { Description = "Where to write (default: each run's plots/ folder)." };
        var format = new Option<string>("--format") { Description = "Output format: html (interactive, works offline) or png, svg, pdf, jpg, webp (through headless Chromium).", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong(Formats);
        var image = ImageCliOptions.Create();
        var window = new Option<int>("--smooth-window") { Description = "Smooth the exact bucket means with a rolling mean of N buckets (0: none)." };
        var verbose = new Option<bool>("--verbose") { Description = "Print what was read and every problem found." };
        var layout = CliRuns.LayoutOption();
        var command = new Command("plot", "Write reward curves and a position heatmap (standalone HTML, works offline) for each run.")
        {
            path, variant, outputDir, format, window, verbose, layout,
        };
        image.AddTo(command);
        command.SetAction(parse => Run(
            new PlotRequest(parse.GetValue(path)!, parse.GetValue(variant), parse.GetValue(outputDir), parse.GetValue(window), parse.GetValue(verbose))
            {
                Layout = parse.GetValue(layout), Format = parse.GetValue(format)!, Image = image.Read(parse),
            },
            Terminal.FromConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)));
        return command;
    }

    /// <summary>The formats <c>--format</c> accepts.</summary>
    internal static readonly string[] Formats = ["html", "png", "svg", "pdf", "jpg", "webp"];

    internal sealed record PlotRequest(string Path, string? Variant, string? OutputDir, int SmoothWindow, bool Verbose)
    {
        /// <summary>html, or an image format (see <see cref="Formats"/>).</summary>
        public string Format { get; init; } = "html";

        /// <summary>Size, DPI, theme and browser (<c>--width</c>, <c>--height</c>, <c>--dpi</c>, <c>--theme</c>, <c>--browser</c>).</summary>
        public ImageCliOptions.Values Image { get; init; } = new();

        /// <summary>The <c>--layout</c> pattern, or null to guess variant and seed from the folders.</summary>
        public string? Layout { get; init; }
    }

    internal static int Run(PlotRequest request, Terminal terminal)
    {
        if (request.SmoothWindow < 0)
        {
            terminal.Error.WriteLine("runlens plot: --smooth-window must be 0 (none) or a positive number of buckets.");
            return ExitCodes.UserError;
        }
        if (ImageCliOptions.Check(request.Image, request.Format) is { } problem)
        {
            terminal.Error.WriteLine($"runlens plot: {problem}");
            return ExitCodes.UserError;
        }
        RunSet runs;
        try
        {
            runs = CliRuns.Load(request.Path, request.Layout);
        }
        catch (RunLoadException ex)
        {
            terminal.Error.WriteLine($"runlens plot: {CliRuns.Message(ex.Message)}");
            return ExitCodes.UserError;
        }
        if (Outputs(runs, request, out var clash) is not { } outputs)
        {
            terminal.Error.WriteLine($"runlens plot: {clash}");
            return ExitCodes.UserError;
        }
        // Images need a browser: find it before anything is written, so a missing one leaves no partial output.
        if (request.Format != "html" && ImageCliOptions.FindBrowser(request.Image, terminal, "plot") is null)
            return ExitCodes.UserError;
        var smoothing = request.SmoothWindow > 0 ? Smoothing.Window(request.SmoothWindow) : Smoothing.None;
        var partial = runs.Issues.Count > 0;
        try
        {
            foreach (var run in runs)
                partial |= PlotRun(run, outputs[run], request, smoothing, terminal);
        }
        catch (BrowserNotFoundException ex)
        {
            // Found but would not start: each image is written whole or not at all, so nothing is half-written.
            terminal.Error.WriteLine($"runlens plot: {ex.Message}");
            return ExitCodes.UserError;
        }
        return partial ? ExitCodes.PartialData : ExitCodes.Ok;
    }

    /// <summary>Writes one run's files; true when some of its data could not be read.</summary>
    private static bool PlotRun(Run run, (string Folder, string Prefix) output, PlotRequest request, Smoothing smoothing, Terminal terminal)
    {
        var scan = terminal.Scan($"scanning {run.Name}", progress => run.Scan(ScanOptions.Default with { Progress = progress }));
        var (folder, prefix) = output;
        var title = $"{request.Variant ?? run.Variant ?? run.Name} {run.Info.Timestamp}".Trim();
        if (request.Verbose)
            terminal.Error.WriteLine($"{run.Name}: {scan}");
        if (TryFigure(() => scan.RewardCurves(smoothing, $"{title}: rewards"), terminal, run, "reward curves") is { } rewards)
            Write(rewards, Path.Combine(folder, $"{prefix}_rewards.{request.Format}"), request, terminal);
        if (scan.DistinctPositions > 0)
        {
            if (TryFigure(() => scan.PositionHeatmap($"{title}: positions"), terminal, run, "heatmap") is { } heatmap)
                Write(heatmap, Path.Combine(folder, $"{prefix}_heatmap.{request.Format}"), request, terminal);
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
            terminal.Error.WriteLine($"{run.Name}: no {what}: {CliRuns.Message(ex.Message)}");
            return null;
        }
    }

    private static void Write(Figure figure, string path, PlotRequest request, Terminal terminal)
    {
        if (request.Format == "html")
            figure.WithTheme(request.Image.Theme).WriteHtml(path);
        else
            figure.SaveImage(path, request.Image.ToImageOptions());
        terminal.Out.WriteLine(path);
    }

    /// <summary>
    /// Each run's output folder and file prefix, unique across the runs so no run's page replaces another's: the
    /// prefix is <c>{variant}_{timestamp}</c> when the run has both (<c>--variant</c> replaces the variant), the
    /// <c>--variant</c> alone for a run without timestamp, else the run's name (its path under the loaded folder, so
    /// the seeds of a variant get one file each). Runs whose names still meet in one folder get their run name
    /// added; when even that meets (names differing only in '/' against '_' or in case), null, and
    /// <paramref name="clash"/> names both runs.
    /// </summary>
    internal static Dictionary<Run, (string Folder, string Prefix)>? Outputs(RunSet runs, PlotRequest request, out string? clash)
    {
        clash = null;
        var outputs = runs.ToDictionary(r => r, r => (Folder: request.OutputDir ?? Path.Combine(r.Info.Root, "plots"), Prefix: FilePrefix(r, request.Variant)));
        foreach (var group in runs.GroupBy(r => Key(outputs[r]), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            foreach (var run in group)
            {
                var prefix = outputs[run].Prefix;
                var name = Safe(run.Name);
                outputs[run] = (outputs[run].Folder, prefix == name ? name : prefix + "_" + name);
            }
        }
        var taken = new Dictionary<string, Run>(StringComparer.OrdinalIgnoreCase);
        foreach (var run in runs)
        {
            if (taken.TryAdd(Key(outputs[run]), run))
                continue;
            var (folder, prefix) = outputs[run];
            clash = $"runs '{taken[Key(outputs[run])].Name}' and '{run.Name}' would both write {Path.Combine(folder, prefix + "_rewards." + request.Format)}; nothing was written. Plot them one at a time, or give each its own --output-dir.";
            return null;
        }
        return outputs;
    }

    private static string Key((string Folder, string Prefix) output) => Path.Combine(Path.GetFullPath(output.Folder), output.Prefix);

    /// <summary>The run's own prefix before uniqueness (see <see cref="Outputs"/>).</summary>
    private static string FilePrefix(Run run, string? variant)
    {
        var t = run.Info.Timestamp;
        var v = variant ?? run.Variant;
        var name = v is not null && t is not null ? $"{v}_{t}" : variant ?? run.Name;
        return Safe(name);
    }

    private static string Safe(string name) =>
        string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is ' ' or '/' or '\\' ? '_' : c));
}
