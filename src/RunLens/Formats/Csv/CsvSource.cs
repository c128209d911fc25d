using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Csv;

/// <summary>A CSV log with a header row, plain or gzip (<see cref="CsvRecordReader"/>).</summary>
internal sealed record CsvSource() : RecordSource(FileFormats.Csv)
{
    public static CsvSource Instance { get; } = new();

    public override IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues) =>
        new CsvRecordReader(file.Path, fields, issues);
}
