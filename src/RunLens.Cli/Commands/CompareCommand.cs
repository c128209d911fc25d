using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RunLens.Cli.Reports;

namespace RunLens.Cli.Commands;

/// <summary>
/// <c>runlens compare DIR --metric M | --episodes K [--group-by G] [--last K] [--gamma G] [--reps N] [--seed S]
/// [--format F] [--json] [--html out.html]</c>: each run's final score, then per group n, mean (Student-t interval),
/// median, IQM (bootstrap interval), std, the optimality gap with <c>--gamma</c>, and P(X &gt; Y) for every pair.
/// </summary>
internal static partial class CompareCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("DIR") { Description = "A folder of runs (a sweep, or experiments/<variant>/<timestamp>)." };
        var metric = new Option<string?>("--metric", "-m") { Description = "The metric whose final values are compared, e.g. metrics.episode_return_mean (see runlens ls)." };
        var groupBy = new Option<string>("--group-by", "-g") { Description = "variant, run, or hyperparameter names, comma-separated (learning_rate,batch_size).", DefaultValueFactory = _ => RunGroups.Variant };
        var last = new Option<long?>("--last") { Description = "Score = mean of the metric over each run's last K steps (default: the last 10% of its steps)." };
        var episodes = new Option<int?>("--episodes") { Description = "Score = mean return of each run's last K episodes, instead of --metric." };
        var gamma = new Option<double?>("--gamma") { Description = "Also report the optimality gap gamma - mean(min(score, gamma))." };
        var reps = new Option<int>("--reps") { Description = "Bootstrap resamples.", DefaultValueFactory = _ => BootstrapOptions.Default.Reps };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the bootstrap generator (same seed, same intervals).", DefaultValueFactory = _ => BootstrapOptions.Default.Seed };
        var format = new Option<string?>("--format") { Description = "Only runs of this format (json-log, mlflow, tensorboard, ...; see runlens ls), e.g. when a folder holds the same runs twice." };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object on stdout." };
        var html = new Option<string?>("--html") { Description = "Also write the table and charts as a standalone page (works offline)." };
        var layout = CliRuns.LayoutOption();
        var figuresDir = new Option<string?>("--figures") { Description = "Also write each comparison chart as an image file into this folder (NN_title.png, ...)." };
        var figureFormat = new Option<string>("--figure-format") { Description = "The format of --figures: png, svg, pdf, jpg or webp (--format already picks the runs' log format).", DefaultValueFactory = _ => "png" };
        figureFormat.AcceptOnlyFromAmong("png", "svg", "pdf", "jpg", "webp");
        var image = ImageCliOptions.Create();
        var x = new Option<string?>("--x") { Description = "The page's learning curves use this field as x instead of the step, e.g. metrics.env_steps when runs' updates differ in size." };
        var command = new Command("compare", "Compare final scores across variants or hyperparameter settings: n, mean and IQM with confidence intervals, median, optimality gap, probability of improvement.")
        {
            path, metric, groupBy, last, episodes, gamma, reps, seed, format, json, html, x, layout, figuresDir, figureFormat,
        };
        image.AddTo(command);
        command.SetAction(parse => Run(
            new CompareRequest(parse.GetValue(path)!, parse.GetValue(metric), parse.GetValue(groupBy)!, parse.GetValue(last),
                parse.GetValue(episodes), parse.GetValue(gamma), parse.GetValue(reps), parse.GetValue(seed), parse.GetValue(format),
                parse.GetValue(json), parse.GetValue(html))
            {
                X = parse.GetValue(x), Layout = parse.GetValue(layout), Figures = parse.GetValue(figuresDir),
                FigureFormat = parse.GetValue(figureFormat)!, Image = image.Read(parse),
            },
            Terminal.FromConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)));
        return command;
    }

    internal sealed record CompareRequest(
        string Path, string? Metric, string GroupBy, long? Last, int? Episodes, double? Gamma, int Reps, ulong Seed,
        string? Format, bool Json, string? Html)
    {
        /// <summary>The field the page's curves use as x, or null for the step.</summary>
        public string? X { get; init; }

        /// <summary>The <c>--layout</c> pattern, or null to guess variant and seed from the folders.</summary>
        public string? Layout { get; init; }

        /// <summary>The folder <c>--figures</c> writes each chart into, or null.</summary>
        public string? Figures { get; init; }

        /// <summary>The image format of <c>--figures</c>.</summary>
        public string FigureFormat { get; init; } = "png";

        /// <summary>Size, DPI, theme and browser of <c>--figures</c>.</summary>
        public ImageCliOptions.Values Image { get; init; } = new();
    }

    internal static int Run(CompareRequest request, Terminal terminal)
    {
        if (Check(request) is { } problem)
            return UserError(terminal, problem);
        if (request.Figures is not null && ImageCliOptions.Check(request.Image, request.FigureFormat) is { } imageProblem)
            return UserError(terminal, imageProblem);
        // Images need a browser: refuse before anything is written when there is none.
        if (request.Figures is not null && ImageCliOptions.FindBrowser(request.Image, terminal, "compare") is null)
            return ExitCodes.UserError;
        RunSet runs;
        try
        {
            runs = CliRuns.Load(request.Path, request.Layout);
        }
        catch (RunLoadException ex)
        {
            return UserError(terminal, CliRuns.Message(ex.Message));
        }
        var notes = new List<string>();
        if (Select(runs, request.Format, notes) is not { } selected)
            return UserError(terminal, $"no run of format '{request.Format}' under '{request.Path}'. Formats there: {Formats(runs)}.");
        runs = selected;
        if (runs.Count == 0)
            return UserError(terminal, $"no run found under '{request.Path}'.");

        FinalScoreSet scores;
        try
        {
            scores = request.Episodes is { } k
                ? runs.FinalEpisodeScores(k, request.GroupBy)
                : runs.FinalScores(request.Metric!, request.Last, request.GroupBy);
        }
        catch (ArgumentException ex)
        {
            return UserError(terminal, CliRuns.Message(ex.Message));
        }
        if (scores.Scores.Count == 0)
            return UserError(terminal, NoScores(runs, request, scores));

        var bootstrap = BootstrapOptions.Default with { Reps = request.Reps, Seed = request.Seed };
        var comparison = scores.Compare(request.Gamma, bootstrap);
        notes.InsertRange(0, scores.Notes);
        notes.AddRange(comparison.Groups.Where(g => g.N < 2).Select(g =>
            $"{g.Group}: one run only, so no interval (mean, IQM, gap and its probabilities of improvement have none)."));
        var report = CompareReport.From(comparison, request.Format, notes);

        if (request.Json)
            terminal.Out.WriteLine(JsonSerializer.Serialize(report, CompareJsonContext.Default.CompareReport));
        else
            WriteText(terminal.Out, comparison, report);
        if (request.Html is { } page)
        {
            ComparePage.Write(page, runs, comparison, report, request.Episodes is null ? request.Metric : null, request.X);
            terminal.Error.WriteLine($"wrote {Path.GetFullPath(page)}");
        }
        if (request.Figures is { } folder)
        {
            var figures = ComparePage.Figures(runs, comparison, request.Episodes is null ? request.Metric : null, request.X, []);
            try
            {
                var options = request.Image.ToImageOptions() with { Format = ImageOptions.FormatOf(request.FigureFormat) };
                foreach (var written in figures.SaveImages(folder, options))
                    terminal.Error.WriteLine($"wrote {written}");
            }
            catch (BrowserNotFoundException ex)
            {
                return UserError(terminal, ex.Message);
            }
        }
        return ReportIssues(terminal, runs, request.Episodes is not null);
    }

    /// <summary>What is wrong with the options, or null.</summary>
    internal static string? Check(CompareRequest request)
    {
        if ((request.Metric is null) == (request.Episodes is null))
            return "give either --metric M (final values of a metric) or --episodes K (returns of the last K episodes), one of the two.";
        if (request.Metric is not null && string.IsNullOrWhiteSpace(request.Metric))
            return "--metric needs a metric name (see runlens ls DIR).";
        if (request.Episodes is not null && request.Last is not null)
            return "--last K is the step window of --metric; with --episodes K the window is the last K episodes.";
        if (request.Last is < 1)
            return "--last must be at least 1 step.";
        if (request.Episodes is < 1)
            return "--episodes must be at least 1.";
        if (request.Reps < 1)
            return "--reps must be at least 1.";
        if (request.Gamma is { } g && !double.IsFinite(g))
            return "--gamma must be a finite number.";
        if (string.IsNullOrWhiteSpace(request.GroupBy))
            return "--group-by needs variant, run or hyperparameter names.";
        return null;
    }

    /// <summary>
    /// The runs of one format (null when there are none), or all; without a filter, a note when the folder holds
    /// several formats, since exporters often write the same runs twice (JSON logs and an MLflow mirror).
    /// </summary>
    private static RunSet? Select(RunSet runs, string? format, List<string> notes)
    {
        if (format is not null)
        {
            var selected = runs.Where(r => string.Equals(r.Info.Format, format, StringComparison.OrdinalIgnoreCase));
            return selected.Count > 0 ? selected : null;
        }
        if (runs.Select(r => r.Info.Format).Distinct(StringComparer.Ordinal).Count() > 1)
            notes.Add($"The runs are in several formats ({Formats(runs)}); if some are copies of the same runs, they may count twice: pick one with --format.");
        return runs;
    }

    private static string Formats(RunSet runs) => string.Join(", ", runs.GroupBy(r => r.Info.Format, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} ({g.Count()} runs)")));

    /// <summary>
    /// Why there is nothing to compare; for an unknown metric, the metrics the runs have, every run's (not only the
    /// first's: runs of a sweep, or of several formats, often log different fields), each with the number of runs
    /// that have it when not all do.
    /// </summary>
    private static string NoScores(RunSet runs, CompareRequest request, FinalScoreSet scores)
    {
        if (request.Metric is { } metric && scores.Notes.Count(n => n.EndsWith($"no field '{metric}'; left out.", StringComparison.Ordinal)) == runs.Count)
        {
            var names = MetricsAcross(runs);
            var shown = string.Join(", ", names.Take(12)) + (names.Count > 12 ? string.Create(CultureInfo.InvariantCulture, $", ... ({names.Count} in all)") : "");
            var who = runs.Count == 1 ? runs[0].Name + " has" : string.Create(CultureInfo.InvariantCulture, $"the {runs.Count} runs have");
            return $"no run has a metric '{metric}'; {who}: {(names.Count > 0 ? shown : "no metric")}. See runlens ls {request.Path}.";
        }
        return "no run has a final score: " + string.Join(" ", scores.Notes.Take(5)) + (scores.Notes.Count > 5 ? " ..." : "");
    }

    /// <summary>Every metric of any run, the most common first, then by name; "name (k of n runs)" when not every run has it.</summary>
    internal static List<string> MetricsAcross(RunSet runs)
    {
        var counts = runs.Describe()
            .SelectMany(r => r.Metrics.Select(m => m.Name).Distinct(StringComparer.Ordinal))
            .GroupBy(n => n, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Runs: g.Count()))
            .OrderByDescending(m => m.Runs).ThenBy(m => m.Name, StringComparer.Ordinal);
        return counts.Select(m => m.Runs == runs.Count ? m.Name : string.Create(CultureInfo.InvariantCulture, $"{m.Name} ({m.Runs} of {runs.Count} runs)")).ToList();
    }

    /// <summary>Lists load problems on stderr; partial data exits 2.</summary>
    private static int ReportIssues(Terminal terminal, RunSet runs, bool episodes)
    {
        var issues = runs.Issues.Concat(episodes ? runs.SelectMany(r => r.Episodes.Issues) : []).ToList();
        foreach (var issue in issues.Take(10))
            terminal.Error.WriteLine($"  {issue}");
        if (issues.Count > 10)
            terminal.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... {issues.Count - 10} more (runlens ls shows them all)"));
        return issues.Count > 0 ? ExitCodes.PartialData : ExitCodes.Ok;
    }

    private static int UserError(Terminal terminal, string message)
    {
        terminal.Error.WriteLine($"runlens compare: {message}");
        return ExitCodes.UserError;
    }
}
