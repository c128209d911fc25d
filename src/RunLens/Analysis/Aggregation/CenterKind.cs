namespace RunLens;

/// <summary>The line drawn for an <see cref="AggregateCurve"/>: the statistic of the seeds' values at each step.</summary>
public enum CenterKind
{
    /// <summary>The mean over seeds.</summary>
    Mean,

    /// <summary>The median over seeds (the mean of the two middle values for an even count).</summary>
    Median,

    /// <summary>
    /// The interquartile mean over seeds, as rliable computes it (<c>scipy.stats.trim_mean(values, 0.25)</c>): robust
    /// to one bad seed, less noisy than the median.
    /// </summary>
    Iqm,
}
