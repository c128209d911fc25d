using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Mlflow;

/// <summary>A file-store metric file (<c>metrics/&lt;key&gt;</c>) of one metric (<see cref="MlflowMetricReader"/>).</summary>
/// <param name="Key">The metric's key as MLflow names it (its path under <c>metrics/</c>, with '/').</param>
internal sealed record MlflowMetricSource(string Key) : RecordSource(FileFormats.MlflowMetric)
{
    public override IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues) =>
        new MlflowMetricReader(file, Key, fields, issues);
}

/// <summary>The metrics of one run in an MLflow SQLite store (<see cref="MlflowSqliteReader"/>).</summary>
/// <param name="RunId">The run's <c>run_uuid</c>.</param>
internal sealed record MlflowSqliteSource(string RunId) : RecordSource(FileFormats.MlflowSqlite)
{
    public override IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues) =>
        MlflowSqliteStore.OpenReader(file, RunId, fields, issues);

    public override bool ReadsPartOfFile => true;

    /// <summary>MLflow's writer rewrites the database's pages (or appends to its write-ahead log) as it logs.</summary>
    public override bool ChangesInPlace => true;

    /// <summary>In WAL mode, MLflow's commits go to the <c>-wal</c> file until a checkpoint.</summary>
    public override IReadOnlyList<string> SidePaths(RunFile file) => [file.Path + "-wal"];
}
