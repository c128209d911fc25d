namespace RunLens;

/// <summary>
/// How <see cref="Aggregate.AcrossSeeds"/> aligns runs and summarises them. The defaults are a careful paper's: the
/// mean with a Student-t 95% confidence interval, on up to 200 steps, linear interpolation, no extrapolation.
/// </summary>
/// <example><code>runs.AggregateCurves("rewards.total", options: new AggregateOptions { Center = CenterKind.Iqm, Band = BandKind.Bootstrap })</code></example>
public sealed record AggregateOptions
{
    /// <summary>The defaults.</summary>
    public static AggregateOptions Default { get; } = new();

    /// <summary>The line: mean (default), median or interquartile mean over seeds.</summary>
    public CenterKind Center { get; init; } = CenterKind.Mean;

    /// <summary>The band: Student-t confidence interval (default), bootstrap, std, min-max or none.</summary>
    public BandKind Band { get; init; } = BandKind.StudentT;

    /// <summary>The confidence level of the Student-t and bootstrap bands, in (0, 1); 0.95 by default.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>
    /// The number of grid steps, at least 2 (200 by default). When the runs' own steps, taken together, are no more
    /// than this, they are the grid (see <see cref="UseRunSteps"/>); otherwise this many evenly spaced steps.
    /// </summary>
    public int GridPoints { get; init; } = 200;

    /// <summary>
    /// True (default): when the union of the runs' steps has at most <see cref="GridPoints"/> steps, use those steps,
    /// so runs logged at the same steps are compared at their own values with no interpolation. False: always an
    /// even grid.
    /// </summary>
    public bool UseRunSteps { get; init; } = true;

    /// <summary>Smoothing applied to each run (after averaging duplicate steps, before aligning); null for none.</summary>
    public Smoothing? Smoothing { get; init; }


    /// <summary>Reps and seed of the bootstrap band; null for <see cref="BootstrapOptions.Default"/>. Its confidence
    /// is replaced by <see cref="Confidence"/>.</summary>
    public BootstrapOptions? Bootstrap { get; init; }

    /// <summary>
    /// How a run's value between two of its logged steps is read: <c>"linear"</c> (default, a straight line between
    /// the neighbouring points) or <c>"previous"</c> (the last logged value, as a step function). Never beyond a
    /// run's first or last step.
    /// </summary>
    public string Interpolation { get; init; } = "linear";

    /// <summary>
    /// A field to use as the x axis instead of the step, e.g. <c>metrics.env_steps</c>: each point of the metric is
    /// placed at that field's value logged at the same step (rounded to a whole number). Runs whose steps mean
    /// different amounts of experience (updates of different batch sizes) then align on what they share. Points whose
    /// step has no such value are left out and counted in the curve's notes. Null (default): the step.
    /// </summary>
    public string? X { get; init; }
}
