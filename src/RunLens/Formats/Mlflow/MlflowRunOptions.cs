namespace RunLens;

/// <summary>
/// Who and what an <see cref="MlflowRunWriter"/> records for a run. Every value has a fixed default, so the same
/// inputs give the same files byte for byte.
/// </summary>
public sealed record MlflowRunOptions
{
    /// <summary>The experiment folder under <c>mlruns</c>; MLflow's default experiment is <c>"0"</c>.</summary>
    public string ExperimentId { get; init; } = "0";

    /// <summary>The experiment's name, written only when its <c>meta.yaml</c> does not exist yet.</summary>
    public string ExperimentName { get; init; } = "Default";

    /// <summary>The run's id (its folder name): 32 lowercase hex characters as MLflow makes them. Null derives one from <see cref="Seed"/>.</summary>
    public string? RunId { get; init; }

    /// <summary>The seed of the derived run id (deterministic for a given seed, see <see cref="MlflowRunWriter.RunIdFromSeed"/>).</summary>
    public int Seed { get; init; }

    /// <summary>
    /// The experiment's artifact location as written in the meta files. Null writes the absolute <c>file://</c> URI
    /// of the experiment folder, as current MLflow does; a relative location such as <c>./mlruns/1</c> (what MLflow
    /// writes for a relative tracking URI) keeps a store byte-identical wherever it is generated.
    /// </summary>
    public string? ArtifactLocation { get; init; }

    /// <summary>The run's display name (<c>run_name</c> and the <c>mlflow.runName</c> tag).</summary>
    public string RunName { get; init; } = "runlens";

    /// <summary>The user recorded as <c>user_id</c> and the <c>mlflow.user</c> tag.</summary>
    public string User { get; init; } = "runlens";

    /// <summary>The <c>mlflow.source.name</c> tag: usually the training script.</summary>
    public string SourceName { get; init; } = "runlens";
}
