namespace RunLens;

/// <summary>
/// One episode of a run: its summary (return, length, success) and, when the log kept it, the step-by-step
/// <see cref="Trajectory"/>. Episodes come from per-episode logs (SB3 <c>monitor.csv</c>), snapshot files captured
/// during training, evaluation files and trajectory files (<c>imitation</c>'s <c>.npz</c>).
/// </summary>
/// <param name="Index">The position in <see cref="Run.Episodes"/> (0-based, in the order the files give them).</param>
/// <param name="Return">The sum of the episode's rewards (undiscounted).</param>
/// <param name="Length">The number of steps.</param>
public sealed record Episode(int Index, double Return, long Length)
{
    /// <summary>Whether the episode succeeded, when the log says (SB3's <c>is_success</c>, all waypoints reached).</summary>
    public bool? Success { get; init; }

    /// <summary>The training step the episode ended at or was captured at, when known.</summary>
    public long? TrainingStep { get; init; }

    /// <summary>The training update (iteration) the episode was captured at, for snapshots.</summary>
    public long? Update { get; init; }

    /// <summary>Seconds since the run started when the episode ended (SB3 monitor's <c>t</c>), when known.</summary>
    public double? Time { get; init; }

    /// <summary>Waypoints reached, for waypoint tasks.</summary>
    public int? WaypointsReached { get; init; }

    /// <summary>The episode's reward split by component (<c>explore</c>, <c>event</c>, ...), when the log has it.</summary>
    public IReadOnlyDictionary<string, double> RewardComponents { get; init; } = EmptyComponents;

    /// <summary>
    /// Where the episode comes from: the file's path relative to the loaded folder, and for files holding several
    /// streams the stream (an SB3 monitor file is one environment of a vectorised run).
    /// </summary>
    public string Source { get; init; } = "";

    /// <summary>What kind of episode this is: <c>training</c>, <c>evaluation</c>, <c>snapshot</c> or <c>demonstration</c>.</summary>
    public string Kind { get; init; } = EpisodeKinds.Training;

    /// <summary>The step-by-step record, or null when only the summary was logged.</summary>
    public Trajectory? Trajectory { get; init; }

    private static readonly IReadOnlyDictionary<string, double> EmptyComponents = new Dictionary<string, double>();

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"episode {Index}: return {Return:G6}, {Length} steps")
        + (Success is { } s ? (s ? ", success" : ", no success") : "")
        + (TrainingStep is { } t ? FormattableString.Invariant($", at step {t}") : "");
}

/// <summary>The values of <see cref="Episode.Kind"/>.</summary>
public static class EpisodeKinds
{
    /// <summary>An episode played while training (SB3 monitor rows).</summary>
    public const string Training = "training";

    /// <summary>An episode of a periodic evaluation (SB3 <c>evaluations.npz</c>).</summary>
    public const string Evaluation = "evaluation";

    /// <summary>An episode captured with its steps at some point of training (the snapshot logger's files).</summary>
    public const string Snapshot = "snapshot";

    /// <summary>A recorded demonstration or rollout (<c>imitation</c> trajectory files).</summary>
    public const string Demonstration = "demonstration";
}
