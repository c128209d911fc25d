namespace RunLens.Samples.CartPole;

/// <summary>Hyperparameters of <see cref="PpoTrainer"/>. Defaults follow common PPO settings for CartPole.</summary>
public sealed record PpoOptions
{
    /// <summary>Adam's step size, constant over training.</summary>
    public double LearningRate { get; init; } = 3e-4;
    /// <summary>Environment steps collected per update, over all environments; a multiple of <see cref="NumEnvs"/>.</summary>
    public int BatchSize { get; init; } = 512;
    /// <summary>Passes over each batch.</summary>
    public int Epochs { get; init; } = 4;
    /// <summary>Samples per gradient step; at most <see cref="BatchSize"/>. A last, shorter minibatch is kept.</summary>
    public int MinibatchSize { get; init; } = 128;
    /// <summary>Discount factor.</summary>
    public double Gamma { get; init; } = 0.99;
    /// <summary>GAE's lambda.</summary>
    public double Lambda { get; init; } = 0.95;
    /// <summary>The probability ratio is clipped to [1 - ClipRange, 1 + ClipRange] in the surrogate.</summary>
    public double ClipRange { get; init; } = 0.2;
    /// <summary>Weight of the entropy bonus.</summary>
    public double EntropyCoef { get; init; }
    /// <summary>Weight of the value loss (itself half the mean squared error).</summary>
    public double ValueCoef { get; init; } = 0.5;
    /// <summary>The global gradient norm (policy and value together) is clipped to this before each Adam step.</summary>
    public double MaxGradNorm { get; init; } = 0.5;
    /// <summary>Width of the single tanh hidden layer of the policy and of the value network.</summary>
    public int Hidden { get; init; } = 64;
    /// <summary>Number of updates; training takes <c>Updates * BatchSize</c> environment steps.</summary>
    public int Updates { get; init; } = 100;
    /// <summary>Seeds the weights, the environments, action sampling and minibatch shuffling.</summary>
    public long Seed { get; init; }
    /// <summary>Environments stepped in lock-step (one after another, on one thread).</summary>
    public int NumEnvs { get; init; } = 4;

    /// <summary>Environment steps each environment takes per update.</summary>
    public int StepsPerEnv => BatchSize / NumEnvs;

    /// <summary>Total environment steps of a training.</summary>
    public long TotalEnvSteps => (long)Updates * BatchSize;

    /// <summary>Throws when the options cannot train.</summary>
    /// <exception cref="ArgumentException">A value is out of range or the batch does not split evenly over the environments.</exception>
    public void Validate()
    {
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), "must be positive");
        Require(NumEnvs >= 1, nameof(NumEnvs), "must be at least 1");
        Require(BatchSize >= NumEnvs && BatchSize % NumEnvs == 0, nameof(BatchSize), "must be a positive multiple of NumEnvs");
        Require(MinibatchSize >= 2 && MinibatchSize <= BatchSize, nameof(MinibatchSize), "must be in [2, BatchSize]");
        Require(Epochs >= 1, nameof(Epochs), "must be at least 1");
        Require(Updates >= 1, nameof(Updates), "must be at least 1");
        Require(Hidden >= 1, nameof(Hidden), "must be at least 1");
        Require(Gamma is >= 0 and <= 1, nameof(Gamma), "must be in [0, 1]");
        Require(Lambda is >= 0 and <= 1, nameof(Lambda), "must be in [0, 1]");
        Require(ClipRange > 0, nameof(ClipRange), "must be positive");
        Require(EntropyCoef >= 0 && ValueCoef >= 0, nameof(EntropyCoef), "coefficients must be non-negative");
        Require(MaxGradNorm > 0, nameof(MaxGradNorm), "must be positive");
    }

    private static void Require(bool ok, string name, string message)
    {
        if (!ok)
            throw new ArgumentException($"{name} {message}.", name);
    }
}
