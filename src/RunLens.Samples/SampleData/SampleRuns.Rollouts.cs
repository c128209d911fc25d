using System.Globalization;
using RunLens.Samples.CartPole;

namespace RunLens.Samples;

public static partial class SampleRuns
{
    /// <summary>The folder of the expert rollouts, under the output folder.</summary>
    internal const string RolloutsFolder = "cartpole-expert";

    /// <summary>How many demonstrations the expert rollout file holds.</summary>
    internal const int ExpertTrajectories = 6;

    /// <summary>Demonstrations end after this many steps (imitation's rollouts are often capped too).</summary>
    internal const int ExpertMaxSteps = 200;

    /// <summary>
    /// Demonstrations in <c>imitation</c>'s trajectory layout (<c>rollouts/final.npz</c>: <c>obs</c> float32 [N + T, 4]
    /// with each trajectory's final observation, <c>acts</c> int64 [N], <c>rews</c> float64 [N], <c>terminal</c> bool [T],
    /// <c>indices</c> int64 [T - 1]). The expert is a hand-tuned linear controller on CartPole that pushes the cart
    /// toward the side the pole falls to; demonstration j takes a seeded random action with probability 0.15 j, so the
    /// noisier ones drop the pole early.
    /// </summary>
    private static string WriteRollouts(string root)
    {
        var rng = new Prng(Prng.Seed(2025, 8, 20));
        var obs = new List<double>();
        var acts = new List<long>();
        var rews = new List<double>();
        var terminal = new List<bool>();
        var indices = new List<long>();
        Span<double> o = stackalloc double[CartPoleEnv.ObservationSize];
        for (var j = 0; j < ExpertTrajectories; j++)
        {
            var env = new CartPoleEnv(Prng.Seed(2025, 8, 20, j));
            env.Reset();
            var ended = false;
            for (var t = 0; t < ExpertMaxSteps && !ended; t++)
            {
                env.Observe(o);
                obs.AddRange(o.ToArray());
                var push = o[2] + 0.5 * o[3] + 0.05 * o[0] + 0.2 * o[1] > 0 ? 1 : 0;
                var action = rng.NextDouble() < 0.15 * j ? rng.Next(2) : push;
                var step = env.Step(action);
                acts.Add(action);
                rews.Add(step.Reward);
                ended = step.Terminated;
            }
            env.Observe(o);
            obs.AddRange(o.ToArray());
            terminal.Add(ended);
            if (j < ExpertTrajectories - 1)
                indices.Add(acts.Count);
        }
        new NpzFile()
            .Float32("obs", [obs.Count / CartPoleEnv.ObservationSize, CartPoleEnv.ObservationSize], obs)
            .Int64("acts", [acts.Count], acts)
            .Float64("rews", [rews.Count], rews)
            .Bool("terminal", terminal)
            .Int64("indices", [indices.Count], indices)
            .Write(Path.Combine(root, RolloutsFolder, "rollouts", "final.npz"));
        return string.Create(CultureInfo.InvariantCulture,
            $"cartpole expert rollouts: {ExpertTrajectories} trajectories, {acts.Count:N0} steps (imitation's final.npz layout)");
    }
}
