using RunLens.Fields;
using RunLens.Formats.Json;

namespace RunLens.Loading;

/// <summary>Opens the reader for a file's <see cref="RunFile.Format"/>: the one place formats are dispatched.</summary>
internal static class RecordReaders
{
    /// <summary>Opens the file. Throws only for I/O errors (the caller reports them as unreadable files).</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues) =>
        OpenFormat(file, fields.ForStream(file.Stream), issues);

    private static IRecordReader OpenFormat(RunFile file, FieldTable fields, ScanIssues issues) => file.Format switch
    {
        FileFormats.Json => new JsonRecordReader(file.Path, fields, issues),
        FileFormats.MlflowMetric => new Formats.Mlflow.MlflowMetricReader(file, fields, issues),
        FileFormats.MlflowSqlite => Formats.Mlflow.MlflowSqliteStore.OpenReader(file, fields, issues),
        Formats.Wandb.WandbFormat.BinaryLog => new Formats.Wandb.WandbLogReader(file.Path, fields, issues),
        FileFormats.Csv => new Formats.Csv.CsvRecordReader(file.Path, fields, issues),
        FileFormats.Monitor => new Formats.Sb3.MonitorRecordReader(file.Path, fields, issues),
        FileFormats.Sb3Monitors => new Formats.Sb3.MonitorMergeReader(file, fields, issues),
        var format when Formats.RayTune.RayTuneFiles.Handles(format) => Formats.RayTune.RayTuneFiles.Open(file, fields, issues),
        FileFormats.Evaluations => new Formats.Sb3.EvaluationsRecordReader(file, fields, issues),
        FileFormats.TensorBoard => new Formats.TensorBoard.TensorBoardRecordReader(file, fields, issues),
        _ => throw new NotSupportedException($"No reader for file format '{file.Format}' ({file.Path})."),
    };
}
