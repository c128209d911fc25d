namespace RunLens.Samples;

/// <summary>What <see cref="SyntheticExperiment.Write"/> generates. The same options give the same bytes.</summary>
public sealed record SyntheticExperimentOptions
{
    /// <summary>Four variants of one seed, four environments of 20,000 steps each, a metrics run, no damage.</summary>
    public static SyntheticExperimentOptions Default { get; } = new();

    /// <summary>
    /// The repository's <c>sample-runs/</c>: v1..v4 (flat, flat, nested, nested) x 2 seeds x 2 environments of 1,000
    /// steps in files of 250 records (every 4th gzipped), plus a JSONL batch-metrics run; about 3 MB.
    /// </summary>
    public static SyntheticExperimentOptions Small { get; } = new()
    {
        SeedsPerVariant = 2, EnvsPerRun = 2, StepsPerEnv = 1_000, RecordsPerFile = 250, EpisodeLength = 400,
        GzipEvery = 4, MetricsLines = 400,
    };

    /// <summary>About 2 GB of logs for benchmarks, both layouts mixed within runs. Not checked in.</summary>
    public static SyntheticExperimentOptions Large { get; } = new() { TargetBytes = 2_000_000_000, MixLayouts = true };

    /// <summary>Variants v1..vN; the exploration bonus doubles from one to the next (0.01, 0.02, 0.04, ...).</summary>
    public int Variants { get; init; } = 4;

    /// <summary>Runs per variant, seeded <see cref="Seed"/>, <see cref="Seed"/> + 1, ...</summary>
    public int SeedsPerVariant { get; init; } = 1;

    /// <summary>The base seed. It fixes the world, the agents' choices and the folder timestamps.</summary>
    public int Seed { get; init; }

    /// <summary>Parallel environments per run; each writes its own files.</summary>
    public int EnvsPerRun { get; init; } = 4;

    /// <summary>Steps (records) per environment; ignored when <see cref="TargetBytes"/> is set.</summary>
    public int StepsPerEnv { get; init; } = 20_000;

    /// <summary>Records per file before a new chunk file starts.</summary>
    public int RecordsPerFile { get; init; } = 5_000;

    /// <summary>Steps after which an episode ends and the environment resets (it also resets on death).</summary>
    public int EpisodeLength { get; init; } = 1_024;

    /// <summary>
    /// Roughly how many bytes to write on disk in total (for example 2 GB for benchmarks). When set, it decides
    /// <see cref="StepsPerEnv"/> and <see cref="MetricsLines"/> (the metrics run gets about 5%).
    /// </summary>
    public long TargetBytes { get; init; }

    /// <summary>One layout for every file, or null for flat in the first half of the variants and nested in the rest.</summary>
    public RecordLayout? Layout { get; init; }

    /// <summary>
    /// True to switch flat runs to the nested layout half-way through each environment's files (a logger upgraded
    /// mid-run), so single runs mix both layouts.
    /// </summary>
    public bool MixLayouts { get; init; }

    /// <summary>Every n-th log file of a run is written as <c>.json.gz</c>; 0 for none, 1 for all.</summary>
    public int GzipEvery { get; init; } = 8;

    /// <summary>True to add one run that logs batch metrics as JSONL (<c>ppo/&lt;timestamp&gt;/batch_metrics.jsonl</c>).</summary>
    public bool IncludeMetricsRun { get; init; } = true;

    /// <summary>Lines of the metrics run; ignored when <see cref="TargetBytes"/> is set.</summary>
    public int MetricsLines { get; init; } = 2_000;

    /// <summary>True to gzip the metrics file (<c>batch_metrics.jsonl.gz</c>).</summary>
    public bool GzipMetrics { get; init; }

    /// <summary>Damage to do on purpose (see <see cref="SyntheticDamage"/>).</summary>
    public SyntheticDamage Damage { get; init; }

    /// <summary>Environments written in parallel; 0 means one per core. It does not change the output.</summary>
    public int Threads { get; init; }

    internal void Validate()
    {
        Check(Variants is >= 1 and <= 64, nameof(Variants), "Use 1 to 64 variants.");
        Check(SeedsPerVariant is >= 1 and <= 100, nameof(SeedsPerVariant), "Use 1 to 100 seeds per variant.");
        Check(EnvsPerRun is >= 1 and <= 256, nameof(EnvsPerRun), "Use 1 to 256 environments per run.");
        Check(StepsPerEnv >= 1, nameof(StepsPerEnv), "Use at least one step per environment.");
        Check(RecordsPerFile >= 1, nameof(RecordsPerFile), "Use at least one record per file.");
        Check(EpisodeLength >= 1, nameof(EpisodeLength), "Use episodes of at least one step.");
        Check(TargetBytes >= 0, nameof(TargetBytes), "Use 0 (no target) or a positive number of bytes.");
        Check(GzipEvery >= 0, nameof(GzipEvery), "Use 0 (no gzip) or a positive period.");
        Check(MetricsLines >= 1, nameof(MetricsLines), "Use at least one metrics line.");
        Check(Threads >= 0, nameof(Threads), "Use 0 (one per core) or a positive number of threads.");
        Check((Damage & ~SyntheticDamage.All) == 0, nameof(Damage), "Use a combination of the SyntheticDamage flags.");
        if (Damage.HasFlag(SyntheticDamage.GarbageJsonlLine) && !IncludeMetricsRun)
            throw new ArgumentException("GarbageJsonlLine damages the metrics run: set IncludeMetricsRun.", nameof(Damage));
    }

    private static void Check(bool ok, string name, string message)
    {
        if (!ok)
            throw new ArgumentOutOfRangeException(name, message);
    }
}
