namespace RunLens.Samples.Exploration;

/// <summary>What <see cref="ExplorationTrainer"/> runs. Defaults give a cheap run (4 envs x 5,000 steps).</summary>
public sealed record ExplorationTrainerOptions
{
    /// <summary>The exploration bonus of variants v1..v4.</summary>
    public static IReadOnlyList<double> VariantBonuses { get; } = [0.0, 0.01, 0.03, 0.1];

    /// <summary>The variant's explore reward for a cell new in the episode.</summary>
    public double ExplorationBonus { get; init; } = 0.03;

    /// <summary>The seed of the agent and the environments (not of the world's layout).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The seed of the world's layout, shared by every run of an experiment.</summary>
    public long WorldSeed { get; init; } = 1;

    /// <summary>Maps in the chain, 1 to 10.</summary>
    public int Maps { get; init; } = 6;

    /// <summary>Parallel environments, stepped in turn and learning into one shared table.</summary>
    public int Envs { get; init; } = 4;

    /// <summary>Steps each environment takes.</summary>
    public int StepsPerEnv { get; init; } = 5_000;

    /// <summary>The step limit of an episode.</summary>
    public int EpisodeLength { get; init; } = 200;

    /// <summary>The step size.</summary>
    public double Alpha { get; init; } = 0.2;

    /// <summary>The discount.</summary>
    public double Gamma { get; init; } = 0.98;

    /// <summary>The eligibility-trace decay (0 for one-step Q-learning).</summary>
    public double Lambda { get; init; } = 0.5;

    /// <summary>The exploration rate at the start; it decays exponentially towards <see cref="EpsilonEnd"/>.</summary>
    public double EpsilonStart { get; init; } = 1.0;

    /// <summary>The exploration rate the decay approaches.</summary>
    public double EpsilonEnd { get; init; } = 0.05;

    /// <summary>How fast epsilon decays: epsilon is at the start's e^-rate over the run's last step.</summary>
    public double EpsilonDecayRate { get; init; } = 5;

    /// <summary>The count-based learning bonus beta (added to learning targets only, never to logged rewards).</summary>
    public double CountBonus { get; init; }

    /// <summary>The initial action value; optimism makes untried actions look worth trying.</summary>
    public double InitialValue { get; init; } = 0.5;

    /// <summary>Options for variant <paramref name="variant"/> (1 to 4) and <paramref name="seed"/>.</summary>
    public static ExplorationTrainerOptions ForVariant(int variant, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(variant, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(variant, VariantBonuses.Count);
        return new ExplorationTrainerOptions { ExplorationBonus = VariantBonuses[variant - 1], Seed = seed };
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Envs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(StepsPerEnv);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EpisodeLength);
        if (!(EpsilonStart is >= 0 and <= 1) || !(EpsilonEnd is >= 0 and <= 1) || !(EpsilonDecayRate >= 0))
            throw new ArgumentOutOfRangeException(nameof(EpsilonStart), "Epsilons must be in [0, 1] and the decay rate >= 0.");
    }
}
