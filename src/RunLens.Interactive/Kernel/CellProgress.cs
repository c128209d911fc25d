using System.Diagnostics;
using System.Globalization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace RunLens.Interactive;

/// <summary>
/// Progress in the cell that runs the operation: nothing for quick work; after <see cref="Delay"/> a
/// <see cref="ProgressLine"/> that updates in place at most every <see cref="Interval"/>, and ends as the operation's
/// summary. Every update goes out through the cell's own context, captured when the operation started, so reports
/// from the scan's worker threads land in the right cell.
/// </summary>
internal sealed class CellProgress : IProgressDisplay
{
    private static int _displays;

    private readonly KernelInvocationContext _context;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private readonly string _displayId;
    private ProgressReport _latest;
    private bool _shown;
    private bool _changed;
    private bool _closed;

    private CellProgress(KernelInvocationContext context, string operation)
    {
        _context = context;
        _latest = new ProgressReport(operation, 0, "starting", TimeSpan.Zero);
        _displayId = "runlens-progress-" + Interlocked.Increment(ref _displays).ToString(CultureInfo.InvariantCulture);
        _timer = new Timer(_ => Tick(), null, Delay, Interval);
    }

    /// <summary>How long an operation runs before its progress shows (quick work shows nothing).</summary>
    public static TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>The shortest time between two updates of the line (each update is a message to the notebook).</summary>
    public static TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>A display for an operation started in a cell; outside a cell, one that shows nothing.</summary>
    public static IProgressDisplay Start(string operation) =>
        KernelInvocationContext.Current is { } context ? new CellProgress(context, operation) : NoDisplay.Instance;

    public void Report(ProgressReport report)
    {
        lock (_gate)
        {
            _latest = report;
            _changed = true;
        }
    }

    public void Complete(string summary) => Close(summary);

    public void Dispose() => Close(string.Create(CultureInfo.InvariantCulture,
        $"{_latest.Operation}: stopped after {_clock.Elapsed.TotalSeconds:0.0} s at {_latest.Fraction * 100:0}% ({_latest.Detail})"));

    private void Tick()
    {
        lock (_gate)
        {
            if (_closed || (_shown && !_changed))
                return;
            Publish(new ProgressLine(_latest with { Elapsed = _clock.Elapsed }));
        }
    }

    private void Close(string summary)
    {
        lock (_gate)
        {
            if (_closed)
                return;
            _closed = true;
            _timer.Dispose();
            // Quick work never showed a line; there is nothing to end.
            if (_shown)
                Publish(new ProgressLine(_latest with { Elapsed = _clock.Elapsed }, summary));
        }
    }

    private void Publish(ProgressLine line)
    {
        var formatted = FormattedValue.CreateManyFromObject(line, MimeTypes);
        _context.Publish(_shown
            ? new DisplayedValueUpdated(line, _displayId, _context.Command, formatted)
            : new DisplayedValueProduced(line, _context.Command, formatted, _displayId));
        _shown = true;
        _changed = false;
    }

    private static readonly string[] MimeTypes = [HtmlFormatter.MimeType, PlainTextFormatter.MimeType];

    private sealed class NoDisplay : IProgressDisplay
    {
        public static NoDisplay Instance { get; } = new();

        public void Report(ProgressReport report)
        {
        }

        public void Complete(string summary)
        {
        }

        public void Dispose()
        {
        }
    }
}
