namespace RunLens;

/// <summary>How <see cref="Run.Scan"/> reads: sample sizes, seed, parallelism and progress.</summary>
public sealed record ScanOptions
{
    /// <summary>The defaults: 10,000 reservoir rows, 100 rows per file, 1,024 step buckets, seed 0, all cores.</summary>
    public static ScanOptions Default { get; } = new();

    /// <summary>Rows kept in the uniform reservoir sample of all records (deterministic for <see cref="Seed"/>).</summary>
    public int ReservoirSize { get; init; } = 10_000;

    /// <summary>Evenly spaced rows kept per file (at most this many, at least half of it when the file is longer).</summary>
    public int PerFileSamples { get; init; } = 100;

    /// <summary>Step buckets per curve. Neighbouring buckets merge as the step range grows.</summary>
    public int Buckets { get; init; } = 1024;

    /// <summary>The sampling seed. The same seed and the same files give the same samples.</summary>
    public int Seed { get; init; }

    /// <summary>Files read in parallel; 0 means one per core.</summary>
    public int Threads { get; init; }

    /// <summary>Receives progress about every 100 ms and at the end.</summary>
    public IProgress<ScanProgress>? Progress { get; init; }

    /// <summary>Stops the scan early; the files already read are not returned.</summary>
    public CancellationToken Cancellation { get; init; }

    internal int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    internal void Validate()
    {
        if (ReservoirSize < 0 || ReservoirSize > 10_000_000)
            throw new ArgumentOutOfRangeException(nameof(ReservoirSize), ReservoirSize, "Use 0 to 10,000,000 reservoir rows.");
        if (PerFileSamples < 0 || PerFileSamples > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(PerFileSamples), PerFileSamples, "Use 0 to 1,000,000 rows per file.");
        if (Buckets < 2 || Buckets > 1 << 20)
            throw new ArgumentOutOfRangeException(nameof(Buckets), Buckets, "Use 2 to 1,048,576 buckets.");
        if (Threads < 0)
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Use 0 (one per core) or a positive number of threads.");
    }
}
