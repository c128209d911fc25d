namespace RunLens;

/// <summary>
/// What a run is, read cheaply: names, where it lives, its files and configuration. Listing runs never reads every
/// record; <see cref="Run.Scan"/> does.
/// </summary>
/// <param name="Name">A unique name within the loaded set, for example <c>v3/20250726_130714</c>.</param>
/// <param name="Format">The log format, for example <c>json-log</c>.</param>
/// <param name="Root">The run's folder (or file, for a single-file run).</param>
/// <param name="Variant">The training variant, if any: the tool's own (an MLflow or Ray Tune experiment, a zoo's
/// <c>&lt;algo&gt;/&lt;env&gt;</c>), else guessed from a common folder layout (<c>&lt;variant&gt;/&lt;timestamp&gt;</c>,
/// <c>&lt;variant&gt;/seed&lt;k&gt;</c>, ...), else given by <see cref="LoadOptions.Layout"/>; see <see cref="Identity"/>.</param>
/// <param name="Timestamp">The run's timestamp folder name (for example <c>20250726_130714</c>), if any.</param>
/// <param name="Seed">The seed, from the configuration, a folder layout (<c>seed3</c>, <c>seed_3</c>, <c>&lt;variant&gt;/3</c>)
/// or <see cref="LoadOptions.Layout"/>, if any; see <see cref="Identity"/>.</param>
/// <param name="Config">Hyperparameters and other configuration values, flattened to dotted names.</param>
/// <param name="Files">The data files of the run, in the order they are read.</param>
public sealed record RunInfo(
    string Name,
    string Format,
    string Root,
    string? Variant,
    string? Timestamp,
    long? Seed,
    IReadOnlyDictionary<string, ConfigValue> Config,
    IReadOnlyList<RunFile> Files)
{
    /// <summary>Tags and other text metadata the tool recorded (MLflow tags, W&amp;B metadata, host names).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    /// <summary>Where <see cref="Variant"/> and <see cref="Seed"/> came from (a folder-name guess is also in <see cref="Notes"/>).</summary>
    public RunIdentity Identity { get; init; } = RunIdentity.Unknown;

    /// <summary>The run's status when the tool records one (<c>FINISHED</c>, <c>FAILED</c>, <c>RUNNING</c>, ...).</summary>
    public string? Status { get; init; }

    /// <summary>
    /// Facts about the run a user should know that are not problems in a file: a failed trial, history only in a
    /// binary file, steps that went back and were purged.
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    private static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();

    /// <summary>The total size of the run's data files in bytes (compressed size for <c>.gz</c>).</summary>
    public long Bytes => Files.Sum(f => f.Bytes);

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{Name} ({Format}, {Files.Count} files, {Bytes / 1e6:0.#} MB)");
}
