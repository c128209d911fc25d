using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RunLens.Cli.Reports;

namespace RunLens.Cli.Commands;

/// <summary><c>runlens scan DIR</c>: one pass over every record; a summary, or one JSON object with <c>--json</c>.</summary>
internal static class ScanCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("DIR") { Description = "A folder of experiments or runs, a run's folder, or one log file." };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object on stdout." };
        var reservoir = new Option<int>("--reservoir") { Description = "Rows in the uniform sample.", DefaultValueFactory = _ => ScanOptions.Default.ReservoirSize };
        var perFile = new Option<int>("--per-file") { Description = "Evenly spaced rows kept per file.", DefaultValueFactory = _ => ScanOptions.Default.PerFileSamples };
        var threads = new Option<int>("--threads") { Description = "Files read in parallel (0: one per core)." };
        var seed = new Option<int>("--seed") { Description = "Sampling seed." };
        var layout = CliRuns.LayoutOption();
        var command = new Command("scan", "Read every record of every run under DIR and summarise: records, steps, fields, positions, problems.")
        {
            path, json, reservoir, perFile, threads, seed, layout,
        };
        command.SetAction(parse => Run(
            parse.GetValue(path)!,
            new ScanOptions { ReservoirSize = parse.GetValue(reservoir), PerFileSamples = parse.GetValue(perFile), Threads = parse.GetValue(threads), Seed = parse.GetValue(seed) },
            parse.GetValue(json),
            parse.GetValue(layout),
            Terminal.FromConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)));
        return command;
    }

    internal static int Run(string path, ScanOptions options, bool json, string? layout, Terminal terminal)
    {
        RunSet runs;
        ScanResult scan;
        try
        {
            runs = CliRuns.Load(path, layout);
            scan = terminal.Scan($"scanning {runs.Count} runs", progress => runs.Scan(options with { Progress = progress }));
        }
        catch (Exception ex) when (ex is RunLoadException or ArgumentException)
        {
            terminal.Error.WriteLine($"runlens scan: {CliRuns.Message(ex.Message)}");
            return ExitCodes.UserError;
        }
        var report = ScanReport.From(runs, scan);
        if (json)
            terminal.Out.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.ScanReport));
        else
            WriteSummary(terminal.Out, report);
        return report.Issues.Count > 0 ? ExitCodes.PartialData : ExitCodes.Ok;
    }

    private static void WriteSummary(TextWriter o, ScanReport r)
    {
        var ci = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(ci, $"{r.Runs.Count} runs, {r.Files} files, {r.Bytes / 1e6:0.0} MB in {r.Seconds:0.00} s ({r.MegabytesPerSecond:0} MB/s)"));
        var skipped = r.Skipped > 0
            ? string.Create(ci, $" ({r.Skipped:N0} skipped: {string.Join(", ", r.SkippedByReason.Select(kv => string.Create(ci, $"{kv.Value} {kv.Key}")))})")
            : "";
        o.WriteLine(string.Create(ci, $"records      {r.Records:N0}{skipped}"));
        o.WriteLine(string.Create(ci, $"steps        {r.StepMin}..{r.StepMax}"));
        if (r.RecordsWithoutStep > 0)
            o.WriteLine(string.Create(ci, $"             {r.RecordsWithoutStep:N0} records had no step field; their position in their file was used"));
        o.WriteLine(string.Create(ci, $"positions    {r.DistinctPositions:N0} distinct cells"));
        o.WriteLine(string.Create(ci, $"sample       {r.ReservoirRows:N0} rows"));
        o.WriteLine();
        var width = Math.Max(5, r.Fields.Keys.DefaultIfEmpty("").Max(k => k.Length));
        o.WriteLine($"{"field".PadRight(width)}  {"count",12}  {"mean",12}  {"min",12}  {"max",12}");
        foreach (var (name, f) in r.Fields)
            o.WriteLine(string.Create(ci, $"{name.PadRight(width)}  {f.Count,12:N0}  {f.Mean,12:G6}  {f.Min,12:G6}  {f.Max,12:G6}") + (f.NonFinite > 0 ? string.Create(ci, $"  ({f.NonFinite} NaN/inf)") : ""));
        if (r.Issues.Count > 0)
        {
            o.WriteLine();
            o.WriteLine(string.Create(ci, $"{r.Issues.Count} issues:"));
            foreach (var issue in r.Issues)
                o.WriteLine("  " + new LoadIssue(issue.File, issue.Offset, issue.Line, issue.Message));
        }
    }
}
