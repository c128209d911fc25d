namespace RunLens;

/// <summary>How a <see cref="LiveScan"/> follows runs and decides that they ended.</summary>
public sealed record LiveOptions
{
    /// <summary>The defaults: the default scan, a run ends after 120 s without a write or when its tool records an end.</summary>
    public static LiveOptions Default { get; } = new();

    /// <summary>The scan's options (sample sizes, buckets, seed); the same as a full scan's for results to be equal.</summary>
    public ScanOptions Scan { get; init; } = ScanOptions.Default;

    /// <summary>A run whose files were not written for this long counts as ended. <see cref="Timeout.InfiniteTimeSpan"/> never.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>True (the default): a run counts as ended when its tool records an end (a final status, W&amp;B's exit record).</summary>
    public bool StopAtRecordedEnd { get; init; } = true;

    /// <summary>The clock, for tests; the system clock when null.</summary>
    public TimeProvider? Clock { get; init; }

    internal void Validate()
    {
        Scan.Validate();
        if (IdleTimeout <= TimeSpan.Zero && IdleTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), IdleTimeout, "The idle timeout must be positive (or Timeout.InfiniteTimeSpan).");
    }
}
