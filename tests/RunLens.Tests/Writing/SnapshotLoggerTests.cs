using System.Text.Json;
using RunLens.TestSupport;
using static RunLens.Tests.Writing.WritingFixtures;

namespace RunLens.Tests.Writing;

public class SnapshotLoggerTests
{
    private static EpisodeSnapshot Walk(int steps) => new(
        Enumerable.Range(0, steps).Select(t => new double[] { t, 0 }).ToList(),
        Enumerable.Range(0, steps).Select(t => new double[] { t % 4 }).ToList(),
        Enumerable.Range(0, steps).Select(_ => 0.5).ToList())
    {
        Waypoints = [[2, 0], [5, 0], [100, 0]],
    };

    [Fact]
    public void A_snapshot_file_has_the_documented_shape()
    {
        using var dir = new TempDir();
        string path;
        using (var run = RunWriter.Create(dir.Path))
        {
            var snapshot = Walk(3) with { Orientations = [[0, 0, 0.1], [0, 0, 0.2], [0, 0, 0.3]], Map = "room-3", Waypoints = [[2, 0]] };
            path = new SnapshotLogger(run, new SnapshotOptions()).LogSnapshot(40, 81_920, snapshot);
        }
        Assert.Equal(Path.Combine(dir.Path, "snapshots", "snapshot_000040.json"), path);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        Assert.Equal(["update", "step", "timeline", "map", "waypoint_radius", "summary", "waypoints", "steps"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1.0, root.GetProperty("waypoint_radius").GetDouble());
        Assert.Equal("snapshot", root.GetProperty("timeline").GetString());
        var summary = root.GetProperty("summary");
        Assert.Equal(1.5, summary.GetProperty("return").GetDouble());
        Assert.Equal(3, summary.GetProperty("steps").GetInt32());
        Assert.Equal(1, summary.GetProperty("waypoints_reached").GetInt32());
        Assert.True(summary.GetProperty("success").GetBoolean());
        Assert.False(summary.GetProperty("truncated").GetBoolean());
        var step = root.GetProperty("steps")[2];
        Assert.Equal(["t", "position", "orientation", "action", "reward"], step.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, step.GetProperty("t").GetInt32());
        Assert.Equal([2.0, 0.0], step.GetProperty("position").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(0.3, step.GetProperty("orientation")[2].GetDouble());
    }

    [Fact]
    public void Long_episodes_are_cut_at_the_cap_and_marked_truncated()
    {
        using var dir = new TempDir();
        using (var run = RunWriter.Create(dir.Path))
            new SnapshotLogger(run, new SnapshotOptions(SnapshotMaxSteps: 4)).LogSnapshot(7, 700, Walk(10));

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "snapshots", "snapshot_000007.json")));
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(4, doc.RootElement.GetProperty("steps").GetArrayLength());
        Assert.True(summary.GetProperty("truncated").GetBoolean());
        Assert.Equal(10, summary.GetProperty("steps").GetInt32());
        Assert.Equal(4, summary.GetProperty("written_steps").GetInt32());
        // The summary covers the whole episode: all ten rewards, and waypoint [5,0] reached after the cap.
        Assert.Equal(5.0, summary.GetProperty("return").GetDouble());
        Assert.Equal(2, summary.GetProperty("waypoints_reached").GetInt32());
        Assert.False(summary.GetProperty("success").GetBoolean());
    }

    [Fact]
    public void The_index_is_a_second_timeline_with_one_line_per_snapshot()
    {
        using var dir = new TempDir();
        using (var run = RunWriter.Create(dir.Path))
        {
            var snapshots = new SnapshotLogger(run, new SnapshotOptions(SnapshotFrequency: 5));
            for (var update = 0; update <= 12; update++)
            {
                if (snapshots.ShouldSnapshot(update))
                    snapshots.LogSnapshot(update, update * 100, Walk(update + 1) with { Success = update == 10 });
            }
        }
        var index = Lines(Path.Combine(dir.Path, "snapshots", "index.jsonl"));
        Assert.Equal([0L, 5L, 10L], index.Select(l => l.GetProperty("update").GetInt64()));
        Assert.Equal(["update", "step", "return", "steps", "waypoints_reached", "success", "truncated", "file"], index[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["snapshot_000000.json", "snapshot_000005.json", "snapshot_000010.json"], index.Select(l => l.GetProperty("file").GetString()));
        Assert.Equal([false, false, true], index.Select(l => l.GetProperty("success").GetBoolean()));
        Assert.Equal(1000, index[2].GetProperty("step").GetInt64());
    }

    [Fact]
    public void Invalid_snapshots_say_what_to_do()
    {
        using var dir = new TempDir();
        using var run = RunWriter.Create(dir.Path);
        Assert.Contains("SnapshotFrequency must be at least 1",
            Assert.Throws<ArgumentOutOfRangeException>(() => new SnapshotLogger(run, new SnapshotOptions(SnapshotFrequency: 0))).Message, StringComparison.Ordinal);
        Assert.Contains("SnapshotMaxSteps must be at least 1",
            Assert.Throws<ArgumentOutOfRangeException>(() => new SnapshotLogger(run, new SnapshotOptions(SnapshotMaxSteps: 0))).Message, StringComparison.Ordinal);
        var snapshots = new SnapshotLogger(run, new SnapshotOptions());
        Assert.Contains("Positions[0] has 4 numbers; give 2 (x, y) or 3 (x, y, z)",
            Assert.Throws<ArgumentException>(() => snapshots.LogSnapshot(0, 0, new EpisodeSnapshot([[1, 2, 3, 4]], [[0]], [0]))).Message, StringComparison.Ordinal);
        Assert.Contains("Rewards has 1 entries but Positions has 2",
            Assert.Throws<ArgumentException>(() => snapshots.LogSnapshot(0, 0, new EpisodeSnapshot([[1, 2], [1, 3]], [[0], [0]], [0]))).Message, StringComparison.Ordinal);
        Assert.Contains("Waypoints[0] has 3 numbers",
            Assert.Throws<ArgumentException>(() => snapshots.LogSnapshot(0, 0, Walk(2) with { Waypoints = [[1, 2, 3]] })).Message, StringComparison.Ordinal);
        Assert.Contains("no steps",
            Assert.Throws<ArgumentException>(() => snapshots.LogSnapshot(0, 0, new EpisodeSnapshot([], [], []))).Message, StringComparison.Ordinal);
        Assert.Contains("Positions[1][0] is NaN",
            Assert.Throws<ArgumentException>(() => snapshots.LogSnapshot(0, 0, new EpisodeSnapshot([[1, 2], [double.NaN, 3]], [[0], [0]], [0, 0]))).Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "snapshots")));
    }
}
