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
    /// <summary>
    /// The user's tags and other text metadata recorded with the run (MLflow tags other than MLflow's own
    /// <c>mlflow.*</c>, W&amp;B's run tags as keys with empty values, Ray Tune and TensorBoard metadata).
    /// </summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    /// <summary>
    /// What the tool itself recorded about the run, kept apart from the user's <see cref="Tags"/>: MLflow's system
    /// tags (<c>mlflow.runName</c>, <c>mlflow.user</c>, <c>mlflow.source.name</c>, ...), W&amp;B's run id, display
    /// name, project, group, job type and the client's metadata (host, program, python, git).
    /// </summary>
    public IReadOnlyDictionary<string, string> SystemTags { get; init; } = EmptyTags;

    /// <summary>
    /// The run's final results as the tool or its files give them once, not as a time series: W&amp;B's run summary
    /// (the final, or best as the run asked, value of each metric and values logged only there), a two-column
    /// key/value table (<c>metric,value</c>) or a single summary object (<c>summary.json</c>, <c>results.json</c>);
    /// flattened to dotted names as written. Empty when there is none.
    /// </summary>
    public IReadOnlyDictionary<string, ConfigValue> Summary { get; init; } = EmptySummary;

    /// <summary>
    /// The metric each metric is plotted against when the tool says it is not the step (W&amp;B's
    /// <c>define_metric(name, step_metric=...)</c>), by metric name or glob pattern (<c>rollout/*</c>). See
    /// <see cref="Run.Metric"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> XAxes { get; init; } = EmptyTags;

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

    private static readonly IReadOnlyDictionary<string, ConfigValue> EmptySummary = new Dictionary<string, ConfigValue>();

    /// <summary>
    /// The x-axis metric of <paramref name="metric"/> from <see cref="XAxes"/>: its own entry, else the first glob
    /// (in pattern order) that matches it. Globs follow W&amp;B (core/internal/runmetric): a trailing <c>*</c> matches any
    /// rest of the name, and names starting with <c>_</c> (W&amp;B's own) match no glob. Null when none applies.
    /// </summary>
    internal string? XAxisOf(string metric)
    {
        if (XAxes.Count == 0)
            return null;
        if (XAxes.TryGetValue(metric, out var exact))
            return exact;
        if (metric.StartsWith('_'))
            return null;
        foreach (var (pattern, axis) in XAxes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (pattern.EndsWith('*') && metric.StartsWith(pattern[..^1], StringComparison.Ordinal))
                return axis;
        }
        return null;
    }

    /// <summary>The total size of the run's data files in bytes (compressed size for <c>.gz</c>).</summary>
    public long Bytes => Files.Sum(f => f.Bytes);

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{Name} ({Format}, {Files.Count} files, {Bytes / 1e6:0.#} MB)");
}
