namespace RunLens.ChartsTests.Replay;

/// <summary>Hand-made episodes: a 3-D waypoint flight, a grid game over two maps with grid states, a tiny one.</summary>
internal static class ReplayFixtures
{
    /// <summary>A helix through 4 waypoints with attitude, 4 actions, a distance track and a reach radius.</summary>
    public static Episode Flight(int steps = 500, int index = 0, long? update = null)
    {
        var positions = new double[steps][];
        var orientations = new double[steps][];
        var actions = new double[steps][];
        var rewards = new double[steps];
        var distance = new double[steps];
        for (var t = 0; t < steps; t++)
        {
            var a = t * 4 * Math.PI / steps;
            positions[t] = [3 * Math.Cos(a), 3 * Math.Sin(a), 1 + 4.0 * t / steps];
            orientations[t] = [0.1 * Math.Sin(a), 0.05 * Math.Cos(a), a + Math.PI / 2];
            actions[t] = [0.5 + 0.1 * Math.Sin(a), Math.Cos(a), -Math.Sin(a), 0.2];
            rewards[t] = t % 125 == 124 ? 10 : 0.01;
            distance[t] = Math.Abs(Math.Sin(a));
        }
        var waypoints = new[] { 124, 249, 374, 499 }.Where(t => t < steps).Select(t => positions[t]).ToList();
        return new Episode(index, rewards.Sum(), steps)
        {
            Success = true,
            WaypointsReached = waypoints.Count,
            Kind = update is null ? EpisodeKinds.Training : EpisodeKinds.Snapshot,
            Update = update,
            TrainingStep = update * 100,
            Trajectory = new Trajectory(rewards)
            {
                Positions = positions,
                Orientations = orientations,
                Actions = actions,
                Tracks = new Dictionary<string, IReadOnlyList<double>> { ["distance_to_target"] = distance },
                Scene = new Scene(waypoints) { ReachRadius = 0.01, BoundsMin = [-5, -5, 0], BoundsMax = [5, 5, 6] },
            },
        };
    }

    /// <summary>12 steps on map 1, then 8 on map 2: discrete actions, an explore component, a 3x4 grid per step.</summary>
    public static Episode GridGame()
    {
        const int steps = 20;
        var positions = new double[steps][];
        var maps = new string[steps];
        var rewards = new double[steps];
        var explore = new double[steps];
        var actions = new double[steps][];
        var grids = new int[steps][][];
        for (var t = 0; t < steps; t++)
        {
            positions[t] = t < 12 ? [t % 6, t / 6] : [t - 12, 3];
            maps[t] = t < 12 ? "1" : "2";
            explore[t] = t % 3 == 0 ? 0.1 : 0;
            rewards[t] = explore[t] + (t == 19 ? 1 : 0);
            actions[t] = [t % 4];
            grids[t] = [[t % 10, 1, 2, 3], [4, 5, 6, 7], [8, 9, 0, (t * 3) % 10]];
        }
        return new Episode(0, rewards.Sum(), steps)
        {
            RewardComponents = new Dictionary<string, double> { ["explore"] = explore.Sum() },
            Trajectory = new Trajectory(rewards)
            {
                Positions = positions,
                Maps = maps,
                Actions = actions,
                Grids = grids,
                Tracks = new Dictionary<string, IReadOnlyList<double>> { ["rewards.explore"] = explore },
            },
        };
    }

    /// <summary>Three steps in the plane with a heading: small enough to check every number by hand.</summary>
    public static Episode Tiny() => new(0, 3, 3)
    {
        Trajectory = new Trajectory([1, 0, 2])
        {
            Positions = [[0, 0], [1, 0], [1, 1]],
            Orientations = [[0], [0], [Math.PI / 2]],
            Actions = [[1], [0], [2]],
            Scene = new Scene([[1, 1]]) { ReachRadius = 0.5 },
        },
    };
}
