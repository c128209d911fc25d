namespace RunLens.Samples.CartPole;

/// <summary>One batch of experience, indexed <c>t * envs + e</c>, with its GAE advantages and returns.</summary>
internal sealed class Rollout(int stepsPerEnv, int envs)
{
    public const int Obs = CartPoleEnv.ObservationSize;

    public int StepsPerEnv { get; } = stepsPerEnv;
    public int Envs { get; } = envs;
    public int Size => StepsPerEnv * Envs;

    public double[] Observations { get; } = new double[stepsPerEnv * envs * Obs];
    public int[] Actions { get; } = new int[stepsPerEnv * envs];
    public double[] LogProbs { get; } = new double[stepsPerEnv * envs];
    public double[] Values { get; } = new double[stepsPerEnv * envs];
    /// <summary>Rewards, with gamma * V(final state) added on steps where the time limit cut an episode.</summary>
    public double[] Rewards { get; } = new double[stepsPerEnv * envs];
    /// <summary>The episode ended on this step (terminated or truncated): do not bootstrap across it.</summary>
    public bool[] Dones { get; } = new bool[stepsPerEnv * envs];
    public double[] Advantages { get; } = new double[stepsPerEnv * envs];
    public double[] Returns { get; } = new double[stepsPerEnv * envs];

    public Span<double> Observation(int i) => Observations.AsSpan(i * Obs, Obs);

    /// <summary>Generalised advantage estimation; <paramref name="lastValues"/> are V of each env's state after the batch.</summary>
    public void ComputeAdvantages(ReadOnlySpan<double> lastValues, double gamma, double lambda)
    {
        for (var e = 0; e < Envs; e++)
        {
            var gae = 0.0;
            for (var t = StepsPerEnv - 1; t >= 0; t--)
            {
                var i = t * Envs + e;
                var next = t == StepsPerEnv - 1 ? lastValues[e] : Values[i + Envs];
                var notDone = Dones[i] ? 0.0 : 1.0;
                var delta = Rewards[i] + gamma * next * notDone - Values[i];
                gae = delta + gamma * lambda * notDone * gae;
                Advantages[i] = gae;
                Returns[i] = gae + Values[i];
            }
        }
    }

    /// <summary>1 - Var(returns - values) / Var(returns); NaN when the returns do not vary.</summary>
    public double ExplainedVariance()
    {
        var n = Size;
        double meanR = 0, meanD = 0;
        for (var i = 0; i < n; i++)
        {
            meanR += Returns[i];
            meanD += Returns[i] - Values[i];
        }
        meanR /= n;
        meanD /= n;
        double varR = 0, varD = 0;
        for (var i = 0; i < n; i++)
        {
            var r = Returns[i] - meanR;
            var d = Returns[i] - Values[i] - meanD;
            varR += r * r;
            varD += d * d;
        }
        return varR == 0 ? double.NaN : 1 - varD / varR;
    }
}
