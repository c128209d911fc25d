using System.Text.Json;

namespace RunLens.Loading.Episodes;

/// <summary>
/// The episodes a <see cref="SnapshotLogger"/> writes: <c>snapshots/index.jsonl</c> (one summary line per
/// snapshot, naming its file) and <c>snapshots/snapshot_NNNNNN.json</c> (the episode step by step). Each index
/// line becomes an <see cref="Episode"/> of kind <c>snapshot</c> with its update, training step, return, length,
/// success and waypoints reached; the snapshot file adds the <see cref="Trajectory"/> (positions, orientations,
/// actions, rewards, per-step tracks and grids, and the waypoints, map and waypoint radius as its
/// <see cref="Scene"/>; see <see cref="SnapshotStepExtras"/>). A missing or broken snapshot file is an issue naming it, and its index line still gives the summary. When a snapshot was written twice for one update
/// (the logger replaces the file and appends a second index line), only the last line gets the file's steps.
/// A truncated snapshot (<c>truncated</c>: the logger kept the first steps only) has a trajectory shorter than its
/// <see cref="Episode.Length"/>.
/// </summary>
/// <param name="index">The <c>index.jsonl</c> file.</param>
internal sealed class SnapshotEpisodes(RunFile index) : IEpisodeSource
{
    /// <summary>The index's name inside the <c>snapshots/</c> folder.</summary>
    public const string IndexName = "index.jsonl";

    public RunFile File { get; } = index;

    public IEnumerable<Episode> Read(List<LoadIssue> issues)
    {
        var rows = new List<(Episode Summary, string? File, long Line)>();
        foreach (var line in JsonLines.Read(File.Path, issues))
        {
            var row = line.Root;
            if (row.ValueKind != JsonValueKind.Object || JsonLines.Number(row, "return") is not { } value
                || JsonLines.Number(row, "steps") is not { } steps)
            {
                issues.Add(new LoadIssue(File.Path, line.Offset, line.Line, "not a snapshot index row (needs numbers \"return\" and \"steps\"); line skipped"));
                continue;
            }
            var file = JsonLines.Text(row, "file");
            rows.Add((new Episode(0, value, (long)steps)
            {
                Kind = EpisodeKinds.Snapshot,
                Update = Whole(row, "update"),
                TrainingStep = Whole(row, "step"),
                Success = JsonLines.Boolean(row, "success"),
                WaypointsReached = JsonLines.Number(row, "waypoints_reached") is { } w ? (int)w : null,
                Source = file is null ? File.RelativePath : RelativeTo(file),
            }, file, line.Line));
        }
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].File is { } f)
                last[f] = i;
        }
        var folder = Path.GetDirectoryName(File.Path)!;
        for (var i = 0; i < rows.Count; i++)
        {
            var (summary, file, line) = rows[i];
            if (file is null || last[file] != i)
            {
                yield return summary;
                continue;
            }
            var trajectory = ReadSnapshot(Path.GetFullPath(Path.Combine(folder, file)), line, issues);
            yield return trajectory is null ? summary : summary with { Trajectory = trajectory };
        }
    }

    private string RelativeTo(string file)
    {
        var dir = File.RelativePath.LastIndexOf('/') is var cut and >= 0 ? File.RelativePath[..(cut + 1)] : "";
        return dir + file.Replace('\\', '/');
    }

    private static long? Whole(JsonElement row, string name) => JsonLines.Number(row, name) is { } v ? (long)v : null;

    /// <summary>The snapshot's steps, or null with an issue naming the file when it is missing or broken.</summary>
    private Trajectory? ReadSnapshot(string path, long indexLine, List<LoadIssue> issues)
    {
        var fallback = FormattableString.Invariant($"the index line {indexLine} gives a summary-only episode");
        if (!System.IO.File.Exists(path))
        {
            issues.Add(new LoadIssue(path, null, null, $"snapshot file missing; {fallback}"));
            return null;
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
            {
                issues.Add(new LoadIssue(path, 0, 1, $"not a snapshot (no \"steps\" array); {fallback}"));
                return null;
            }
            return ReadSteps(root, steps, path, fallback, issues);
        }
        catch (JsonException ex)
        {
            // The logger writes a snapshot on one line, where the position in the line is the file offset.
            issues.Add(new LoadIssue(path, ex.LineNumber == 0 ? ex.BytePositionInLine : null, ex.LineNumber + 1, $"not valid JSON ({JsonLines.FirstSentence(ex.Message)}); {fallback}"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(path, null, null, $"cannot read the snapshot ({ex.Message}); {fallback}"));
        }
        return null;
    }

    private static Trajectory? ReadSteps(JsonElement root, JsonElement steps, string path, string fallback, List<LoadIssue> issues)
    {
        var count = steps.GetArrayLength();
        var rewards = new double[count];
        var positions = new double[count][];
        var actions = new double[count][];
        var orientations = new double[count][];
        var hasOrientation = false;
        var extras = new SnapshotStepExtras(count, path);
        var t = 0;
        foreach (var step in steps.EnumerateArray())
        {
            if (step.ValueKind != JsonValueKind.Object || JsonLines.Number(step, "reward") is not { } reward)
            {
                issues.Add(new LoadIssue(path, null, null, FormattableString.Invariant($"step {t} has no number \"reward\"; {fallback}")));
                return null;
            }
            rewards[t] = reward;
            positions[t] = JsonLines.Vector(step, "position") ?? [];
            actions[t] = JsonLines.Vector(step, "action") ?? [];
            if (JsonLines.Vector(step, "orientation") is { } orientation)
            {
                orientations[t] = orientation;
                hasOrientation = true;
            }
            else
            {
                orientations[t] = [];
            }
            extras.Add(t, step, issues);
            t++;
        }
        var waypoints = new List<double[]>();
        if (root.TryGetProperty("waypoints", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var waypoint in list.EnumerateArray())
            {
                if (waypoint.ValueKind == JsonValueKind.Array)
                    waypoints.Add(waypoint.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).ToArray());
            }
        }
        return new Trajectory(rewards)
        {
            Positions = positions,
            Orientations = hasOrientation ? orientations : null,
            Actions = actions,
            Tracks = extras.Tracks,
            Grids = extras.Grids,
            Scene = new Scene(waypoints)
            {
                Map = JsonLines.Text(root, "map"),
                ReachRadius = JsonLines.Number(root, "waypoint_radius") is { } radius && double.IsFinite(radius) && radius > 0 ? radius : null,
                BoundsMin = Bounds(root, "min"),
                BoundsMax = Bounds(root, "max"),
            },
        };
    }

    // "bounds": {"min": [...], "max": [...]}: the world's box, when the logger knew it.
    private static double[]? Bounds(JsonElement root, string corner) =>
        root.TryGetProperty("bounds", out var bounds) && bounds.ValueKind == JsonValueKind.Object ? JsonLines.Vector(bounds, corner) : null;
}
