using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Sb3;

/// <summary>One SB3/baselines monitor file read on its own (<see cref="MonitorRecordReader"/>).</summary>
internal sealed record MonitorSource() : RecordSource(FileFormats.Monitor)
{
    public static MonitorSource Instance { get; } = new();

    public override IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues) =>
        new MonitorRecordReader(file.Path, fields, issues);
}

/// <summary>The monitor files of one SB3 run merged into one series (<see cref="MonitorMergeReader"/>).</summary>
/// <param name="Paths">The monitor files, full paths, in the run's order (ties in time keep it).</param>
internal sealed record MonitorGroupSource(IReadOnlyList<string> Paths) : RecordSource(FileFormats.Sb3Monitors)
{
    public override IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues) =>
        new MonitorMergeReader(Paths, fields, issues);

    public override IReadOnlyList<string> DiskPaths(RunFile file) => Paths;
}

/// <summary>EvalCallback's <c>evaluations.npz</c> (<see cref="EvaluationsRecordReader"/>).</summary>
internal sealed record EvaluationsSource() : RecordSource(FileFormats.Evaluations)
{
    public static EvaluationsSource Instance { get; } = new();

    public override IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues) =>
        new EvaluationsRecordReader(file, fields, issues);
}
