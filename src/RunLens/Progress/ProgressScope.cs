using System.Diagnostics;

namespace RunLens;

/// <summary>
/// One operation's progress as the code doing it sees it: reports go to the display, completion ends it, and
/// disposing without completing (an exception, a cancellation) closes the display as stopped.
/// </summary>
internal sealed class ProgressScope : IDisposable
{
    public static ProgressScope None { get; } = new(null, null);

    private readonly IProgressDisplay? _display;
    private readonly Action? _onClose;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _closed;

    public ProgressScope(IProgressDisplay? display, Action? onClose)
    {
        _display = display;
        _onClose = onClose;
    }

    /// <summary>True while a display is open for this operation.</summary>
    public bool IsOpen => _display is not null && Volatile.Read(ref _closed) == 0;

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Report(string operation, double fraction, string detail)
    {
        if (IsOpen)
            _display!.Report(new ProgressReport(operation, Math.Clamp(fraction, 0, 1), detail, _clock.Elapsed));
    }

    public void Complete(string summary)
    {
        if (_display is null || Interlocked.Exchange(ref _closed, 1) != 0)
            return;
        try
        {
            _display.Complete(summary);
        }
        finally
        {
            _display.Dispose();
            _onClose?.Invoke();
        }
    }

    public void Dispose()
    {
        if (_display is null || Interlocked.Exchange(ref _closed, 1) != 0)
            return;
        try
        {
            _display.Dispose();
        }
        finally
        {
            _onClose?.Invoke();
        }
    }
}
