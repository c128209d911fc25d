using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RunLens.Cli.Reports;

namespace RunLens.Cli.Commands;

/// <summary>
/// <c>runlens ls DIR</c>: every run found, one line each (format, variant, seed, hyperparameters, metrics, points,
/// steps, episodes, issues), then the issues; or one JSON object with <c>--json</c>.
/// </summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("DIR") { Description = "A folder of experiments or runs, a run's folder, or one log file." };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object on stdout." };
        var layout = CliRuns.LayoutOption();
        var command = new Command("ls", "List every run under DIR: format, variant, seed, hyperparameters, metrics with exact point counts and step ranges, episodes, problems.")
        {
            path, json, layout,
        };
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(json), parse.GetValue(layout),
            Terminal.FromConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)));
        return command;
    }

    internal static int Run(string path, bool json, string? layout, Terminal terminal)
    {
        RunListing listing;
        try
        {
            listing = CliRuns.Load(path, layout).Describe();
        }
        catch (Exception ex) when (ex is RunLoadException or ArgumentException)
        {
            terminal.Error.WriteLine($"runlens ls: {CliRuns.Message(ex.Message)}");
            return ExitCodes.UserError;
        }
        var report = ListReport.From(listing);
        if (json)
            terminal.Out.WriteLine(JsonSerializer.Serialize(report, ListJsonContext.Default.ListReport));
        else
            WriteTable(terminal.Out, listing);
        // Skipped records count too: each should come with an issue, but partial data is partial data either way.
        return report.CountIssues() > 0 || listing.Any(r => r.Skipped.Count > 0) ? ExitCodes.PartialData : ExitCodes.Ok;
    }

    private static void WriteTable(TextWriter o, RunListing listing)
    {
        var ci = CultureInfo.InvariantCulture;
        string[] headers = ["name", "format", "variant", "seed", "hyperparameters", "metrics", "points", "steps", "episodes", "issues"];
        // Numeric columns are right-aligned, like the notebook table.
        bool[] numeric = [false, false, false, true, false, true, true, false, true, true];
        var rows = listing.Select(r => new[]
        {
            r.Name, r.Format, r.Variant ?? "", r.Seed?.ToString(ci) ?? "", listing.ShortConfig(r),
            r.Metrics.Count.ToString(ci), r.Points.ToString("N0", ci),
            r.StepMin is { } lo && r.StepMax is { } hi ? string.Create(ci, $"{lo}..{hi}") : "",
            r.Episodes.Count.ToString("N0", ci), r.Issues.Count.ToString(ci),
        }).ToList();
        var widths = headers.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((cell, c) =>
            numeric[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd();

        var issues = listing.AllIssues;
        o.WriteLine(string.Create(ci, $"{listing.Count} {(listing.Count == 1 ? "run" : "runs")} under {listing.Root}"));
        o.WriteLine();
        o.WriteLine(Line(headers));
        foreach (var row in rows)
            o.WriteLine(Line(row));
        // A run's summary (a key/value table, a summary.json) is no metric: its values follow the table.
        var summarised = listing.Where(r => r.Summary.Count > 0).ToList();
        if (summarised.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("summary");
            foreach (var run in summarised)
                o.WriteLine(run.Name + ": " + string.Join(" ", run.Summary.Select(s => s.Key + "=" + s.Value)));
        }
        if (issues.Count > 0)
        {
            o.WriteLine();
            o.WriteLine(issues.ToString());
        }
    }
}
