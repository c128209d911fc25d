using RunLens.Fields;
using RunLens.Loading.Json;

namespace RunLens.Loading;

/// <summary>Opens the reader for a file's <see cref="RunFile.Format"/>: the one place formats are dispatched.</summary>
internal static class RecordReaders
{
    /// <summary>Opens the file. Throws only for I/O errors (the caller reports them as unreadable files).</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues) => file.Format switch
    {
        FileFormats.Json => new JsonRecordReader(file.Path, fields, issues),
        FileFormats.MlflowMetric => new Mlflow.MlflowMetricReader(file, fields, issues),
        FileFormats.MlflowSqlite => Mlflow.MlflowSqliteStore.OpenReader(file, fields, issues),
        Wandb.WandbFormat.BinaryLog => new Wandb.WandbLogReader(file.Path, fields, issues),
        FileFormats.Csv => new Csv.CsvRecordReader(file.Path, fields, issues),
        FileFormats.Monitor => new Sb3.MonitorRecordReader(file.Path, fields, issues),
        FileFormats.Sb3Monitors => new Sb3.MonitorMergeReader(file, fields, issues),
        var format when RayTune.RayTuneFiles.Handles(format) => RayTune.RayTuneFiles.Open(file, fields, issues),
        FileFormats.Evaluations => new Numpy.EvaluationsRecordReader(file, fields, issues),
        FileFormats.TensorBoard => new TensorBoard.TensorBoardRecordReader(file, fields, issues),
        _ => throw new NotSupportedException($"No reader for file format '{file.Format}' ({file.Path})."),
    };
}
