namespace RunLens;

/// <summary>
/// An episode step by step. Every per-step list has one entry per step (<see cref="Length"/>), except
/// <see cref="Observations"/>, which may hold one more: the observation after the last step, as gymnasium rollouts
/// and <c>imitation</c> keep it. Lists a log did not record are null.
/// </summary>
/// <param name="Rewards">The reward of each step.</param>
public sealed record Trajectory(IReadOnlyList<double> Rewards)
{
    /// <summary>The number of steps.</summary>
    public int Length => Rewards.Count;

    /// <summary>The agent's position per step: 2 (x, y) or 3 (x, y, z) numbers.</summary>
    public IReadOnlyList<double[]>? Positions { get; init; }

    /// <summary>The orientation per step (for example roll, pitch, yaw in radians).</summary>
    public IReadOnlyList<double[]>? Orientations { get; init; }

    /// <summary>The action per step, as numbers (one number for a discrete action).</summary>
    public IReadOnlyList<double[]>? Actions { get; init; }

    /// <summary>The observation per step (possibly one more than the steps: the final observation).</summary>
    public IReadOnlyList<double[]>? Observations { get; init; }

    /// <summary>The map or room per step, for games whose positions are per map.</summary>
    public IReadOnlyList<string>? Maps { get; init; }

    /// <summary>
    /// A small 2-D state per step (rows of cells holding a colour or class index): an ARC-style colour grid, a
    /// cutting sheet, a downsampled game screen. Null when the log has none.
    /// </summary>
    public IReadOnlyList<int[][]>? Grids { get; init; }

    /// <summary>Any other per-step numbers by name (reward components, action probabilities, ...).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Tracks { get; init; } = EmptyTracks;

    /// <summary>
    /// The names of the <see cref="Tracks"/> that are reward components, as logged (a flat log's <c>event</c>, a
    /// nested log's <c>rewards.event</c>): a replay groups them whatever they are called. Empty when unknown.
    /// </summary>
    public IReadOnlyCollection<string> RewardTracks { get; init; } = [];

    /// <summary>What the episode happens in: waypoints, bounds, map.</summary>
    public Scene? Scene { get; init; }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<double>> EmptyTracks = new Dictionary<string, IReadOnlyList<double>>();
}

/// <summary>The fixed parts of an episode's world.</summary>
/// <param name="Waypoints">Waypoints in the order they are to be reached (same dimension as the positions); may be empty.</param>
public sealed record Scene(IReadOnlyList<double[]> Waypoints)
{
    /// <summary>The map or scene id, or null.</summary>
    public string? Map { get; init; }

    /// <summary>The lower corner of the world's bounds, or null.</summary>
    public double[]? BoundsMin { get; init; }

    /// <summary>The upper corner of the world's bounds, or null.</summary>
    public double[]? BoundsMax { get; init; }

    /// <summary>How close to a waypoint counts as reaching it (same units as the positions), or null when unknown.</summary>
    public double? ReachRadius { get; init; }
}
