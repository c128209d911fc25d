namespace RunLens.Samples.CartPole;

/// <summary>
/// The sample sweep: learning rate × batch size × seed, every run with the same environment-step budget, four
/// epochs of four minibatches per update, so larger batches mean fewer, better-averaged gradient steps.
/// </summary>
public static class CartPoleSweep
{
    /// <summary>Environment steps of every run: 192 updates of 256, 96 of 512, 48 of 1024.</summary>
    public const int EnvStepBudget = 49_152;

    /// <summary>Minibatches per update (each epoch).</summary>
    public const int MinibatchesPerBatch = 4;

    /// <summary>Adam step sizes of the sweep.</summary>
    public static IReadOnlyList<double> LearningRates { get; } = [1e-4, 3e-4, 1e-3];

    /// <summary>Environment steps per update of the sweep.</summary>
    public static IReadOnlyList<int> BatchSizes { get; } = [256, 512, 1024];

    /// <summary>Seeds of the sweep.</summary>
    public static IReadOnlyList<long> Seeds { get; } = [0, 1, 2];

    /// <summary>The options of one run of the sweep (any learning rate, batch size dividing the budget, or seed works).</summary>
    /// <exception cref="ArgumentException">The batch size does not divide <see cref="EnvStepBudget"/> into whole minibatches.</exception>
    public static PpoOptions Options(double learningRate, int batchSize, long seed)
    {
        if (batchSize <= 0 || EnvStepBudget % batchSize != 0 || batchSize % MinibatchesPerBatch != 0)
            throw new ArgumentException($"Batch size must divide {EnvStepBudget} and be a multiple of {MinibatchesPerBatch}.", nameof(batchSize));
        return new PpoOptions
        {
            LearningRate = learningRate,
            BatchSize = batchSize,
            MinibatchSize = batchSize / MinibatchesPerBatch,
            Epochs = 4,
            Hidden = 64,
            NumEnvs = 4,
            Updates = EnvStepBudget / batchSize,
            Seed = seed,
        };
    }

    /// <summary>All 27 runs, learning rate slowest, then batch size, then seed.</summary>
    public static IReadOnlyList<PpoOptions> Runs() =>
        [.. from lr in LearningRates from batch in BatchSizes from seed in Seeds select Options(lr, batch, seed)];
}
