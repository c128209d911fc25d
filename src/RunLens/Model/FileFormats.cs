namespace RunLens;

/// <summary>The names of the per-file record formats RunLens reads (<see cref="RunFile.Format"/>).</summary>
public static class FileFormats
{
    /// <summary>JSON arrays of records, JSON lines, or objects one after another; plain or gzip.</summary>
    public const string Json = "json";

    /// <summary>TensorBoard event files (TFRecord framing of <c>Event</c> protobufs).</summary>
    public const string TensorBoard = "tfevents";

    /// <summary>Comma-separated values with a header row (SB3 <c>progress.csv</c>, Ray Tune <c>progress.csv</c>, ...).</summary>
    public const string Csv = "csv";

    /// <summary>
    /// SB3/baselines <c>*.monitor.csv</c> read on its own: a JSON header comment, then one row per episode
    /// (<c>r,l,t</c>), step = that file's cumulative <c>l</c>. An SB3 run's monitor files are one <see cref="Sb3Monitors"/>.
    /// </summary>
    public const string Monitor = "monitor";

    /// <summary>
    /// The monitor files of one SB3 run read as one series: the episodes of every environment merged in time order,
    /// at the run's cumulative environment steps (SB3's <c>ts2xy(load_results(dir), "timesteps")</c>).
    /// <see cref="RunFile.Path"/> is the run folder, <see cref="RunFile.DiskPaths"/> the files it merges.
    /// </summary>
    public const string Sb3Monitors = "sb3-monitors";

    /// <summary>
    /// A file a tool wrote as a copy of the run's main log (SB3's progress.json, TensorBoard event files or
    /// evaluations.npz beside progress.csv): read without the metrics verified to equal the main log's (see the run's
    /// notes).
    /// </summary>
    public const string Mirror = "mirror";

    /// <summary>An MLflow file-store metric file: lines of <c>timestamp value step</c> of one metric.</summary>
    public const string MlflowMetric = "mlflow-metric";

    /// <summary>An MLflow SQLite store (<c>mlflow.db</c>): the metrics of one of its runs (its id follows <c>#</c> in <see cref="RunFile.RelativePath"/>).</summary>
    public const string MlflowSqlite = "mlflow-sqlite";

    /// <summary>SB3 <c>evaluations.npz</c>: evaluation returns and lengths per evaluation step.</summary>
    public const string Evaluations = "sb3-evaluations";
}
