using System.Globalization;

namespace RunLens;

/// <summary>Where a followed run stands after an update of its <see cref="LiveScan"/>: one line of status.</summary>
/// <param name="Records">Valid records read in all.</param>
/// <param name="LastStep">The largest step so far, or null before the first record.</param>
/// <param name="Files">Data files followed.</param>
/// <param name="BytesRead">Bytes read from disk by the last update (what was appended, plus files read again).</param>
/// <param name="RecordsPerSecond">New records per second of wall time between the last two updates (0 at the first).</param>
/// <param name="LastWrite">When a data file of the run was last written, or null when it has none.</param>
/// <param name="PendingBytes">Bytes at the ends of files that are not whole records yet (a writer mid-write).</param>
/// <param name="Finished">True once the run has ended (see <see cref="Reason"/>); the watch stops.</param>
/// <param name="Reason">Why the run counts as ended (<c>status FINISHED</c>, <c>no writes for 60 s</c>), else null.</param>
/// <param name="UpdatedAt">When the update ran.</param>
public sealed record LiveStatus(
    long Records, long? LastStep, int Files, long BytesRead, double RecordsPerSecond, DateTimeOffset? LastWrite,
    long PendingBytes, bool Finished, string? Reason, DateTimeOffset UpdatedAt)
{
    /// <summary>Time from the last write to <see cref="UpdatedAt"/>, or null when no file was written.</summary>
    public TimeSpan? SinceLastWrite => LastWrite is { } w ? UpdatedAt - w : null;

    /// <summary>One line: records, last step, rate, time since the last write and whether the run still runs.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var step = LastStep is { } s ? string.Create(ci, $"step {s:N0}") : "no step yet";
        var since = SinceLastWrite is { } t ? string.Create(ci, $"last write {Math.Max(0, t.TotalSeconds):0} s ago") : "nothing written yet";
        var state = Finished ? $"ended ({Reason})" : "running";
        var pending = PendingBytes > 0 ? string.Create(ci, $" · {PendingBytes:N0} bytes being written") : "";
        return string.Create(ci, $"{Records:N0} records · {step} · {RecordsPerSecond:N0} records/s · {since}{pending} · {state}");
    }
}
