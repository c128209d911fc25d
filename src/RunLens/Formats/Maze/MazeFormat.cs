using RunLens.Formats.TensorBoard;
using RunLens.Loading.Discovery;
using RunLens.Loading;

namespace RunLens.Formats.Maze;

/// <summary>
/// Maze (enlite-ai/maze) run folders: the hydra output folder of a <c>maze-run</c> rollout or training, holding
/// <c>event_logs/*.tsv</c> (<c>LogEventsWriterTSV</c>, one file per event) and/or <c>trajectory_data/*.pkl</c>
/// (<c>TrajectoryWriterFile</c>, one pickled episode record per episode, named after its id), with hydra's
/// <c>.hydra/config.yaml</c> beside them (maze/core/trajectory_recording/utils/monitoring_setup.py; docs: workflow/
/// rollouts and imitation_and_fine_tuning). Such a folder is one run of format <c>maze</c>: every event log is a
/// data file (one record per episode, <see cref="MazeEventLogReader"/>); the episodes come from the trajectory
/// pickles (<see cref="MazeTrajectoryEpisodes"/>) or, without any, from <c>BaseEnvEvents.reward.tsv</c>
/// (<see cref="MazeEventEpisodes"/>), never from both, so no episode is counted twice. TensorBoard event files in
/// the folder itself (Maze's training writes them there) are data files of the run too. An <c>event_logs</c> or
/// <c>trajectory_data</c> folder loaded on its own is the run.
/// </summary>
internal sealed class MazeFormat : IRunFormat
{
    /// <summary>The format name of Maze runs.</summary>
    public const string Format = "maze";

    /// <summary>The file format of a Maze event log (<see cref="RunFile.Format"/>).</summary>
    public const string EventLog = "maze-events";

    /// <summary>The file format of a pickled Maze episode record.</summary>
    public const string TrajectoryData = "maze-trajectory";

    private const string EventLogsFolder = "event_logs";
    private const string TrajectoryFolder = "trajectory_data";

    public FolderClaim? Claim(RunFolder folder)
    {
        var context = folder.Context;
        var alone = folder.Dir.Name is EventLogsFolder or TrajectoryFolder && folder.Children.Count == 0;
        var logs = alone && folder.Dir.Name == EventLogsFolder ? Matching(folder.Files, ".tsv") : Listed(folder.Child(EventLogsFolder), ".tsv", context);
        var pickles = alone && folder.Dir.Name == TrajectoryFolder ? Matching(folder.Files, ".pkl") : Listed(folder.Child(TrajectoryFolder), ".pkl", context);
        if (logs.Count == 0 && pickles.Count == 0)
            return null;
        var files = logs.Select(f => folder.Describe(f, MazeEventLogSource.Instance)).ToList();
        var notes = new List<string>();
        if (logs.Count > 0)
        {
            notes.Add("Maze event logs: one record per episode and event file, at step = the episode's position in that file; " +
                      "each attribute is summed over the episode (the reward's sum is the return) and <event>.count counts its events");
        }
        var tensorBoard = alone ? [] : folder.Files.Where(f => TensorBoardFormat.IsEventFile(f.Name)).ToList();
        files.AddRange(TensorBoardSource.Describe(tensorBoard, folder.Context, out _));
        if (tensorBoard.Count > 0)
            notes.Add($"TensorBoard event files beside the Maze logs are read too ({tensorBoard.Count})");
        IReadOnlyList<IEpisodeSource> episodes;
        if (pickles.Count > 0)
        {
            episodes = pickles.Select(p => (IEpisodeSource)new MazeTrajectoryEpisodes(folder.Describe(p, RecordSource.EpisodesOnly(TrajectoryData)))).ToList();
            notes.Add(FormattableString.Invariant($"episodes: {pickles.Count} pickled Maze episode records in trajectory_data, read without running any pickled code"));
        }
        else if (logs.FirstOrDefault(f => f.Name == MazeEventEpisodes.RewardLog) is { } rewards)
        {
            episodes = [new MazeEventEpisodes(folder.Describe(rewards, MazeEventLogSource.Instance))];
            notes.Add($"episodes: from event_logs/{MazeEventEpisodes.RewardLog} (no trajectory data): rewards only");
        }
        else
        {
            episodes = [];
        }
        // A lone event_logs or trajectory_data folder takes hydra's config from the run folder above it.
        var configDir = alone ? folder.Dir.Parent ?? folder.Dir : folder.Dir;
        var info = RunConventions.Info(folder.Dir, context, Format, files, Config(configDir, context.Issues)) with { Notes = notes };
        return new FolderClaim([new Run(info, context.Options, episodes)])
        {
            Consumed = [EventLogsFolder, TrajectoryFolder, ".hydra"],
        };
    }

    /// <summary>Hydra's resolved config (<c>.hydra/config.yaml</c>, what maze-run ran with), else the usual config files.</summary>
    private static Dictionary<string, ConfigValue> Config(DirectoryInfo dir, List<LoadIssue> issues)
    {
        var hydra = Path.Combine(dir.FullName, ".hydra", "config.yaml");
        return File.Exists(hydra) ? RunConventions.ReadYamlConfig(hydra, issues) : RunConventions.ReadConfig(dir, issues);
    }

    private static List<FileInfo> Matching(IEnumerable<FileInfo> files, string extension) =>
        files.Where(f => f.Name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)).ToList();

    private static List<FileInfo> Listed(DirectoryInfo? dir, string extension, DiscoveryContext context)
    {
        if (dir is null)
            return [];
        try
        {
            return Matching(dir.GetFiles().OrderBy(f => f.Name, StringComparer.Ordinal), extension);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Issues.Add(new LoadIssue(dir.FullName, null, null, $"cannot list folder: {ex.Message}"));
            return [];
        }
    }
}
