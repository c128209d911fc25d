using System.Globalization;
using RunLens.Samples.Drone;

namespace RunLens.Samples;

public static partial class SampleRuns
{
    private const int DroneSeeds = 3;

    private static string WriteDrone(string root)
    {
        var start = new DateTime(2025, 8, 12, 16, 30, 0, DateTimeKind.Utc);
        var snapshots = 0;
        for (var seed = 0; seed < DroneSeeds; seed++)
        {
            var dir = Path.Combine(root, "drone-cem", Timestamp(start, seed));
            var options = new DroneCemOptions { Seed = seed + 1, RolloutEvery = 10 };
            var clock = new ManualClock(UnixSeconds(start.AddMinutes(97 * seed)));
            using var writer = RunWriter.Create(dir, new RunWriterOptions { Clock = clock.Read });
            writer.WriteConfig(
            [
                new("algorithm", "cem"), new("env", "waypoint-drone-3d"), new("seed", options.Seed),
                new("population", options.Population), new("elite_fraction", options.EliteFraction),
                new("updates", options.Updates), new("episodes_per_candidate", options.EpisodesPerCandidate),
                new("waypoints", options.Waypoints),
            ]);
            var logger = new SnapshotLogger(writer, new SnapshotOptions(SnapshotFrequency: options.RolloutEvery, SnapshotMaxSteps: 500, WaypointRadius: DroneEnv.WaypointRadius));
            DroneCemTrainer.Run(options, update =>
            {
                clock.Now += 12.5;
                writer.LogScalars(update.Update,
                [
                    new("mean_reward", update.MeanReward), new("mean_length", update.MeanLength),
                    new("success_rate", update.SuccessRate), new("waypoints_per_episode", update.MeanWaypoints),
                    new("best_return", update.BestReturn),
                ]);
                if (update.Rollout is { } rollout)
                {
                    logger.LogSnapshot(update.Update, (long)(update.Update + 1) * options.Population * options.EpisodesPerCandidate, Snapshot(rollout));
                    snapshots++;
                }
            });
        }
        return string.Create(CultureInfo.InvariantCulture, $"drone CEM: {DroneSeeds} runs, {snapshots} snapshot episodes");
    }

    private static EpisodeSnapshot Snapshot(DroneRollout rollout) =>
        new(rollout.Frames.Select(f => new[] { f.Position.X, f.Position.Y, f.Position.Z }).ToList(),
            rollout.Frames.Select(f => new[] { f.Action.Thrust, f.Action.RollRate, f.Action.PitchRate, f.Action.YawRate }).ToList(),
            rollout.Frames.Select(f => f.Reward).ToList())
        {
            Orientations = rollout.Frames.Select(f => new[] { f.Roll, f.Pitch, f.Yaw }).ToList(),
            Waypoints = rollout.Waypoints.Select(w => new[] { w.X, w.Y, w.Z }).ToList(),
            // The box the drone must stay in (leaving it or touching the ground ends the episode).
            BoundsMin = [-DroneEnv.HalfWidth, -DroneEnv.HalfWidth, 0],
            BoundsMax = [DroneEnv.HalfWidth, DroneEnv.HalfWidth, DroneEnv.Ceiling],
            Return = rollout.Return,
            Steps = rollout.Steps,
            WaypointsReached = rollout.WaypointsReached,
            Success = rollout.Success,
            Tracks = new Dictionary<string, IReadOnlyList<double>>
            {
                ["waypoints_reached"] = WaypointsReachedPerStep(rollout),
                ["distance_to_target"] = rollout.Frames.Select(f => f.Position.DistanceTo(rollout.Waypoints[f.Target])).ToList(),
            },
        };

    /// <summary>
    /// The waypoints reached by the end of each step: the next frame's target (the one after it was reached), and
    /// for the last step the rollout's count.
    /// </summary>
    private static double[] WaypointsReachedPerStep(DroneRollout rollout)
    {
        var frames = rollout.Frames;
        var reached = new double[frames.Count];
        for (var t = 0; t < frames.Count; t++)
            reached[t] = t + 1 < frames.Count ? frames[t + 1].Target : rollout.WaypointsReached;
        return reached;
    }
}
