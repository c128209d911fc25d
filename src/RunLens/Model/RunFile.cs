using RunLens.Fields;
using RunLens.Loading;

namespace RunLens;

/// <summary>One data file of a run.</summary>
/// <param name="Path">The full path.</param>
/// <param name="RelativePath">The path relative to the folder the runs were loaded from, with '/' separators (with
/// <c>#</c> and what part of the file is meant when runs share a file, as an MLflow store's runs do). Sampling keys
/// derive from it, so the same data samples the same way wherever it is copied.</param>
/// <param name="Bytes">The size on disk (the run's share of it when runs share a file).</param>
public sealed record RunFile(string Path, string RelativePath, long Bytes)
{
    /// <summary>True when the file is gzip-compressed (by its <c>.gz</c> extension).</summary>
    public bool IsGzip => Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>How the file's records are read: one of the <see cref="FileFormats"/> names.</summary>
    public string Format => Source.Format;

    /// <summary>
    /// The log stream the file belongs to when its run holds the files of more than one logger (a
    /// <c>progress.csv</c> beside an <c>episode_rewards.csv</c>): its fields are named <c>&lt;stream&gt;:&lt;field&gt;</c>
    /// and keep their own x axis. Null for the run's main log, whose fields keep their names.
    /// </summary>
    public string? Stream { get; init; }

    /// <summary>
    /// The files on disk this entry reads: <see cref="Path"/>, or for a <see cref="FileFormats.Sb3Monitors"/> group
    /// (whose Path is the run folder) the monitor files it merges.
    /// </summary>
    public IReadOnlyList<string> DiskPaths => Source.DiskPaths(this);

    /// <summary>The reader the format that found the file chose for it; a file nobody described has none.</summary>
    internal RecordSource Source { get; init; } = RecordSource.EpisodesOnly("unknown");

    /// <summary>Opens the file's reader (see <see cref="RecordSource.Open"/>).</summary>
    internal IRecordReader Open(FieldTable fields, ScanIssues issues) => Source.Open(this, fields.ForStream(Stream), issues);
}
