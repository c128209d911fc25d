using RunLens.Loading;

namespace RunLens.Formats.Maze;

/// <summary>
/// The episodes of a Maze run without trajectory data, from its reward event log (<c>BaseEnvEvents.reward.tsv</c>,
/// one row per step: MazeEnv dispatches the reward event once every step). Each episode (its rows, in file order)
/// gets return = the sum of <c>value</c> (Maze's <c>define_episode_stats(np.sum)</c>), length = its rows (Maze's
/// <c>define_episode_stats(len)</c>) and a <see cref="Trajectory"/> holding the per-step rewards and an
/// <c>env_time</c> track. A reward that is not a number is NaN, reported with its line.
/// </summary>
/// <param name="file">The reward event log.</param>
internal sealed class MazeEventEpisodes(RunFile file) : IEpisodeSource
{
    /// <summary>The event log file that holds the per-step rewards.</summary>
    public const string RewardLog = "BaseEnvEvents.reward.tsv";

    public RunFile File { get; } = file;

    public IEnumerable<Episode> Read(List<LoadIssue> issues)
    {
        var episodes = new List<Episode>();
        MazeEventLog log;
        try
        {
            log = MazeEventLog.Open(File.Path, issues.Add);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(File.Path, null, null, $"cannot read the reward event log: {ex.Message}"));
            return episodes;
        }
        using (log)
        {
            if (!log.ReadHeader())
                return episodes;
            var value = IndexOf(log.Attributes, "value");
            if (value < 0)
            {
                issues.Add(new LoadIssue(File.Path, 0, 1, "the reward event log has no 'value' column; no episodes are read from it"));
                return episodes;
            }
            string? id = null;
            var rewards = new List<double>();
            var times = new List<double>();
            while (log.Next() is { } row)
            {
                if (row.EpisodeId != id && id is not null)
                {
                    episodes.Add(Build(rewards, times));
                    (rewards, times) = ([], []);
                }
                id = row.EpisodeId;
                if (!MazeEventLog.TryNumber(row.Cells[value], out var reward))
                {
                    issues.Add(new LoadIssue(File.Path, null, row.Line, $"the reward '{row.Cells[value]}' is not a number; it counts as NaN"));
                    reward = double.NaN;
                }
                rewards.Add(reward);
                times.Add(MazeEventLog.TryNumber(row.EnvTime, out var time) ? time : double.NaN);
            }
            if (id is not null)
                episodes.Add(Build(rewards, times));
        }
        return episodes;
    }

    private Episode Build(List<double> rewards, List<double> times) =>
        new(0, rewards.Sum(), rewards.Count)
        {
            Kind = EpisodeKinds.Demonstration,
            Source = File.RelativePath,
            Trajectory = new Trajectory(rewards)
            {
                Tracks = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal) { ["env_time"] = times },
            },
        };

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
                return i;
        }
        return -1;
    }
}
