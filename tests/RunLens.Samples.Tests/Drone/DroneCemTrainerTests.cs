using System.Diagnostics;
using RunLens.Samples.Drone;
using Xunit.Abstractions;

namespace RunLens.Samples.Tests.Drone;

public class DroneCemTrainerTests(ITestOutputHelper output)
{
    private static readonly DroneCemOptions Options = new() { RolloutEvery = 10 };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Later_snapshots_reach_more_waypoints_than_the_first(long seed)
    {
        var clock = Stopwatch.StartNew();
        var updates = DroneCemTrainer.Run(Options with { Seed = seed });
        var snapshots = updates.Where(u => u.Rollout is not null).Select(u => u.Rollout!).ToList();
        foreach (var u in updates.Where(u => u.Update % 5 == 0 || u.Update == updates.Count - 1))
            output.WriteLine($"update {u.Update}: reward {u.MeanReward:F1} length {u.MeanLength:F0} success {u.SuccessRate:F2} waypoints {u.MeanWaypoints:F2} best {u.BestReturn:F1}");
        foreach (var s in snapshots)
            output.WriteLine($"snapshot {s.Update}: return {s.Return:F1} steps {s.Steps} waypoints {s.WaypointsReached} success {s.Success} crashed {s.Crashed}");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F2} s");
        Assert.True(snapshots[^1].WaypointsReached > snapshots[0].WaypointsReached);
        Assert.True(updates.TakeLast(5).Average(u => u.MeanWaypoints) > updates.Take(5).Average(u => u.MeanWaypoints) + 1);
        Assert.True(updates.TakeLast(5).Average(u => u.MeanReward) > updates.Take(5).Average(u => u.MeanReward));
    }

    [Fact]
    public void The_same_seed_gives_the_same_updates_and_another_does_not()
    {
        var options = Options with { Updates = 5, Population = 12 };
        var a = DroneCemTrainer.Run(options);
        var b = DroneCemTrainer.Run(options);
        var c = DroneCemTrainer.Run(options with { Seed = 2 });
        Assert.Equal(a.Select(u => u with { Rollout = null }), b.Select(u => u with { Rollout = null }));
        Assert.Equal(a[^1].Rollout!.Frames, b[^1].Rollout!.Frames);
        Assert.NotEqual(a.Select(u => u.MeanReward), c.Select(u => u.MeanReward));
    }

    [Fact]
    public void Rollouts_come_when_asked_and_are_complete()
    {
        var updates = DroneCemTrainer.Run(new DroneCemOptions { Updates = 7, Population = 8, RolloutEvery = 3 });
        Assert.Equal([0, 3, 6], updates.Where(u => u.Rollout is not null).Select(u => u.Update));
        foreach (var r in updates.Select(u => u.Rollout).OfType<DroneRollout>())
        {
            Assert.Equal(r.Steps, r.Frames.Count);
            Assert.Equal(r.Return, r.Frames.Sum(f => f.Reward), 9);
            Assert.Equal(4, r.Waypoints.Count);
            Assert.Equal(r.WaypointsReached == 4, r.Success);
        }
        Assert.All(DroneCemTrainer.Run(new DroneCemOptions { Updates = 2, Population = 4 }), u => Assert.Null(u.Rollout));
    }
}
