using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Spectre.Console;
using Spectre.Console.Rendering;
using Column = Spectre.Console.TableColumn;

namespace RunLens.Cli.Commands;

/// <summary>
/// <c>runlens watch RUN_DIR</c>: follows runs while they are written (<see cref="LiveScan"/>) and shows, every
/// <c>--every</c>, each metric's latest value, its step and how fast it changes, under the one-line status; with
/// <c>--html</c> also a chart page rewritten whole each time, which reloads itself in a browser. Exits when the runs
/// end (a recorded final status, or no writes for <c>--idle</c>): 0, or 2 when some data could not be read; 130 on Ctrl+C.
/// </summary>
internal static partial class WatchCommand
{
    /// <summary>The most metrics the table lists when no <c>--metric</c> is given.</summary>
    private const int MaxRows = 20;

    public static Command Create()
    {
        var path = new Argument<string>("RUN_DIR") { Description = "A run's folder, a folder of runs (new runs join), or one log file." };
        var metric = new Option<string?>("--metric") { Description = "The metric to show and chart (as logged, or a role name such as rewards.total). Default: every metric, and the reward curves." };
        var every = DurationOption("--every", "Time between updates, e.g. 5s, 500ms, 1m.", TimeSpan.FromSeconds(5));
        var idle = DurationOption("--idle", "The runs count as ended after this long without a write.", LiveOptions.Default.IdleTimeout);
        var html = new Option<string?>("--html") { Description = "Also write the chart as a standalone page at each update (replaced whole; it reloads itself while the run is written)." };
        var layout = CliRuns.LayoutOption();
        var command = new Command("watch", "Follow runs while they train: latest values, steps and rates of each metric, until the runs end.")
        {
            path, metric, every, idle, html, layout,
        };
        command.SetAction((parse, cancellation) => Task.FromResult(Run(
            new WatchRequest(parse.GetValue(path)!, parse.GetValue(metric), parse.GetValue(every), parse.GetValue(idle), parse.GetValue(html), parse.GetValue(layout)),
            Terminal.FromConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error), cancellation)));
        return command;
    }

    internal sealed record WatchRequest(string Path, string? Metric, TimeSpan Every, TimeSpan Idle, string? Html, string? Layout);

    internal static int Run(WatchRequest request, Terminal terminal, CancellationToken cancellation)
    {
        if (!Directory.Exists(request.Path) && !File.Exists(request.Path))
        {
            terminal.Error.WriteLine($"runlens watch: '{request.Path}' does not exist. Give the folder the trainer writes into (it may be empty yet).");
            return ExitCodes.UserError;
        }
        var load = request.Layout is null ? LoadOptions.Default : LoadOptions.Default with { Layout = request.Layout };
        using var live = LiveScan.Follow(request.Path, load, new LiveOptions { IdleTimeout = request.Idle });
        var title = $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.Path)))} (live)";
        var table = new Updates(request.Metric);
        // The table is the command's output (stdout): drawn in place only on a terminal, else printed per update.
        var inPlace = terminal.Interactive && ReferenceEquals(terminal.Out, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(terminal.Out),
            Ansi = inPlace ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = inPlace ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = inPlace ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Printed to a file or pipe, a line is as long as it needs to be (Spectre would wrap at 80 columns).
        if (!inPlace)
            console.Profile.Width = 1000;
        var interrupted = false;
        void Loop(Action<IRenderable> show)
        {
            while (true)
            {
                var result = live.Update();
                show(table.Render(result, live.Status));
                WritePage(request, LiveView.Of(result, live.Status, request.Metric, title), terminal);
                if (live.Finished)
                    return;
                // Ctrl+C ends the wait at once.
                if (cancellation.WaitHandle.WaitOne(request.Every))
                {
                    interrupted = true;
                    return;
                }
            }
        }
        if (inPlace)
            console.Live(new Text("")).AutoClear(false).Start(context => Loop(view => { context.UpdateTarget(view); context.Refresh(); }));
        else
            Loop(view => { console.Write(view); console.WriteLine(); });
        var status = live.Status;
        var final = live.Stop();
        var finalView = LiveView.Of(final, status, request.Metric, title);
        if (interrupted)
        {
            WritePage(request, finalView with { Note = "Watch stopped (Ctrl+C); the run may still be written." }, terminal, reload: false);
            terminal.Error.WriteLine($"runlens watch: stopped; {final.Records:N0} records read. The run may still be written: watch again to follow it.");
            return ExitCodes.Interrupted;
        }
        // The last update showed the end already, unless stopping read more (a record cut off at the end of a file).
        if (final.Records != status.Records)
        {
            console.Write(table.Render(final, status));
            console.WriteLine();
        }
        WritePage(request, finalView, terminal);
        terminal.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"runlens watch: the run ended ({status.Reason}); {final.Records:N0} records."));
        foreach (var issue in final.Issues.Take(10))
            terminal.Error.WriteLine($"  {issue}");
        return final.Issues.Count > 0 ? ExitCodes.PartialData : ExitCodes.Ok;
    }

    private static void WritePage(WatchRequest request, LiveView view, Terminal terminal, bool reload = true)
    {
        if (request.Html is null)
            return;
        try
        {
            view.WriteHtml(request.Html, reload ? request.Every : Timeout.InfiniteTimeSpan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The next update tries again; the table goes on.
            terminal.Error.WriteLine($"runlens watch: cannot write {request.Html}: {ex.Message}");
        }
    }

    /// <summary>The table of one update, with each metric's change since the update before.</summary>
    private sealed class Updates(string? metric)
    {
        private readonly Dictionary<string, (double Value, DateTimeOffset At)> _previous = new(StringComparer.Ordinal);

        public IRenderable Render(ScanResult scan, LiveStatus status)
        {
            var ci = CultureInfo.InvariantCulture;
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("metric").AddColumn(new Column("last").RightAligned()).AddColumn(new Column("step").RightAligned())
                .AddColumn(new Column("change").RightAligned()).AddColumn(new Column("per s").RightAligned()).AddColumn(new Column("points").RightAligned());
            var fields = metric is null ? scan.Fields.Take(MaxRows).ToList() : scan.Field(metric) is { } f ? [f] : [];
            foreach (var field in fields)
            {
                var last = field.Buckets.LastOrDefault(b => b.Count > 0);
                if (last.Count == 0)
                {
                    table.AddRow(Markup.Escape(field.Name), "-", "-", "", "", field.Count.ToString("N0", ci));
                    continue;
                }
                var change = "";
                var rate = "";
                if (_previous.TryGetValue(field.Name, out var before))
                {
                    var seconds = (status.UpdatedAt - before.At).TotalSeconds;
                    change = (last.Last - before.Value).ToString("+0.####;-0.####;0", ci);
                    rate = seconds > 0 ? ((last.Last - before.Value) / seconds).ToString("+0.####;-0.####;0", ci) : "";
                }
                _previous[field.Name] = (last.Last, status.UpdatedAt);
                table.AddRow(Markup.Escape(field.Name), last.Last.ToString("G6", ci), last.LastStep.ToString("N0", ci), change, rate, field.Count.ToString("N0", ci));
            }
            if (metric is not null && fields.Count == 0)
                table.Caption = new TableTitle(Markup.Escape($"no field '{metric}' yet; fields so far: {(scan.Fields.Count == 0 ? "(none)" : string.Join(", ", scan.Fields.Select(x => x.Name)))}"));
            else if (metric is null && scan.Fields.Count > MaxRows)
                table.Caption = new TableTitle(Markup.Escape(string.Create(ci, $"{scan.Fields.Count - MaxRows} more fields; pick one with --metric")));
            // The status line above the table, unwrapped: it is wider than the table's columns.
            return new Rows(new Text(status.ToString()), table);
        }
    }

    private static Option<TimeSpan> DurationOption(string name, string description, TimeSpan fallback) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (ParseDuration(text) is { } duration)
                return duration;
            result.AddError($"{name} takes a positive duration such as 5s, 500ms, 2m or 1.5 (seconds); got '{text}'.");
            return fallback;
        },
    };

    /// <summary>A positive duration: a number with <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c>, or plain seconds; null otherwise.</summary>
    internal static TimeSpan? ParseDuration(string text)
    {
        var match = Duration().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || double.IsInfinity(value))
            return null;
        var seconds = match.Groups[2].Value switch { "ms" => value / 1000, "m" => value * 60, "h" => value * 3600, _ => value };
        return seconds is > 0 and < 1e7 ? TimeSpan.FromSeconds(seconds) : null;
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|h)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
