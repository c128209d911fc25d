namespace RunLens;

/// <summary>
/// One episode, step by step, for a <see cref="SnapshotLogger"/>. <see cref="Positions"/>, <see cref="Actions"/>,
/// <see cref="Rewards"/> and (when given) <see cref="Orientations"/> hold one entry per step. The summary values
/// (<see cref="Return"/>, <see cref="Steps"/>, <see cref="WaypointsReached"/>, <see cref="Success"/>) are computed
/// from the steps when left null.
/// </summary>
/// <param name="Positions">The agent's position per step: 2 (x, y) or 3 (x, y, z) numbers, the same count every step.</param>
/// <param name="Actions">The action per step, as numbers (one for a discrete action).</param>
/// <param name="Rewards">The reward per step.</param>
public sealed record EpisodeSnapshot(IReadOnlyList<double[]> Positions, IReadOnlyList<double[]> Actions, IReadOnlyList<double> Rewards)
{
    /// <summary>The orientation per step (for example roll, pitch, yaw in radians), or null when not recorded.</summary>
    public IReadOnlyList<double[]>? Orientations { get; init; }

    /// <summary>The episode's waypoints in the order they are to be reached, with the dimension of the positions.</summary>
    public IReadOnlyList<double[]> Waypoints { get; init; } = [];

    /// <summary>The map or scene id, or null.</summary>
    public string? Map { get; init; }

    /// <summary>The lower corner of the world's bounds (same dimension as the positions), or null.</summary>
    public double[]? BoundsMin { get; init; }

    /// <summary>The upper corner of the world's bounds (same dimension as the positions), or null.</summary>
    public double[]? BoundsMax { get; init; }

    /// <summary>The return; null to sum <see cref="Rewards"/>.</summary>
    public double? Return { get; init; }

    /// <summary>The episode's length in steps; null for the count of <see cref="Positions"/>.</summary>
    public int? Steps { get; init; }

    /// <summary>
    /// The waypoints reached; null to count them in order: waypoint k is reached at the first position, after
    /// waypoint k-1 was reached, within <see cref="SnapshotOptions.WaypointRadius"/> of it.
    /// </summary>
    public int? WaypointsReached { get; init; }

    /// <summary>Whether the episode succeeded; null for "there are waypoints and all were reached".</summary>
    public bool? Success { get; init; }

    /// <summary>
    /// Other numbers per step by name (reward components, action probabilities, distance to the target), each with
    /// one finite value per step, or null. Names must not be empty.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>>? Tracks { get; init; }

    /// <summary>
    /// A small 2-D state per step (rows of cells holding a colour or class index: an ARC-style grid, a cutting
    /// sheet), one per step, each rectangular, or null.
    /// </summary>
    public IReadOnlyList<int[][]>? Grids { get; init; }

    internal void Validate()
    {
        if (Positions is null || Actions is null || Rewards is null || Waypoints is null)
            throw new ArgumentException("EpisodeSnapshot.Positions, Actions, Rewards and Waypoints must not be null.", "snapshot");
        if (Positions.Count == 0)
            throw new ArgumentException("The snapshot has no steps: give at least one position, action and reward.", "snapshot");
        var dimension = Positions[0]?.Length ?? 0;
        CheckVectors(Positions, "Positions", dimension, dimension is 2 or 3 ? null : "2 (x, y) or 3 (x, y, z)");
        CheckVectors(Waypoints, "Waypoints", dimension, null);
        if ((BoundsMin is null) != (BoundsMax is null))
            throw new ArgumentException("Give both EpisodeSnapshot.BoundsMin and BoundsMax, or neither.", "snapshot");
        if (BoundsMin is not null && BoundsMax is not null)
            CheckVectors([BoundsMin, BoundsMax], "Bounds", dimension, null);
        CheckCount(Actions.Count, "Actions");
        CheckCount(Rewards.Count, "Rewards");
        CheckVectors(Actions, "Actions", null, null);
        if (Orientations is not null)
        {
            CheckCount(Orientations.Count, "Orientations");
            CheckVectors(Orientations, "Orientations", null, null);
        }
        CheckTracks();
        CheckGrids();
        for (var i = 0; i < Rewards.Count; i++)
        {
            if (!double.IsFinite(Rewards[i]))
                LogJson.ThrowNonFinite($"Rewards[{i}]", Rewards[i], "snapshot");
        }
        if (Return is { } r && !double.IsFinite(r))
            LogJson.ThrowNonFinite("Return", r, "snapshot");
        if (Steps < 0 || WaypointsReached < 0)
            throw new ArgumentException("EpisodeSnapshot.Steps and WaypointsReached must not be negative.", "snapshot");
    }

    internal (double Return, int Steps, int WaypointsReached, bool Success) Summarize(double radius)
    {
        var total = 0.0;
        foreach (var reward in Rewards)
            total += reward;
        var reached = WaypointsReached ?? CountReached(radius);
        return (Return ?? total, Steps ?? Positions.Count, reached, Success ?? (Waypoints.Count > 0 && reached >= Waypoints.Count));
    }

    private int CountReached(double radius)
    {
        var next = 0;
        foreach (var position in Positions)
        {
            while (next < Waypoints.Count && Distance(position, Waypoints[next]) <= radius)
                next++;
        }
        return next;
    }

    private static double Distance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(sum);
    }

    private void CheckTracks()
    {
        if (Tracks is null)
            return;
        foreach (var (name, values) in Tracks)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException("EpisodeSnapshot.Tracks has a track without a name.", "snapshot");
            if (values is null)
                throw new ArgumentException($"EpisodeSnapshot.Tracks[\"{name}\"] is null.", "snapshot");
            CheckCount(values.Count, $"Tracks[\"{name}\"]");
            for (var i = 0; i < values.Count; i++)
            {
                if (!double.IsFinite(values[i]))
                    LogJson.ThrowNonFinite($"EpisodeSnapshot.Tracks[\"{name}\"][{i}]", values[i], "snapshot");
            }
        }
    }

    private void CheckGrids()
    {
        if (Grids is null)
            return;
        CheckCount(Grids.Count, "Grids");
        for (var i = 0; i < Grids.Count; i++)
        {
            var grid = Grids[i] ?? throw new ArgumentException($"EpisodeSnapshot.Grids[{i}] is null.", "snapshot");
            for (var r = 0; r < grid.Length; r++)
            {
                var row = grid[r] ?? throw new ArgumentException($"EpisodeSnapshot.Grids[{i}][{r}] is null.", "snapshot");
                if (row.Length != grid[0].Length)
                    throw new ArgumentException($"EpisodeSnapshot.Grids[{i}] is ragged: row {r} has {row.Length} cells, row 0 has {grid[0].Length}; give rectangular grids.", "snapshot");
            }
        }
    }

    private void CheckCount(int count, string name)
    {
        if (count != Positions.Count)
            throw new ArgumentException($"EpisodeSnapshot.{name} has {count} entries but Positions has {Positions.Count}; give one per step.", "snapshot");
    }

    private static void CheckVectors(IReadOnlyList<double[]> vectors, string name, int? dimension, string? expected)
    {
        for (var i = 0; i < vectors.Count; i++)
        {
            var v = vectors[i] ?? throw new ArgumentException($"EpisodeSnapshot.{name}[{i}] is null.", "snapshot");
            if (expected is not null || (dimension is { } d && v.Length != d))
                throw new ArgumentException(
                    $"EpisodeSnapshot.{name}[{i}] has {v.Length} numbers; give {expected ?? dimension + ", as Positions[0] has"}.", "snapshot");
            for (var j = 0; j < v.Length; j++)
            {
                if (!double.IsFinite(v[j]))
                    LogJson.ThrowNonFinite($"EpisodeSnapshot.{name}[{i}][{j}]", v[j], "snapshot");
            }
        }
    }
}
