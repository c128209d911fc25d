using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Wandb;

/// <summary>A binary <c>run-&lt;id&gt;.wandb</c> transaction log (<see cref="WandbLogReader"/>).</summary>
internal sealed record WandbLogSource() : RecordSource("wandb-log")
{
    public static WandbLogSource Instance { get; } = new();

    public override IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues) =>
        new WandbLogReader(file.Path, fields, issues);
}
