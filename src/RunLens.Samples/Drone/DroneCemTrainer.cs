namespace RunLens.Samples.Drone;

/// <summary>
/// Learns a linear waypoint-following controller for <see cref="DroneEnv"/> with the cross-entropy method: sample a
/// population from a diagonal Gaussian, fly each candidate on the same episodes, refit the Gaussian to the elites.
/// Deterministic per seed.
/// </summary>
/// <example>
/// <code>
/// var updates = DroneCemTrainer.Run(new DroneCemOptions { Seed = 3, RolloutEvery = 10 }, u => Console.WriteLine(u.MeanReward));
/// </code>
/// </example>
public static class DroneCemTrainer
{
    /// <summary>Runs training.</summary>
    /// <param name="options">What to run; null for the defaults.</param>
    /// <param name="onUpdate">Called after every update.</param>
    /// <returns>Every update's statistics, in order.</returns>
    public static IReadOnlyList<DroneUpdate> Run(DroneCemOptions? options = null, Action<DroneUpdate>? onUpdate = null)
    {
        var o = options ?? new DroneCemOptions();
        o.Validate();
        var n = DronePolicy.Parameters;
        var mean = DronePolicy.LevellingPrior();
        var std = new double[n];
        Array.Fill(std, o.InitialStd);
        var rng = new Prng(Prng.Seed(o.Seed, 0xCE11));
        var candidates = new double[o.Population][];
        var scores = new double[o.Population];
        var elites = Math.Max(1, (int)Math.Round(o.Population * o.EliteFraction));
        var updates = new List<DroneUpdate>();
        for (var update = 0; update < o.Updates; update++)
        {
            double sumReturn = 0, sumLength = 0, successes = 0, sumWaypoints = 0;
            for (var c = 0; c < o.Population; c++)
            {
                var w = candidates[c] = new double[n];
                for (var i = 0; i < n; i++)
                    w[i] = mean[i] + std[i] * Gaussian(ref rng);
                var total = 0.0;
                for (var e = 0; e < o.EpisodesPerCandidate; e++)
                {
                    var env = new DroneEnv((long)Prng.Seed(o.Seed, update, e), o.Waypoints);
                    var ret = Fly(env, w, null);
                    total += ret;
                    sumReturn += ret;
                    sumLength += env.Steps;
                    sumWaypoints += env.Target;
                    successes += env.Target == o.Waypoints ? 1 : 0;
                }
                scores[c] = total / o.EpisodesPerCandidate;
            }
            var order = Enumerable.Range(0, o.Population).OrderByDescending(c => scores[c]).ThenBy(c => c).ToArray();
            var extra = o.ExtraStd * (1 - (double)update / o.Updates);
            for (var i = 0; i < n; i++)
            {
                double m = 0, v = 0;
                for (var k = 0; k < elites; k++)
                    m += candidates[order[k]][i];
                m /= elites;
                for (var k = 0; k < elites; k++)
                    v += (candidates[order[k]][i] - m) * (candidates[order[k]][i] - m);
                mean[i] = m;
                std[i] = Math.Sqrt(v / elites) + extra;
            }
            var episodes = (double)o.Population * o.EpisodesPerCandidate;
            var wantsRollout = o.RolloutEvery > 0 && (update % o.RolloutEvery == 0 || update == o.Updates - 1);
            var result = new DroneUpdate(update, sumReturn / episodes, sumLength / episodes, successes / episodes,
                sumWaypoints / episodes, scores[order[0]], wantsRollout ? Rollout(mean, o, update) : null);
            updates.Add(result);
            onUpdate?.Invoke(result);
        }
        return updates;
    }

    /// <summary>Flies the policy <paramref name="weights"/> for one episode, recording frames when given a list.</summary>
    internal static double Fly(DroneEnv env, ReadOnlySpan<double> weights, List<DroneFrame>? frames)
    {
        var ret = 0.0;
        while (!env.Done)
        {
            var target = env.Target;
            var r = env.Step(DronePolicy.Act(weights, env.State, env.Waypoints[target]));
            ret += r.Reward;
            if (frames is not null)
            {
                var s = env.State;
                frames.Add(new DroneFrame(env.Steps - 1, s.Position, s.Roll, s.Pitch, s.Yaw, r.Action, r.Reward, target));
            }
        }
        return ret;
    }

    private static DroneRollout Rollout(double[] mean, DroneCemOptions o, int update)
    {
        // The same evaluation episode for every snapshot, so snapshots compare.
        var env = new DroneEnv((long)Prng.Seed(o.Seed, -1), o.Waypoints);
        var frames = new List<DroneFrame>(DroneEnv.MaxSteps);
        var ret = Fly(env, mean, frames);
        return new DroneRollout(update, env.Waypoints.ToArray(), frames, ret, env.Steps, env.Target, env.Target == o.Waypoints, env.Crashed);
    }

    private static double Gaussian(ref Prng rng)
    {
        // Box-Muller; 1 - u keeps the logarithm finite.
        var u = 1 - rng.NextDouble();
        var v = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
