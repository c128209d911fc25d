namespace RunLens.Loading.Discovery;

/// <summary>
/// One log format's part in discovery. The walker shows every folder to the formats in <see cref="RunFormats.All"/>
/// order; the first that claims it describes the runs there, and says which subfolders it used up. Formats only
/// look at names and small files here: records are read later, by the <see cref="IRecordReader"/>s.
/// </summary>
internal interface IRunFormat
{
    /// <summary>The runs this format finds in the folder, or null when it does not recognise the folder.</summary>
    FolderClaim? Claim(RunFolder folder);
}

/// <summary>The outcome of a claim.</summary>
/// <param name="Runs">The runs found (possibly none, for a folder that is recognised but holds nothing valid).</param>
internal sealed record FolderClaim(IReadOnlyList<Run> Runs)
{
    /// <summary>Subfolders (by name, ignoring case) that belong to these runs and are not searched for more runs.</summary>
    public IReadOnlyCollection<string> Consumed { get; init; } = [];

    /// <summary>False when nothing below the folder is searched (the runs own the whole tree).</summary>
    public bool Descend { get; init; } = true;
}

/// <summary>The formats, in the order they are asked. More specific layouts come before general ones.</summary>
internal static class RunFormats
{
    public static IReadOnlyList<IRunFormat> All { get; } =
    [
        new Formats.Mlflow.MlflowFormat(),
        new Formats.Wandb.WandbFormat(),
        new Formats.RayTune.RayTuneFormat(),
        new Formats.Sb3.Sb3Format(),
        new Formats.Maze.MazeFormat(),
        // An ML-Agents results folder holds event files per behavior; claimed whole before TensorBoard sees them.
        new Formats.MlAgents.MlAgentsFormat(),
        new Formats.TensorBoard.TensorBoardFormat(),
        new Formats.Trajectories.TrajectoryFormat(),
        new Formats.Json.JsonLogFormat(),
    ];
}
