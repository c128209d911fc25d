namespace RunLens.Samples.Exploration;

/// <summary>
/// Tabular Q(lambda) (Peng-style: traces are kept through exploratory actions) shared by several environments, each
/// with its own eligibility trace. Epsilon-greedy with random tie-breaking; an optional count-based bonus
/// <c>beta / sqrt(n(s'))</c> is added to the learning target only (never to the reward the game reports).
/// </summary>
public sealed class QLearningAgent
{
    private const double TraceCutoff = 0.01;

    private readonly double[] _q;
    private readonly int[] _counts;
    private readonly List<(int Index, double Trace)>[] _traces;
    private readonly int _actions;
    private readonly double _alpha, _gamma, _lambda, _bonus;
    private Prng _rng;

    /// <summary>Creates an agent with every action value at <paramref name="initialValue"/>.</summary>
    /// <param name="states">The number of states.</param>
    /// <param name="actions">The number of actions.</param>
    /// <param name="envs">The number of environments that learn through this agent (one trace each).</param>
    /// <param name="alpha">The step size, in (0, 1].</param>
    /// <param name="gamma">The discount, in [0, 1].</param>
    /// <param name="lambda">The trace decay, in [0, 1]; 0 is one-step Q-learning.</param>
    /// <param name="countBonus">The count-based bonus scale beta (0 for none).</param>
    /// <param name="seed">The seed of the agent's action choices.</param>
    /// <param name="initialValue">The initial action value (optimism explores).</param>
    public QLearningAgent(int states, int actions, int envs, double alpha, double gamma, double lambda,
        double countBonus, long seed, double initialValue = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(states);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(actions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(envs);
        if (!(alpha > 0 && alpha <= 1) || !(gamma >= 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1) || !(countBonus >= 0))
            throw new ArgumentOutOfRangeException(nameof(alpha), "alpha in (0, 1], gamma and lambda in [0, 1], countBonus >= 0.");
        _q = new double[states * actions];
        Array.Fill(_q, initialValue);
        _counts = new int[states];
        _traces = new List<(int, double)>[envs];
        for (var i = 0; i < envs; i++)
            _traces[i] = [];
        _actions = actions;
        (_alpha, _gamma, _lambda, _bonus) = (alpha, gamma, lambda, countBonus);
        _rng = new Prng(Prng.Seed(seed, 0xA6E7));
    }

    /// <summary>The value of taking <paramref name="action"/> in <paramref name="state"/>.</summary>
    public double Value(int state, int action) => _q[state * _actions + action];

    /// <summary>How many times learning has entered <paramref name="state"/>.</summary>
    public int Visits(int state) => _counts[state];

    /// <summary>A random action with probability <paramref name="epsilon"/>, else a greedy one (ties broken at random).</summary>
    public int SelectAction(int state, double epsilon)
    {
        if (_rng.NextDouble() < epsilon)
            return _rng.Next(_actions);
        return Greedy(state);
    }

    /// <summary>The greedy action, ties broken at random.</summary>
    public int Greedy(int state)
    {
        var row = state * _actions;
        var best = double.NegativeInfinity;
        var ties = 0;
        var choice = 0;
        for (var a = 0; a < _actions; a++)
        {
            var v = _q[row + a];
            if (v > best)
                (best, ties, choice) = (v, 1, a);
            else if (v == best && _rng.Next(++ties) == 0)
                choice = a;
        }
        return choice;
    }

    /// <summary>Learns from one transition of environment <paramref name="env"/>.</summary>
    /// <param name="env">The environment (its trace).</param>
    /// <param name="state">The state acted in.</param>
    /// <param name="action">The action taken.</param>
    /// <param name="reward">The game's reward.</param>
    /// <param name="next">The state reached.</param>
    /// <param name="terminal">True when the episode ended for real (death): no bootstrap. A time limit is not terminal.</param>
    /// <returns>The temporal-difference error.</returns>
    public double Learn(int env, int state, int action, double reward, int next, bool terminal)
    {
        var n = ++_counts[next];
        var target = reward + (_bonus > 0 ? _bonus / Math.Sqrt(n) : 0);
        if (!terminal)
            target += _gamma * _q[next * _actions + Greedy(next)];
        var index = state * _actions + action;
        var delta = target - _q[index];
        _q[index] += _alpha * delta;
        var trace = _traces[env];
        var decay = _gamma * _lambda;
        var keep = 0;
        for (var i = 0; i < trace.Count; i++)
        {
            var (at, e) = trace[i];
            // Replacing traces: the pair just taken is updated once, above, and re-enters at full trace below.
            if (at == index)
                continue;
            _q[at] += _alpha * delta * e;
            e *= decay;
            if (e >= TraceCutoff)
                trace[keep++] = (at, e);
        }
        trace.RemoveRange(keep, trace.Count - keep);
        if (decay >= TraceCutoff)
            trace.Add((index, decay));
        return delta;
    }

    /// <summary>Clears environment <paramref name="env"/>'s trace: call at every episode end.</summary>
    public void EndEpisode(int env) => _traces[env].Clear();
}
