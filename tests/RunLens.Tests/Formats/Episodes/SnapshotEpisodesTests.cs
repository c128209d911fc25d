using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Formats.Episodes;

public class SnapshotEpisodesTests(ITestOutputHelper output)
{
    private static EpisodeSnapshot Flight(int steps, double offset) => new(
        Enumerable.Range(0, steps).Select(t => new[] { t + offset, 0.0, 1.0 }).ToList(),
        Enumerable.Range(0, steps).Select(t => new[] { 0.5, t * 0.1 }).ToList(),
        Enumerable.Range(0, steps).Select(t => 0.25 * t).ToList())
    {
        Orientations = Enumerable.Range(0, steps).Select(t => new[] { 0.0, 0.0, t * 0.01 }).ToList(),
        Waypoints = [[2.0, 0, 1], [9.0, 0, 1]],
    };

    [Fact]
    public void Snapshots_written_by_the_logger_read_back_as_episodes_with_trajectories()
    {
        using var dir = new TempDir();
        var runDir = Path.Combine(dir.Path, "drone", "seed_1");
        using (var writer = RunWriter.Create(runDir))
        {
            writer.LogScalars(0, [new("mean_reward", 1.0)]);
            var snapshots = new SnapshotLogger(writer, new SnapshotOptions(SnapshotFrequency: 10, SnapshotMaxSteps: 4));
            snapshots.LogSnapshot(0, 0, Flight(3, 0));
            snapshots.LogSnapshot(10, 960, Flight(6, 0.5) with { Map = "room-2" });
        }

        var run = Assert.Single(Runs.Load(dir.Path));
        var episodes = run.Episodes;

        Assert.Empty(episodes.Issues);
        Assert.Equal(2, episodes.Count);
        var first = episodes[0];
        Assert.Equal((EpisodeKinds.Snapshot, 0L, 0L, 0.75, 3L), (first.Kind, first.Update!.Value, first.TrainingStep!.Value, first.Return, first.Length));
        Assert.Equal((1, false), (first.WaypointsReached!.Value, first.Success!.Value));
        Assert.Equal("drone/seed_1/snapshots/snapshot_000000.json", first.Source);
        var steps = first.Trajectory!;
        Assert.Equal([0.0, 0.25, 0.5], steps.Rewards);
        Assert.Equal([[0.0, 0, 1], [1, 0, 1], [2, 0, 1]], steps.Positions!);
        Assert.Equal([0.0, 0, 0.02], steps.Orientations![2]);
        Assert.Equal([0.5, 0.1], steps.Actions![1]);
        Assert.Equal([[2.0, 0, 1], [9.0, 0, 1]], steps.Scene!.Waypoints);
        Assert.Null(steps.Scene.Map);
        // Six steps capped at four: the summary keeps the whole episode, the trajectory the steps written.
        var second = episodes[1];
        Assert.Equal((10L, 960L, 6L, 4, 3.75), (second.Update!.Value, second.TrainingStep!.Value, second.Length, second.Trajectory!.Length, second.Return));
        Assert.Equal("room-2", second.Trajectory.Scene!.Map);
    }

    [Fact]
    public void A_missing_or_broken_snapshot_file_is_named_and_its_index_line_still_gives_the_summary()
    {
        using var dir = new TempDir();
        dir.Write("run/metrics.jsonl", "{\"step\":0,\"metrics\":{\"r\":1}}\n");
        var index = dir.Write("run/snapshots/index.jsonl",
            "{\"update\":0,\"step\":10,\"return\":1.5,\"steps\":2,\"waypoints_reached\":0,\"success\":false,\"truncated\":false,\"file\":\"snapshot_000000.json\"}\n" +
            "{\"update\":1,\"step\":20,\"return\":2.5,\"steps\":3,\"file\":\"snapshot_000001.json\"}\n" +
            "this line is not json\n" +
            "{\"update\":2,\"step\":30,\"return\":3.5,\"steps\":4,\"file\":\"snapshot_000002.json\"}\n" +
            "{\"update\":3,\"step\":40,\"return\":4.5,\"steps\":5,\"file\":\"snapshot_000003.json\"}\n" +
            "{\"update\":4,\"step\":50,\"ret");
        dir.Write("run/snapshots/snapshot_000000.json",
            "{\"update\":0,\"steps\":[{\"t\":0,\"position\":[0,0],\"action\":[1],\"reward\":0.5},{\"t\":1,\"position\":[1,0],\"action\":[0],\"reward\":1}]}");
        var broken = dir.Write("run/snapshots/snapshot_000002.json", "{\"update\":2,\"steps\":[{\"t\":0,\"position\":[0,");
        var stepless = dir.Write("run/snapshots/snapshot_000003.json", "{\"update\":3}");

        var episodes = Runs.Load(dir.Path)["run"].Episodes;

        Assert.Equal([1.5, 2.5, 3.5, 4.5], episodes.Select(e => e.Return));
        Assert.Equal([true, false, false, false], episodes.Select(e => e.Trajectory is not null));
        Assert.Equal([[0.0, 0], [1, 0]], episodes[0].Trajectory!.Positions!);
        Assert.Null(episodes[0].Trajectory!.Orientations);
        var missing = Path.Combine(dir.Path, "run", "snapshots", "snapshot_000001.json");
        Assert.Collection(episodes.Issues,
            // Line starts by python: [m.end() for m in re.finditer(b'\n', text)] gives 132, 208, 230, 306, 382.
            i => Assert.Equal((index, 208L, 3L), (i.File, i.Offset!.Value, i.Line!.Value)),
            i => Assert.Equal((index, 382L, 6L), (i.File, i.Offset!.Value, i.Line!.Value)),
            i => Assert.Equal((missing, "snapshot file missing; the index line 2 gives a summary-only episode"), (i.File, i.Message)),
            i => Assert.Equal((broken, 1L), (i.File, i.Line!.Value)),
            i => Assert.Equal((stepless, "not a snapshot (no \"steps\" array); the index line 5 gives a summary-only episode"), (i.File, i.Message)));
        Assert.Contains("not valid JSON", episodes.Issues[0].Message);
        Assert.Contains("the last line is cut short", episodes.Issues[1].Message);
        Assert.Contains("not valid JSON", episodes.Issues[3].Message);
    }

    [Fact]
    public void A_snapshot_written_twice_gives_its_steps_to_the_last_index_line_only()
    {
        using var dir = new TempDir();
        var runDir = Path.Combine(dir.Path, "run");
        using (var writer = RunWriter.Create(runDir))
        {
            writer.LogScalars(0, [new("x", 1.0)]);
            var snapshots = new SnapshotLogger(writer, new SnapshotOptions(SnapshotFrequency: 1));
            snapshots.LogSnapshot(5, 50, Flight(2, 0));
            snapshots.LogSnapshot(5, 50, Flight(3, 0));
        }

        var episodes = Runs.Load(dir.Path)["run"].Episodes;

        Assert.Equal([2L, 3], episodes.Select(e => e.Length));
        Assert.Null(episodes[0].Trajectory);
        Assert.Equal(3, episodes[1].Trajectory!.Length);
        Assert.Empty(episodes.Issues);
    }

    [Fact]
    public void Sample_drone_runs_have_seven_snapshots_each()
    {
        var runs = Runs.Load(Path.Combine(TestPaths.SampleRuns, "drone-cem"));

        // Counted with /usr/bin/python3: json.loads of each index.jsonl line and json.load of the file it names;
        // steps per snapshot = len(snapshot['steps']), none truncated.
        Assert.Equal(["20250812_163000", "20250812_180700", "20250812_194400"], runs.Select(r => r.Name));
        int[][] steps = [[192, 92, 332, 236, 271, 229, 285], [57, 243, 225, 185, 207, 242, 189], [183, 34, 67, 215, 218, 219, 224]];
        int[] successes = [5, 6, 4];
        double[] returns = [300.87140233613917, 345.47439849085526, 202.02254581162418];
        for (var r = 0; r < 3; r++)
        {
            var episodes = runs[r].Episodes;
            output.WriteLine($"{runs[r].Name}: {episodes}");
            Assert.Empty(episodes.Issues);
            Assert.Equal([0L, 10, 20, 30, 40, 50, 59], episodes.Select(e => e.Update!.Value));
            Assert.Equal(steps[r].Select(s => (long)s), episodes.Select(e => e.Length));
            Assert.Equal(steps[r], episodes.Select(e => e.Trajectory!.Length));
            Assert.Equal(successes[r], episodes.Count(e => e.Success == true));
            Assert.Equal(returns[r], episodes.Sum(e => e.Return), 9);
            Assert.All(episodes, e => Assert.Equal(4, e.Trajectory!.Scene!.Waypoints.Count));
            Assert.All(episodes, e => Assert.Equal(e.Return, e.Trajectory!.Rewards.Sum(), 9));
            // The radius and the per-step tracks the drone writer logs: the last step's count is the summary's.
            Assert.All(episodes, e => Assert.Equal(1.0, e.Trajectory!.Scene!.ReachRadius));
            Assert.All(episodes, e => Assert.Equal(e.WaypointsReached!.Value, e.Trajectory!.Tracks["waypoints_reached"][^1]));
            Assert.All(episodes, e => Assert.Equal(e.Trajectory!.Length, e.Trajectory.Tracks["distance_to_target"].Count));
        }
        Assert.Equal([0.00014179479774983997, 0.00033025682359082083, 4.000337772661782], runs[0].Episodes[0].Trajectory!.Positions![0]);
        Assert.Equal(96L, runs[0].Episodes[0].TrainingStep);
    }
}
