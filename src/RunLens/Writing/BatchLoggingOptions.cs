namespace RunLens;

/// <summary>How often a <see cref="BatchLogger"/> writes aggregates and episode samples, and how many.</summary>
/// <param name="LogFrequency">Aggregates are written for every update divisible by this; at least 1.</param>
/// <param name="SampleFrequency">Episode samples are written for every update divisible by this; at least 1.</param>
/// <param name="NumSamples">Episodes sampled per sampled update (fewer when the batch is smaller); 0 to 10,000.</param>
/// <param name="Seed">The sampling seed: the same seed and update always pick the same episodes.</param>
public sealed record BatchLoggingOptions(int LogFrequency = 1, int SampleFrequency = 10, int NumSamples = 8, int Seed = 0)
{
    /// <summary>The largest <see cref="NumSamples"/> allowed, which keeps <c>episodes.jsonl</c> a sample, not a copy.</summary>
    public const int MaxSamples = 10_000;

    internal void Validate()
    {
        if (LogFrequency < 1)
            throw new ArgumentOutOfRangeException(nameof(LogFrequency), LogFrequency, "BatchLoggingOptions.LogFrequency must be at least 1 (write aggregates every n-th update).");
        if (SampleFrequency < 1)
            throw new ArgumentOutOfRangeException(nameof(SampleFrequency), SampleFrequency, "BatchLoggingOptions.SampleFrequency must be at least 1 (sample episodes every n-th update).");
        if (NumSamples is < 0 or > MaxSamples)
            throw new ArgumentOutOfRangeException(nameof(NumSamples), NumSamples, "BatchLoggingOptions.NumSamples must be between 0 and 10,000 episodes per sampled update.");
    }
}
