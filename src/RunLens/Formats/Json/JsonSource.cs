using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Json;

/// <summary>JSON arrays of records, JSON lines or objects one after another, plain or gzip (<see cref="JsonRecordReader"/>).</summary>
internal sealed record JsonSource() : RecordSource(FileFormats.Json)
{
    public static JsonSource Instance { get; } = new();

    public override IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues) =>
        new JsonRecordReader(file.Path, fields, issues);
}
