using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Episodes;

/// <summary>Snapshot tracks, grids and the waypoint radius: written by the logger, read back by the loader.</summary>
public class SnapshotExtrasTests
{
    private static EpisodeSnapshot Walk() => new(
        [[0.0, 0], [1, 0], [2, 0]],
        [[1.0], [1], [0]],
        [0.5, 0.25, 1])
    {
        Waypoints = [[2.0, 0]],
        Tracks = new Dictionary<string, IReadOnlyList<double>>
        {
            ["waypoints_reached"] = [0.0, 0, 1],
            ["distance_to_target"] = [2.0, 1, 0],
        },
        Grids = [[[0, 1], [2, 3]], [[1, 1], [0, 0]], [[7, 0], [0, 7]]],
        BoundsMin = [-1.0, -1],
        BoundsMax = [3.0, 1],
    };

    [Fact]
    public void Tracks_grids_and_the_waypoint_radius_survive_a_round_trip()
    {
        using var dir = new TempDir();
        using (var writer = RunWriter.Create(Path.Combine(dir.Path, "run")))
        {
            writer.LogScalars(0, [new("x", 1.0)]);
            new SnapshotLogger(writer, new SnapshotOptions(SnapshotFrequency: 1, WaypointRadius: 0.25)).LogSnapshot(0, 0, Walk());
        }

        var episode = Assert.Single(Runs.Load(dir.Path)["run"].Episodes);

        Assert.Empty(Runs.Load(dir.Path)["run"].Episodes.Issues);
        var steps = episode.Trajectory!;
        Assert.Equal(0.25, steps.Scene!.ReachRadius);
        Assert.Equal([-1.0, -1], steps.Scene.BoundsMin!);
        Assert.Equal([3.0, 1], steps.Scene.BoundsMax!);
        Assert.Equal(["distance_to_target", "waypoints_reached"], steps.Tracks.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([0.0, 0, 1], steps.Tracks["waypoints_reached"]);
        Assert.Equal([2.0, 1, 0], steps.Tracks["distance_to_target"]);
        Assert.Equal([[[0, 1], [2, 3]], [[1, 1], [0, 0]], [[7, 0], [0, 7]]], steps.Grids!);
        Assert.Equal((1, true), (episode.WaypointsReached!.Value, episode.Success!.Value));
    }

    [Fact]
    public void A_snapshot_without_extras_has_no_grids_and_no_tracks()
    {
        using var dir = new TempDir();
        using (var writer = RunWriter.Create(Path.Combine(dir.Path, "run")))
        {
            writer.LogScalars(0, [new("x", 1.0)]);
            new SnapshotLogger(writer, new SnapshotOptions(SnapshotFrequency: 1)).LogSnapshot(0, 0, Walk() with { Tracks = null, Grids = null, BoundsMin = null, BoundsMax = null });
        }

        var steps = Assert.Single(Runs.Load(dir.Path)["run"].Episodes).Trajectory!;

        Assert.Null(steps.Grids);
        Assert.Empty(steps.Tracks);
        Assert.Equal((null, null), (steps.Scene!.BoundsMin, steps.Scene.BoundsMax));
        Assert.Equal(1.0, steps.Scene!.ReachRadius);
    }

    [Fact]
    public void The_logger_refuses_tracks_and_grids_that_do_not_fit_the_steps()
    {
        using var dir = new TempDir();
        using var writer = RunWriter.Create(Path.Combine(dir.Path, "run"));
        var logger = new SnapshotLogger(writer, new SnapshotOptions(SnapshotFrequency: 1));

        var shortTrack = Assert.Throws<ArgumentException>(() => logger.LogSnapshot(0, 0, Walk() with
        {
            Tracks = new Dictionary<string, IReadOnlyList<double>> { ["speed"] = [1.0] },
        }));
        var ragged = Assert.Throws<ArgumentException>(() => logger.LogSnapshot(0, 0, Walk() with { Grids = [[[0, 1]], [[0], [1, 2]], [[0]]] }));
        var nan = Assert.Throws<ArgumentException>(() => logger.LogSnapshot(0, 0, Walk() with
        {
            Tracks = new Dictionary<string, IReadOnlyList<double>> { ["speed"] = [1.0, double.NaN, 2] },
        }));

        Assert.Contains("Tracks[\"speed\"] has 1 entries but Positions has 3", shortTrack.Message, StringComparison.Ordinal);
        Assert.Contains("Grids[1] is ragged: row 1 has 2 cells, row 0 has 1", ragged.Message, StringComparison.Ordinal);
        Assert.Contains("Tracks[\"speed\"][1]", nan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_grid_is_reported_with_its_file_and_step_and_the_rest_loads()
    {
        using var dir = new TempDir();
        dir.Write("run/metrics.jsonl", "{\"step\":0,\"metrics\":{\"r\":1}}\n");
        dir.Write("run/snapshots/index.jsonl", "{\"update\":0,\"step\":0,\"return\":3,\"steps\":4,\"file\":\"snapshot_000000.json\"}\n");
        var file = dir.Write("run/snapshots/snapshot_000000.json",
            "{\"update\":0,\"waypoint_radius\":0.5,\"steps\":[" +
            "{\"t\":0,\"position\":[0,0],\"action\":[0],\"reward\":1,\"grid\":[[1,2],[3,4]],\"speed\":0.5}," +
            "{\"t\":1,\"position\":[1,0],\"action\":[0],\"reward\":1,\"grid\":[[1,2],[3]],\"tracks\":{\"speed\":0.75}}," +
            "{\"t\":2,\"position\":[2,0],\"action\":[0],\"reward\":1,\"grid\":[[1,2.5],[3,4]]}," +
            "{\"t\":3,\"position\":[3,0],\"action\":[0],\"reward\":0,\"grid\":[[0,0],[0,0]],\"speed\":1,\"label\":\"x\"}]}");

        var episodes = Runs.Load(dir.Path)["run"].Episodes;

        var steps = Assert.Single(episodes).Trajectory!;
        Assert.Equal([1.0, 1, 1, 0], steps.Rewards);
        Assert.Equal([[[1, 2], [3, 4]], [], [], [[0, 0], [0, 0]]], steps.Grids!);
        // An extra numeric step field is a track too; a step without it has NaN.
        Assert.Equal([0.5, 0.75, double.NaN, 1], steps.Tracks["speed"]);
        Assert.Equal(["speed"], steps.Tracks.Keys);
        Assert.Equal(0.5, steps.Scene!.ReachRadius);
        Assert.Collection(episodes.Issues,
            i => Assert.Equal((file, "step 1: \"grid\" is ragged: row 1 has 1 cells, row 0 has 2; that step has no grid (an empty one), the rest of the snapshot loads"), (i.File, i.Message)),
            i => Assert.Equal((file, "step 2: \"grid\" row 0 cell 1 is not an integer (2.5); that step has no grid (an empty one), the rest of the snapshot loads"), (i.File, i.Message)));
    }
}
