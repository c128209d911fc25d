namespace RunLens;

/// <summary>
/// How a bootstrap interval is computed: the number of resamples, the seed of the deterministic generator and the
/// confidence level. The same options give the same interval on every machine.
/// </summary>
/// <example>
/// <code>
/// var options = BootstrapOptions.Default with { Reps = 10_000, Seed = 7 };
/// var iqm = Rliable.Bootstrap(scores, Rliable.Iqm, options);
/// </code>
/// </example>
public sealed record BootstrapOptions
{
    private readonly int _reps = 2000;
    private readonly double _confidence = 0.95;

    /// <summary>2,000 resamples (rliable's default for performance profiles), seed 0, 95% confidence.</summary>
    public static BootstrapOptions Default { get; } = new();

    /// <summary>The number of bootstrap resamples, at least 1; 2,000 by default (rliable's papers use up to 50,000).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Reps
    {
        get => _reps;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _reps = value;
        }
    }

    /// <summary>The seed of the xoshiro256** generator (seeded through SplitMix64); 0 by default.</summary>
    public ulong Seed { get; init; }

    /// <summary>The confidence level of the percentile interval, in (0, 1); 0.95 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1).</exception>
    public double Confidence
    {
        get => _confidence;
        init
        {
            StudentT.CheckConfidence(value, nameof(Confidence));
            _confidence = value;
        }
    }

    /// <summary>How an interval made with these options is named, for example "bootstrap 95% (2,000 reps, seed 0)".</summary>
    /// <returns>The method name used in <see cref="Interval.Method"/>.</returns>
    public string Describe() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"bootstrap {StudentT.FormatConfidence(Confidence)} ({Reps:N0} reps, seed {Seed})");
}
