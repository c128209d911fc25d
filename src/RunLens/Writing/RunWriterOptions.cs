namespace RunLens;

/// <summary>How a <see cref="RunWriter"/> lays out a run. Every property has a usable default.</summary>
/// <example>
/// <code>
/// var options = new RunWriterOptions { RecordsPerFile = 50_000, FilePerEnv = true, GzipEvery = 1 };
/// </code>
/// </example>
public sealed record RunWriterOptions
{
    /// <summary>The layout of the per-step records in <c>json_logs/</c>. Default <see cref="RecordLayout.Nested"/>.</summary>
    public RecordLayout Layout { get; init; } = RecordLayout.Nested;

    /// <summary>Records per <c>json_logs/</c> file before the writer starts the next chunk. At least 1; default 10,000.</summary>
    public int RecordsPerFile { get; init; } = 10_000;

    /// <summary>
    /// False (default): every record goes to <c>json_logs/&lt;FilePrefix&gt;_&lt;chunk:0000&gt;.json</c>. True: each
    /// environment gets its own series, <c>json_logs/&lt;env&gt;_&lt;chunk:0000&gt;.json</c>, as multi-env game runs do.
    /// </summary>
    public bool FilePerEnv { get; init; }

    /// <summary>The file-name prefix of the record chunks when <see cref="FilePerEnv"/> is false. Default <c>steps</c>.</summary>
    public string FilePrefix { get; init; } = "steps";

    /// <summary>
    /// Every n-th chunk of a series (the n-th, 2n-th, ...) is written gzip-compressed as <c>.json.gz</c>; 0 (default)
    /// compresses none, 1 compresses all.
    /// </summary>
    public int GzipEvery { get; init; }

    /// <summary>
    /// Further scalar destinations (TensorBoard, MLflow, ...) that receive the hyperparameters and every
    /// <see cref="RunWriter.LogScalars"/> call. The run writer owns them: it flushes and disposes them.
    /// </summary>
    public IReadOnlyList<IScalarSink> Sinks { get; init; } = [];

    /// <summary>
    /// The wall clock, in seconds since the Unix epoch. The default reads the system clock; pass a deterministic
    /// clock (for example a counter) for reproducible files in tests and samples.
    /// </summary>
    public Func<double> Clock { get; init; } = SystemClock;

    /// <summary>What happens to NaN and infinite numbers in records and scalars. Default: refuse them.</summary>
    public NonFiniteHandling NonFinite { get; init; } = NonFiniteHandling.Throw;

    /// <summary>
    /// How often everything logged so far is pushed to disk even when no block is full, so a watch
    /// (<c>runlens watch</c>, <c>run.Watch()</c>) sees new records within this time. Default 2 s;
    /// <see cref="Timeout.InfiniteTimeSpan"/> flushes only when blocks fill, chunks close and on <see cref="RunWriter.Flush"/>.
    /// Timed flushes leave gzip chunks alone (a gzip flush changes the compressed bytes, and a run written from the
    /// same seeds must give the same files): their records show once the chunk closes or a 64 KB block is full.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(2);

    internal void Validate()
    {
        if (Clock is null)
            throw new ArgumentNullException(nameof(Clock), "RunWriterOptions.Clock must not be null; leave it unset for the system clock.");
        if (Layout is not (RecordLayout.Flat or RecordLayout.Nested))
            throw new ArgumentOutOfRangeException(nameof(Layout), Layout, "RunWriterOptions.Layout must be RecordLayout.Flat or RecordLayout.Nested.");
        if (RecordsPerFile < 1)
            throw new ArgumentOutOfRangeException(nameof(RecordsPerFile), RecordsPerFile, "RunWriterOptions.RecordsPerFile must be at least 1 (records per json_logs/ file).");
        if (GzipEvery < 0)
            throw new ArgumentOutOfRangeException(nameof(GzipEvery), GzipEvery, "RunWriterOptions.GzipEvery must be 0 (no compression) or a positive chunk interval.");
        if (string.IsNullOrWhiteSpace(FilePrefix) || FilePrefix.IndexOfAny(['/', '\\', ':', '*', '?', '"', '<', '>', '|']) >= 0)
            throw new ArgumentException($"RunWriterOptions.FilePrefix '{FilePrefix}' must be a non-empty file-name part without path or wildcard characters.", nameof(FilePrefix));
        if (Sinks is null)
            throw new ArgumentNullException(nameof(Sinks), "RunWriterOptions.Sinks must not be null; leave it empty for no extra sinks.");
        for (var i = 0; i < Sinks.Count; i++)
        {
            if (Sinks[i] is null)
                throw new ArgumentException($"RunWriterOptions.Sinks[{i}] is null; remove it or pass a sink.", nameof(Sinks));
        }
        LogJson.Validate(NonFinite, nameof(NonFinite));
        if (FlushInterval <= TimeSpan.Zero && FlushInterval != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(FlushInterval), FlushInterval, "RunWriterOptions.FlushInterval must be positive, or Timeout.InfiniteTimeSpan for no timed flushes.");
    }

    private static double SystemClock() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;
}
