namespace RunLens.Samples.CartPole;

/// <summary>A softmax policy over CartPole's two actions and a separate value net, sharing one parameter array.</summary>
internal sealed class ActorCritic
{
    public const int Actions = 2;
    private const int Obs = CartPoleEnv.ObservationSize;

    private readonly double[] _hidden;
    private readonly double[] _out = new double[Actions];

    public ActorCritic(int hidden, ulong seed)
    {
        Policy = new Mlp(Obs, hidden, Actions, 0);
        Value = new Mlp(Obs, hidden, 1, Policy.End);
        Parameters = new double[Value.End];
        Gradient = new double[Value.End];
        _hidden = new double[hidden];
        var rng = new Prng(seed);
        // A near-uniform first policy (small output weights) is the usual PPO start.
        Policy.Initialize(Parameters, ref rng, 0.01);
        Value.Initialize(Parameters, ref rng, 1.0);
    }

    public Mlp Policy { get; }
    public Mlp Value { get; }
    public double[] Parameters { get; }
    public double[] Gradient { get; }

    /// <summary>Log-probabilities of both actions from the logits, computed stably.</summary>
    public static void LogSoftmax(ReadOnlySpan<double> logits, Span<double> logp)
    {
        var m = Math.Max(logits[0], logits[1]);
        var lse = m + PortableMath.Log(PortableMath.Exp(logits[0] - m) + PortableMath.Exp(logits[1] - m));
        logp[0] = logits[0] - lse;
        logp[1] = logits[1] - lse;
    }

    /// <summary>Log-probabilities of both actions in state <paramref name="obs"/>.</summary>
    public void PolicyLogProbs(ReadOnlySpan<double> obs, Span<double> logp)
    {
        Policy.Forward(Parameters, obs, _hidden, _out);
        LogSoftmax(_out, logp);
    }

    /// <summary>The value net's estimate for state <paramref name="obs"/>.</summary>
    public double StateValue(ReadOnlySpan<double> obs)
    {
        Value.Forward(Parameters, obs, _hidden, _out);
        return _out[0];
    }
}
