namespace RunLens.Samples.CartPole;

/// <summary>The optimisation half of PPO: epochs of shuffled minibatches on the clipped surrogate, value loss and entropy.</summary>
internal sealed class PpoLearner(ActorCritic net, PpoOptions options)
{
    private readonly Adam _adam = new(net.Parameters.Length);
    private readonly double[] _hidden = new double[net.Policy.Hidden];
    private readonly double[] _dHidden = new double[net.Policy.Hidden];

    /// <summary>Loss statistics of one call to <see cref="Learn"/>.</summary>
    public readonly record struct Stats(double PolicyLoss, double ValueLoss, double Entropy, double ApproxKl, double ClipFraction, double GradNorm);

    private struct Sums
    {
        public double Policy, Value, Entropy, Kl, Clipped, GradNorm;
        public int Samples, Minibatches;
    }

    public Stats Learn(Rollout batch, ref Prng shuffleRng, double learningRate)
    {
        var n = batch.Size;
        var order = new int[n];
        for (var i = 0; i < n; i++)
            order[i] = i;
        var all = default(Sums);
        var lastEpoch = default(Sums);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            Shuffle(order, ref shuffleRng);
            lastEpoch = default;
            for (var start = 0; start < n; start += options.MinibatchSize)
            {
                var count = Math.Min(options.MinibatchSize, n - start);
                Minibatch(batch, order.AsSpan(start, count), learningRate, ref lastEpoch);
            }
            Add(ref all, lastEpoch);
        }
        return new Stats(
            all.Policy / all.Minibatches, all.Value / all.Minibatches, all.Entropy / all.Minibatches,
            lastEpoch.Kl / lastEpoch.Samples, all.Clipped / all.Samples, all.GradNorm / all.Minibatches);
    }

    private void Minibatch(Rollout batch, ReadOnlySpan<int> indices, double learningRate, ref Sums sums)
    {
        var m = indices.Length;
        // Advantages are normalised per minibatch (sample standard deviation), as in Stable-Baselines3.
        double mean = 0;
        foreach (var i in indices)
            mean += batch.Advantages[i];
        mean /= m;
        double variance = 0;
        foreach (var i in indices)
            variance += (batch.Advantages[i] - mean) * (batch.Advantages[i] - mean);
        var std = Math.Sqrt(variance / (m - 1)) + 1e-8;

        var p = net.Parameters;
        var g = net.Gradient;
        Array.Clear(g);
        Span<double> logits = stackalloc double[ActorCritic.Actions];
        Span<double> logp = stackalloc double[ActorCritic.Actions];
        Span<double> dLogits = stackalloc double[ActorCritic.Actions];
        Span<double> v = stackalloc double[1];
        Span<double> dv = stackalloc double[1];
        double policyLoss = 0, valueLoss = 0, entropy = 0;
        var clip = options.ClipRange;
        foreach (var i in indices)
        {
            var obs = batch.Observation(i);
            var a = batch.Actions[i];
            var adv = (batch.Advantages[i] - mean) / std;

            net.Policy.Forward(p, obs, _hidden, logits);
            ActorCritic.LogSoftmax(logits, logp);
            var p0 = PortableMath.Exp(logp[0]);
            var p1 = PortableMath.Exp(logp[1]);
            var h = -(p0 * logp[0] + p1 * logp[1]);
            var logRatio = logp[a] - batch.LogProbs[i];
            var ratio = PortableMath.Exp(logRatio);
            var unclipped = ratio * adv;
            var clipped = Math.Clamp(ratio, 1 - clip, 1 + clip) * adv;
            // d(-min(unclipped, clipped)) / d log p(a): the clipped branch is constant in the parameters.
            var dLogp = unclipped <= clipped ? -adv * ratio : 0.0;
            policyLoss -= Math.Min(unclipped, clipped);
            entropy += h;
            sums.Kl += ratio - 1 - logRatio;
            if (Math.Abs(ratio - 1) > clip)
                sums.Clipped++;
            // d log p(a) / dz_k = [k == a] - p_k;  dH / dz_k = -p_k (log p_k + H); loss has -EntropyCoef * H.
            dLogits[0] = (dLogp * ((a == 0 ? 1 : 0) - p0) + options.EntropyCoef * p0 * (logp[0] + h)) / m;
            dLogits[1] = (dLogp * ((a == 1 ? 1 : 0) - p1) + options.EntropyCoef * p1 * (logp[1] + h)) / m;
            net.Policy.Backward(p, g, obs, _hidden, dLogits, _dHidden);

            net.Value.Forward(p, obs, _hidden, v);
            var err = v[0] - batch.Returns[i];
            valueLoss += 0.5 * err * err;
            dv[0] = options.ValueCoef * err / m;
            net.Value.Backward(p, g, obs, _hidden, dv, _dHidden);
        }

        double squares = 0;
        for (var k = 0; k < g.Length; k++)
            squares += g[k] * g[k];
        var norm = Math.Sqrt(squares);
        if (norm > options.MaxGradNorm)
        {
            var scale = options.MaxGradNorm / (norm + 1e-6);
            for (var k = 0; k < g.Length; k++)
                g[k] *= scale;
        }
        _adam.Step(p, g, learningRate);

        sums.Policy += policyLoss / m;
        sums.Value += valueLoss / m;
        sums.Entropy += entropy / m;
        sums.GradNorm += norm;
        sums.Samples += m;
        sums.Minibatches++;
    }

    private static void Add(ref Sums total, in Sums part)
    {
        total.Policy += part.Policy;
        total.Value += part.Value;
        total.Entropy += part.Entropy;
        total.Kl += part.Kl;
        total.Clipped += part.Clipped;
        total.GradNorm += part.GradNorm;
        total.Samples += part.Samples;
        total.Minibatches += part.Minibatches;
    }

    private static void Shuffle(int[] order, ref Prng rng)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
