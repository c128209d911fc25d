namespace RunLens.Interactive.Tests.Kernel;

/// <summary>Shows progress at once and updates it every 20 ms for one test, so short scans exercise the display.</summary>
internal sealed class ProgressTiming : IDisposable
{
    private readonly TimeSpan _delay = CellProgress.Delay;
    private readonly TimeSpan _interval = CellProgress.Interval;

    private ProgressTiming()
    {
        CellProgress.Delay = TimeSpan.Zero;
        CellProgress.Interval = TimeSpan.FromMilliseconds(20);
    }

    public static ProgressTiming Immediate() => new();

    public void Dispose()
    {
        CellProgress.Delay = _delay;
        CellProgress.Interval = _interval;
    }
}
