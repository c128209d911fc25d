namespace RunLens.Samples;

/// <summary>
/// PPO-style batch metrics of a run that learns: reward rising to a plateau, entropy and losses falling, with
/// seeded noise. One line per batch of 2,048 steps.
/// </summary>
internal sealed class MetricsCurve(int seed, int lines)
{
    public const int BatchSteps = 2048;

    private Prng _rng = new(Prng.Seed(seed, 0xBA7C4));
    private readonly double _baseTime = 1753535234.5 + 604800.0 * seed;
    private readonly KeyValuePair<string, double>[] _pairs = new KeyValuePair<string, double>[Tally.MetricNames.Length];

    public double[] Last { get; } = new double[Tally.MetricNames.Length];

    public static long StepOf(int line) => (line + 1L) * BatchSteps;

    public long Step(int line) => StepOf(line);

    public double Timestamp(int line) => _baseTime + line * 7.25;

    /// <summary>The next line's metrics (lines must be asked for in order); also kept in <see cref="Last"/>.</summary>
    public KeyValuePair<string, double>[] Values(int line)
    {
        var p = (double)line / Math.Max(1, lines - 1);
        Last[0] = 2 * (1 - Math.Exp(-3 * p)) + 0.1 * (_rng.NextDouble() - 0.5);
        Last[1] = 0.1 + 0.05 * _rng.NextDouble();
        Last[2] = 1024 - 400 * p + 20 * _rng.NextDouble();
        Last[3] = 0.02 * Math.Exp(-2 * p) * (_rng.NextDouble() - 0.3);
        Last[4] = 0.5 * Math.Exp(-p) + 0.05 * _rng.NextDouble();
        Last[5] = 1.9 - 1.2 * p + 0.02 * _rng.NextDouble();
        for (var i = 0; i < _pairs.Length; i++)
            _pairs[i] = new(Tally.MetricNames[i], Last[i]);
        return _pairs;
    }
}
