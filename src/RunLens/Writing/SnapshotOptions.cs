namespace RunLens;

/// <summary>How often a <see cref="SnapshotLogger"/> snapshots an episode and how much of it is kept.</summary>
/// <param name="SnapshotFrequency">Updates divisible by this are snapshot updates (<see cref="SnapshotLogger.ShouldSnapshot"/>); at least 1.</param>
/// <param name="SnapshotMaxSteps">Steps kept per snapshot; longer episodes are cut here and marked truncated. At least 1.</param>
/// <param name="WaypointRadius">How close (Euclidean, in position units) a position must come to a waypoint to reach
/// it, when the snapshot does not give <see cref="EpisodeSnapshot.WaypointsReached"/>. Positive.</param>
public sealed record SnapshotOptions(int SnapshotFrequency = 100, int SnapshotMaxSteps = 500, double WaypointRadius = 1.0)
{
    internal void Validate()
    {
        if (SnapshotFrequency < 1)
            throw new ArgumentOutOfRangeException(nameof(SnapshotFrequency), SnapshotFrequency, "SnapshotOptions.SnapshotFrequency must be at least 1 (snapshot every n-th update).");
        if (SnapshotMaxSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(SnapshotMaxSteps), SnapshotMaxSteps, "SnapshotOptions.SnapshotMaxSteps must be at least 1 (steps kept per snapshot).");
        if (!(WaypointRadius > 0) || !double.IsFinite(WaypointRadius))
            throw new ArgumentOutOfRangeException(nameof(WaypointRadius), WaypointRadius, "SnapshotOptions.WaypointRadius must be a positive, finite distance.");
    }
}
