namespace RunLens.Samples.CartPole;

/// <summary>
/// PPO with a clipped surrogate on <see cref="CartPoleEnv"/>: an MLP softmax policy and an MLP value net, GAE,
/// hand-written Adam and global gradient-norm clipping. Everything runs on the calling thread in double arithmetic
/// with seeded SplitMix64 streams, so the same options give the same updates, bit for bit.
/// </summary>
public sealed class PpoTrainer
{
    /// <summary>A trainer for <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="PpoOptions.Validate"/>).</exception>
    public PpoTrainer(PpoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The hyperparameters.</summary>
    public PpoOptions Options { get; }

    /// <summary>Trains from scratch for <see cref="PpoOptions.Updates"/> updates, reporting each as it completes.</summary>
    public void Train(Action<PpoUpdate> onUpdate)
    {
        ArgumentNullException.ThrowIfNull(onUpdate);
        var o = Options;
        var net = new ActorCritic(o.Hidden, Prng.Seed(o.Seed, 1));
        var learner = new PpoLearner(net, o);
        var envs = new CartPoleEnv[o.NumEnvs];
        for (var e = 0; e < envs.Length; e++)
        {
            envs[e] = new CartPoleEnv(Prng.Seed(o.Seed, 2, e));
            envs[e].Reset();
        }
        var actionRng = new Prng(Prng.Seed(o.Seed, 3));
        var shuffleRng = new Prng(Prng.Seed(o.Seed, 4));
        var batch = new Rollout(o.StepsPerEnv, o.NumEnvs);
        var episodeReturns = new double[o.NumEnvs];
        var lastValues = new double[o.NumEnvs];
        long envSteps = 0;
        Span<double> obs = stackalloc double[CartPoleEnv.ObservationSize];

        for (var update = 0; update < o.Updates; update++)
        {
            var returns = new List<double>();
            var lengths = new List<int>();
            var episodeEnvs = new List<int>();
            var endSteps = new List<long>();
            var probLeft = Collect(net, envs, batch, ref actionRng, episodeReturns, envSteps, new EpisodeLog(returns, lengths, episodeEnvs, endSteps));
            envSteps += batch.Size;
            for (var e = 0; e < envs.Length; e++)
            {
                envs[e].Observe(obs);
                lastValues[e] = net.StateValue(obs);
            }
            batch.ComputeAdvantages(lastValues, o.Gamma, o.Lambda);
            var explained = batch.ExplainedVariance();
            var stats = learner.Learn(batch, ref shuffleRng, o.LearningRate);
            onUpdate(new PpoUpdate(
                update, envSteps, [.. returns], [.. lengths], [.. episodeEnvs], [.. endSteps],
                stats.PolicyLoss, stats.ValueLoss, stats.Entropy, stats.ApproxKl, stats.ClipFraction, stats.GradNorm,
                explained, o.LearningRate, probLeft, 1 - probLeft));
        }
    }

    /// <summary>Trains and returns every update.</summary>
    public IReadOnlyList<PpoUpdate> Train()
    {
        var updates = new List<PpoUpdate>(Options.Updates);
        Train(updates.Add);
        return updates;
    }

    /// <summary>Fills <paramref name="batch"/>; returns the mean probability of action 0 under the collecting policy.</summary>
    private double Collect(
        ActorCritic net, CartPoleEnv[] envs, Rollout batch, ref Prng actionRng,
        double[] episodeReturns, long stepsBefore, EpisodeLog finished)
    {
        Span<double> logp = stackalloc double[ActorCritic.Actions];
        Span<double> next = stackalloc double[CartPoleEnv.ObservationSize];
        double probLeftSum = 0;
        for (var t = 0; t < batch.StepsPerEnv; t++)
        {
            for (var e = 0; e < envs.Length; e++)
            {
                var i = t * envs.Length + e;
                var env = envs[e];
                var obs = batch.Observation(i);
                env.Observe(obs);
                net.PolicyLogProbs(obs, logp);
                var pLeft = PortableMath.Exp(logp[0]);
                probLeftSum += pLeft;
                var action = actionRng.NextDouble() < pLeft ? 0 : 1;
                batch.Actions[i] = action;
                batch.LogProbs[i] = logp[action];
                batch.Values[i] = net.StateValue(obs);

                var step = env.Step(action);
                var reward = step.Reward;
                episodeReturns[e] += step.Reward;
                if (step.Truncated && !step.Terminated)
                {
                    // The time limit is not part of the state: bootstrap from the state the episode was cut in.
                    env.Observe(next);
                    reward += Options.Gamma * net.StateValue(next);
                }
                batch.Rewards[i] = reward;
                batch.Dones[i] = step.Done;
                if (step.Done)
                {
                    finished.Returns.Add(episodeReturns[e]);
                    finished.Lengths.Add(env.Steps);
                    finished.Envs.Add(e);
                    finished.EndSteps.Add(stepsBefore + i + 1);
                    episodeReturns[e] = 0;
                    env.Reset();
                }
            }
        }
        return probLeftSum / batch.Size;
    }

    /// <summary>Where <see cref="Collect"/> records each finished episode: return, length, environment and end step.</summary>
    private readonly record struct EpisodeLog(List<double> Returns, List<int> Lengths, List<int> Envs, List<long> EndSteps);
}
