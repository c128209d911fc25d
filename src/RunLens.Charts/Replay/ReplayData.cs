using System.Text.Json.Serialization;

namespace RunLens;

// The replay page's data, as replay.js reads it (one JSON block per widget). Arrays are per kept step ("frame").

internal sealed record ReplayData(string Title, IReadOnlyList<ReplayEpisodeData> Episodes)
{
    public IReadOnlyList<string> Notes { get; init; } = [];
    public double StepsPerSecond { get; init; } = 10;
    public IReadOnlyList<string> Palette { get; init; } = [];
    public IReadOnlyList<ReplayHeatmap>? Heatmaps { get; init; }
    /// <summary>True when the episodes were captured over training: the widget draws the snapshot timeline.</summary>
    public bool Timeline { get; init; }
    public string? TimelineTitle { get; init; }
    public int Start { get; init; }
}

internal sealed record ReplayEpisodeData(string Label, string Summary)
{
    public double Return { get; init; }
    public long Length { get; init; }
    public long? Update { get; init; }
    public long? TrainingStep { get; init; }
    public string? Note { get; init; }
    /// <summary>The step (0-based, within the episode) of each frame.</summary>
    public IReadOnlyList<int> Steps { get; init; } = [];
    /// <summary>0 (no positions), 2 or 3.</summary>
    public int Dim { get; init; }
    public IReadOnlyList<double>? X { get; init; }
    public IReadOnlyList<double>? Y { get; init; }
    public IReadOnlyList<double>? Z { get; init; }
    /// <summary>Roll, pitch and yaw per frame (radians), for the 3-D body axes or the 2-D heading.</summary>
    public IReadOnlyList<double>? Roll { get; init; }
    public IReadOnlyList<double>? Pitch { get; init; }
    public IReadOnlyList<double>? Yaw { get; init; }
    public IReadOnlyList<string>? Maps { get; init; }
    /// <summary>Frames where the map differs from the previous frame's.</summary>
    public IReadOnlyList<int>? MapSwitches { get; init; }
    /// <summary>2-D views draw y growing downwards (grid games with maps) when true.</summary>
    public bool YDown { get; init; }
    public IReadOnlyList<double[]>? Waypoints { get; init; }
    /// <summary>Per waypoint, the first frame at which it counts as reached, or -1 (pending to the end).</summary>
    public IReadOnlyList<int>? ReachedAt { get; init; }
    public string? WaypointNote { get; init; }
    public IReadOnlyList<double>? BoundsMin { get; init; }
    public IReadOnlyList<double>? BoundsMax { get; init; }
    public IReadOnlyList<ReplayTrack> Tracks { get; init; } = [];
    public IReadOnlyList<int[][]>? Grids { get; init; }
    public int[][]? GridInitial { get; init; }
    public int[][]? GridFinal { get; init; }
}

/// <param name="Name">The track's name.</param>
/// <param name="Group">The panel the track is drawn in: reward, components, actions, probabilities or a track's own name.</param>
/// <param name="Values">The value at each frame's step.</param>
internal sealed record ReplayTrack(string Name, string Group, IReadOnlyList<double> Values)
{
    /// <summary>Per frame, the lowest and highest value of the steps the frame stands for (decimated episodes only).</summary>
    public IReadOnlyList<double>? Min { get; init; }
    public IReadOnlyList<double>? Max { get; init; }
    /// <summary>Drawn as steps (discrete actions) rather than lines.</summary>
    public bool Discrete { get; init; }
}

internal sealed record ReplayHeatmap(string? Map, IReadOnlyList<int> X, IReadOnlyList<int> Y, IReadOnlyList<long> Count);

[JsonSerializable(typeof(ReplayData))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class ReplayJsonContext : JsonSerializerContext;
