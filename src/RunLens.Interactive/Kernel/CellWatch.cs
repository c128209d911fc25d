using System.Globalization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace RunLens.Interactive;

/// <summary>
/// The loop behind <c>run.Watch()</c>: updates a <see cref="LiveScan"/> every interval and replaces one displayed
/// <see cref="LiveView"/> in the cell (the same mechanism as <see cref="CellProgress"/>), until the runs end or the
/// cell is interrupted; then reads the files to their end and leaves the final chart and status in the cell.
/// Outside a kernel it shows nothing and only waits for the end.
/// </summary>
internal sealed class CellWatch
{
    private static readonly string[] MimeTypes = [HtmlFormatter.MimeType, PlainTextFormatter.MimeType];
    private static int _watches;

    private readonly KernelInvocationContext? _context;
    private readonly string _displayId;
    private bool _shown;

    private CellWatch(KernelInvocationContext? context)
    {
        _context = context;
        _displayId = "runlens-watch-" + Interlocked.Increment(ref _watches).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Watches until the runs end or <paramref name="cancellation"/> (else the cell's own token) fires; stops the live scan.</summary>
    public static ScanResult Run(LiveScan live, string? metric, TimeSpan every, string? title, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero, nameof(every));
        var context = KernelInvocationContext.Current;
        var token = cancellation.CanBeCanceled ? cancellation : context?.CancellationToken ?? CancellationToken.None;
        var watch = new CellWatch(context);
        var interrupted = false;
        while (true)
        {
            var result = live.Update();
            watch.Show(LiveView.Of(result, live.Status, metric, title));
            if (live.Finished)
                break;
            // The wait ends early when the cell is interrupted.
            if (token.WaitHandle.WaitOne(every))
            {
                interrupted = true;
                break;
            }
        }
        var status = live.Status;
        var final = live.Stop();
        var view = LiveView.Of(final, status, metric, title);
        if (interrupted)
            view = view with { Note = Join(view.Note, "Watch stopped: the cell was interrupted. The run may still be written; watch again to follow it.") };
        watch.Show(view);
        return final;
    }

    private static string Join(string? first, string second) => first is null ? second : first + " " + second;

    private void Show(LiveView view)
    {
        if (_context is null)
            return;
        var formatted = FormattedValue.CreateManyFromObject(view, MimeTypes);
        _context.Publish(_shown
            ? new DisplayedValueUpdated(view, _displayId, _context.Command, formatted)
            : new DisplayedValueProduced(view, _context.Command, formatted, _displayId));
        _shown = true;
    }
}
