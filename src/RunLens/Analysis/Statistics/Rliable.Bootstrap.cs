namespace RunLens;

public static partial class Rliable
{
    /// <summary>
    /// A metric with its stratified-bootstrap percentile interval, as rliable's <c>get_interval_estimates</c>
    /// (<c>StratifiedBootstrap</c>, <c>task_bootstrap=False</c>, <c>method='percentile'</c>): each resample draws,
    /// for every task separately, as many runs as there are with replacement, the metric is computed on it, and the
    /// interval is numpy's linear percentile of the replicates at (1 - c) / 2 and (1 + c) / 2. The estimate is the
    /// metric on the original scores. Deterministic: the same options give the same interval on every machine.
    /// </summary>
    /// <param name="scores">The score matrix, <c>scores[run][task]</c>: rectangular, at least one run and task, no NaN.</param>
    /// <param name="metric">The aggregate, for example <see cref="Iqm"/>, <see cref="Mean"/> or <c>s => Rliable.OptimalityGap(s, 2)</c>.</param>
    /// <param name="options">Reps, seed and confidence; <see cref="BootstrapOptions.Default"/> when null.</param>
    /// <returns>
    /// The interval, named by <see cref="BootstrapOptions.Describe"/>. Its bounds are NaN when the metric gives NaN
    /// on some resample.
    /// </returns>
    /// <exception cref="ArgumentException">The matrix is empty, ragged or holds NaN.</exception>
    /// <example>
    /// <code>
    /// var iqm = Rliable.Bootstrap(scores, Rliable.Iqm);
    /// var gap = Rliable.Bootstrap(scores, s => Rliable.OptimalityGap(s, gamma: 2), BootstrapOptions.Default with { Reps = 10_000 });
    /// </code>
    /// </example>
    public static Interval Bootstrap(IReadOnlyList<double[]> scores, Func<IReadOnlyList<double[]>, double> metric, BootstrapOptions? options = null)
    {
        var (runs, tasks) = ScoreMatrix.Check(scores, nameof(scores));
        ArgumentNullException.ThrowIfNull(metric);
        options ??= BootstrapOptions.Default;
        var estimate = metric(scores);
        var generator = new Xoshiro256StarStar(options.Seed);
        var replicates = new double[options.Reps];
        for (var rep = 0; rep < replicates.Length; rep++)
            replicates[rep] = metric(ScoreMatrix.Resample(scores, runs, tasks, generator));
        var (lower, upper) = ScoreMatrix.PercentileInterval(replicates, options.Confidence);
        return new Interval(estimate, lower, upper, options.Describe());
    }

    /// <summary>
    /// The probability of improvement P(X &gt; Y) with its bootstrap percentile interval, as rliable computes it for
    /// pairs (<c>StratifiedIndependentBootstrap</c>): every resample draws x's runs and y's runs independently, each
    /// within each task, and the interval is the percentile interval of the replicates. The estimate is
    /// <see cref="ProbabilityOfImprovement"/> on the original scores.
    /// </summary>
    /// <param name="x">The scores of the first algorithm, <c>x[run][task]</c>.</param>
    /// <param name="y">The scores of the second algorithm, <c>y[run][task]</c>: the same tasks, any number of runs.</param>
    /// <param name="options">Reps, seed and confidence; <see cref="BootstrapOptions.Default"/> when null.</param>
    /// <returns>The interval; an interval above 0.5 says x is likely better than y.</returns>
    /// <exception cref="ArgumentException">A matrix is empty, ragged or holds NaN, or the task counts differ.</exception>
    /// <example>
    /// <code>
    /// var poi = Rliable.BootstrapImprovement(v4Scores, v3Scores);
    /// // poi.Estimate 0.72, poi.Lower 0.55, poi.Upper 0.86: v4 beats v3 on a random run pair 72% of the time
    /// </code>
    /// </example>
    public static Interval BootstrapImprovement(IReadOnlyList<double[]> x, IReadOnlyList<double[]> y, BootstrapOptions? options = null)
    {
        var (runsX, runsY, tasks) = ScoreMatrix.CheckPair(x, y);
        options ??= BootstrapOptions.Default;
        var estimate = ImprovementUnchecked(x, y, runsX, runsY, tasks);
        var generator = new Xoshiro256StarStar(options.Seed);
        var replicates = new double[options.Reps];
        for (var rep = 0; rep < replicates.Length; rep++)
        {
            // x's draws first, then y's, from the one generator: independent resamples, one fixed sequence.
            var sampleX = ScoreMatrix.Resample(x, runsX, tasks, generator);
            var sampleY = ScoreMatrix.Resample(y, runsY, tasks, generator);
            replicates[rep] = ImprovementUnchecked(sampleX, sampleY, runsX, runsY, tasks);
        }
        var (lower, upper) = ScoreMatrix.PercentileInterval(replicates, options.Confidence);
        return new Interval(estimate, lower, upper, options.Describe());
    }

    /// <summary>
    /// The performance profile with its pointwise bootstrap band, as rliable's <c>create_performance_profile</c>
    /// with <c>use_score_distribution=True</c>: the fraction of run x task scores above each tau on the original
    /// scores, and per tau the percentile interval over stratified resamples (each resample gives the whole profile).
    /// </summary>
    /// <param name="scores">The score matrix, <c>scores[run][task]</c>: rectangular, at least one run and task, no NaN.</param>
    /// <param name="taus">The thresholds.</param>
    /// <param name="options">Reps, seed and confidence; <see cref="BootstrapOptions.Default"/> (2,000 reps, as rliable) when null.</param>
    /// <returns>Three arrays with one entry per threshold: the fraction, and the lower and upper ends of its band.</returns>
    /// <exception cref="ArgumentException">The matrix is empty, ragged or holds NaN, or a threshold is NaN.</exception>
    /// <example>
    /// <code>
    /// double[] taus = [.. Enumerable.Range(0, 41).Select(i => i * 0.05)];
    /// var (fraction, lower, upper) = Rliable.PerformanceProfileBands(scores, taus);
    /// </code>
    /// </example>
    public static (double[] Fraction, double[] Lower, double[] Upper) PerformanceProfileBands(
        IReadOnlyList<double[]> scores, IReadOnlyList<double> taus, BootstrapOptions? options = null)
    {
        var (runs, tasks) = ScoreMatrix.Check(scores, nameof(scores));
        ScoreMatrix.CheckTaus(taus);
        options ??= BootstrapOptions.Default;
        var fraction = ProfileUnchecked(scores, taus, runs, tasks);
        var generator = new Xoshiro256StarStar(options.Seed);
        // replicates[tau][rep], filled one resample (a whole profile) at a time.
        var replicates = new double[taus.Count][];
        for (var i = 0; i < taus.Count; i++)
            replicates[i] = new double[options.Reps];
        for (var rep = 0; rep < options.Reps; rep++)
        {
            var profile = ProfileUnchecked(ScoreMatrix.Resample(scores, runs, tasks, generator), taus, runs, tasks);
            for (var i = 0; i < taus.Count; i++)
                replicates[i][rep] = profile[i];
        }
        var lower = new double[taus.Count];
        var upper = new double[taus.Count];
        for (var i = 0; i < taus.Count; i++)
            (lower[i], upper[i]) = ScoreMatrix.PercentileInterval(replicates[i], options.Confidence);
        return (fraction, lower, upper);
    }
}
