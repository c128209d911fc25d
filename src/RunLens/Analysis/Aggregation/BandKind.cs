namespace RunLens;

/// <summary>The band drawn around an <see cref="AggregateCurve"/> at each step.</summary>
public enum BandKind
{
    /// <summary>
    /// The Student-t confidence interval of the mean over seeds (mean ± t·sd/√n, sd with n − 1). With 3 seeds the 95%
    /// t quantile is 4.30, not the 1.96 of a normal approximation. Undefined (a gap) where fewer than 2 seeds remain.
    /// </summary>
    StudentT,

    /// <summary>
    /// A percentile bootstrap interval of the center statistic, resampling seeds at each step (rliable's stratified
    /// bootstrap with one task). Deterministic for a given <see cref="BootstrapOptions.Seed"/>. A gap below 2 seeds.
    /// </summary>
    Bootstrap,

    /// <summary>The center ± one standard deviation over seeds (n − 1). Describes spread, not uncertainty of the center.</summary>
    Std,

    /// <summary>The lowest and highest value over seeds at each step.</summary>
    MinMax,

    /// <summary>No band: <see cref="AggregateCurve.Lower"/> and <see cref="AggregateCurve.Upper"/> are NaN.</summary>
    None,
}
