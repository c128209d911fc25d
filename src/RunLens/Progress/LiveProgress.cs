namespace RunLens;

/// <summary>
/// Where long operations (scans, <c>Describe()</c>, final scores and curves over many runs) show their progress when
/// the caller passed no <see cref="IProgress{T}"/> of its own. A notebook host sets <see cref="Display"/>: the RunLens
/// kernel extension shows a line in the cell that updates in place and ends as a one-line summary. The CLI passes its
/// own progress bar instead. With no display set (the default) nothing is shown and nothing is paid.
/// </summary>
public static class LiveProgress
{
    private static readonly AsyncLocal<ProgressScope?> _current = new();

    /// <summary>
    /// Starts the display of one operation, given its description (for example "Scanning 40 files, 1.9 GB").
    /// Called once per outermost operation: work nested inside one (the scans of a <c>Describe()</c>) reports nothing
    /// of its own. Null shows nothing.
    /// </summary>
    public static Func<string, IProgressDisplay>? Display { get; set; }

    // The scope of an operation on this flow; NoScope when another operation is already showing (or no host is set).
    internal static ProgressScope Begin(string operation)
    {
        if (_current.Value is { IsOpen: true } || Display is not { } display)
            return ProgressScope.None;
        var scope = new ProgressScope(display(operation), () => _current.Value = null);
        _current.Value = scope;
        return scope;
    }
}

/// <summary>Shows the progress of one operation, for example as a notebook output that updates in place.</summary>
public interface IProgressDisplay : IDisposable
{
    /// <summary>How far the operation has got. Called from any thread, often (throttle as you need).</summary>
    void Report(ProgressReport report);

    /// <summary>The operation finished; <paramref name="summary"/> says what it did ("Scanned 40 files ... in 3.2 s").</summary>
    void Complete(string summary);
}

/// <summary>How far an operation has got.</summary>
/// <param name="Operation">What is being done, as given when it started.</param>
/// <param name="Fraction">Done so far, 0 to 1.</param>
/// <param name="Detail">The counts behind the fraction, for example "12/40 files, 480.0/1900.0 MB, 1,234,567 records".</param>
/// <param name="Elapsed">Time since the operation started.</param>
public readonly record struct ProgressReport(string Operation, double Fraction, string Detail, TimeSpan Elapsed);
