using System.Globalization;
using System.Text.Json;

namespace RunLens;

/// <summary>
/// Writes whole episodes every <see cref="SnapshotOptions.SnapshotFrequency"/> updates, for replay and path plots.
/// Each snapshot is one JSON object in <c>snapshots/snapshot_&lt;update:000000&gt;.json</c>:
/// <code>
/// {"update":40,"step":81920,"timeline":"snapshot","map":"room-3","waypoint_radius":0.5,"bounds":{"min":[0,0],"max":[9,9]},
///  "summary":{"return":12.5,"steps":812,"waypoints_reached":3,"success":true,"truncated":true,"written_steps":500},
///  "waypoints":[[1,2],[5,5]],
///  "steps":[{"t":0,"position":[0,0],"orientation":[0,0,1.57],"action":[2],"reward":0.1,
///            "tracks":{"distance_to_target":3.2},"grid":[[0,1],[2,0]]}, ...]}
/// </code>
/// <c>map</c>, <c>bounds</c> (<see cref="EpisodeSnapshot.BoundsMin"/>/<see cref="EpisodeSnapshot.BoundsMax"/>), <c>orientation</c>, <c>tracks</c> (<see cref="EpisodeSnapshot.Tracks"/>, one number per track per
/// step) and <c>grid</c> (<see cref="EpisodeSnapshot.Grids"/>) appear only when given; <c>waypoint_radius</c> is
/// <see cref="SnapshotOptions.WaypointRadius"/>, the distance that counted as reaching a waypoint.
/// <c>summary.steps</c> is the episode's full length; episodes longer than <see cref="SnapshotOptions.SnapshotMaxSteps"/> keep only their first steps, with
/// <c>truncated</c> true and <c>written_steps</c> the count kept. The summary is computed on the whole episode.
/// The second timeline, <c>snapshots/index.jsonl</c>, gets one line per snapshot:
/// <c>{"update":40,"step":81920,"return":12.5,"steps":812,"waypoints_reached":3,"success":true,"truncated":true,"file":"snapshot_000040.json"}</c>
/// (<c>file</c> relative to <c>snapshots/</c>). The object is written through a temporary file, so a killed
/// process never leaves half a snapshot; the index line is flushed at once.
/// </summary>
/// <example>
/// <code>
/// var snapshots = new SnapshotLogger(run, new SnapshotOptions(SnapshotFrequency: 50));
/// if (snapshots.ShouldSnapshot(update))
///     snapshots.LogSnapshot(update, globalStep, new EpisodeSnapshot(positions, actions, rewards) { Waypoints = goals });
/// </code>
/// </example>
public sealed class SnapshotLogger
{
    private readonly RunWriter _writer;

    /// <summary>Creates a logger that writes into <paramref name="writer"/>'s run folder.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public SnapshotLogger(RunWriter writer, SnapshotOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _writer = writer;
        Options = options;
    }

    /// <summary>The frequency, step cap and waypoint radius.</summary>
    public SnapshotOptions Options { get; }

    /// <summary>True for updates divisible by <see cref="SnapshotOptions.SnapshotFrequency"/> (update 0 included).</summary>
    public bool ShouldSnapshot(long update) => update >= 0 && update % Options.SnapshotFrequency == 0;

    /// <summary>Writes the snapshot file and its index line, replacing an earlier snapshot of the same update.</summary>
    /// <param name="update">The update number, not negative; names the file.</param>
    /// <param name="step">The training step at the update, not negative.</param>
    /// <param name="snapshot">The episode.</param>
    /// <returns>The full path of the snapshot file.</returns>
    /// <exception cref="ArgumentException">The snapshot's lists differ in length, a position is not 2 or 3 numbers,
    /// or a number is not finite.</exception>
    public string LogSnapshot(long update, long step, EpisodeSnapshot snapshot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(update);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.Validate();
        var summary = snapshot.Summarize(Options.WaypointRadius);
        var written = Math.Min(snapshot.Positions.Count, Options.SnapshotMaxSteps);
        var file = string.Create(CultureInfo.InvariantCulture, $"snapshot_{update:000000}.json");
        var entry = new Entry(update, step, snapshot, summary, written, snapshot.Positions.Count > written, file, Options.WaypointRadius);
        lock (_writer.Gate)
        {
            _writer.WriteDocument(Path.Combine("snapshots", file), entry, WriteSnapshot);
            _writer.AppendLine(Path.Combine("snapshots", "index.jsonl"), entry, WriteIndexLine, flush: true);
        }
        return Path.Combine(_writer.Directory, "snapshots", file);
    }

    private static void WriteSnapshot(Utf8JsonWriter json, Entry e)
    {
        json.WriteStartObject();
        json.WriteNumber("update", e.Update);
        json.WriteNumber("step", e.Step);
        json.WriteString("timeline", "snapshot");
        if (e.Snapshot.Map is { } map)
            json.WriteString("map", map);
        json.WriteNumber("waypoint_radius", e.Radius);
        if (e.Snapshot.BoundsMin is { } low && e.Snapshot.BoundsMax is { } high)
        {
            json.WriteStartObject("bounds");
            json.WritePropertyName("min");
            WriteVector(json, low);
            json.WritePropertyName("max");
            WriteVector(json, high);
            json.WriteEndObject();
        }
        json.WriteStartObject("summary");
        WriteSummary(json, e);
        json.WriteNumber("written_steps", e.Written);
        json.WriteEndObject();
        json.WriteStartArray("waypoints");
        foreach (var waypoint in e.Snapshot.Waypoints)
            WriteVector(json, waypoint);
        json.WriteEndArray();
        json.WriteStartArray("steps");
        for (var t = 0; t < e.Written; t++)
        {
            json.WriteStartObject();
            json.WriteNumber("t", t);
            json.WritePropertyName("position");
            WriteVector(json, e.Snapshot.Positions[t]);
            if (e.Snapshot.Orientations is { } orientations)
            {
                json.WritePropertyName("orientation");
                WriteVector(json, orientations[t]);
            }
            json.WritePropertyName("action");
            WriteVector(json, e.Snapshot.Actions[t]);
            json.WriteNumber("reward", e.Snapshot.Rewards[t]);
            if (e.Snapshot.Tracks is { Count: > 0 } tracks)
            {
                json.WriteStartObject("tracks");
                foreach (var (name, values) in tracks)
                    json.WriteNumber(name, values[t]);
                json.WriteEndObject();
            }
            if (e.Snapshot.Grids is { } grids)
            {
                json.WriteStartArray("grid");
                foreach (var row in grids[t])
                {
                    json.WriteStartArray();
                    foreach (var cell in row)
                        json.WriteNumberValue(cell);
                    json.WriteEndArray();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteIndexLine(Utf8JsonWriter json, Entry e)
    {
        json.WriteStartObject();
        json.WriteNumber("update", e.Update);
        json.WriteNumber("step", e.Step);
        WriteSummary(json, e);
        json.WriteString("file", e.File);
        json.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter json, Entry e)
    {
        json.WriteNumber("return", e.Summary.Return);
        json.WriteNumber("steps", e.Summary.Steps);
        json.WriteNumber("waypoints_reached", e.Summary.WaypointsReached);
        json.WriteBoolean("success", e.Summary.Success);
        json.WriteBoolean("truncated", e.Truncated);
    }

    private static void WriteVector(Utf8JsonWriter json, double[] values)
    {
        json.WriteStartArray();
        foreach (var v in values)
            json.WriteNumberValue(v);
        json.WriteEndArray();
    }

    private sealed record Entry(long Update, long Step, EpisodeSnapshot Snapshot,
        (double Return, int Steps, int WaypointsReached, bool Success) Summary, int Written, bool Truncated, string File, double Radius);
}
