using Microsoft.Data.Analysis;

namespace RunLens;

public static partial class DataFrames
{
    /// <summary>
    /// Final scores, one row per run: <c>group</c>, <c>run</c>, <c>seed</c>, <c>score</c>, <c>points</c> (values
    /// averaged), <c>first_step</c>, <c>last_step</c> (of the window).
    /// </summary>
    /// <example><code>runs.FinalScores("rewards.total", 1000).ToDataFrame()</code></example>
    public static DataFrame ToDataFrame(this FinalScoreSet scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var list = scores.Scores;
        return new FrameBuilder()
            .Text("group", list.Select(s => s.Group))
            .Text("run", list.Select(s => s.Run))
            .Integers("seed", list.Select(s => s.Seed))
            .Numbers("score", list.Select(s => s.Score))
            .Integers("points", list.Select(s => (long)s.Points))
            .Integers("first_step", list.Select(s => s.FirstStep))
            .Integers("last_step", list.Select(s => s.LastStep))
            .Build();
    }

    /// <summary>
    /// A comparison, one row per group: <c>group</c>, <c>n</c>, <c>mean</c>, <c>mean_lower</c>, <c>mean_upper</c>
    /// (Student-t interval), <c>median</c>, <c>std</c>, <c>iqm</c>, <c>iqm_lower</c>, <c>iqm_upper</c> (stratified
    /// bootstrap), and with a gamma <c>optimality_gap</c>, <c>gap_lower</c>, <c>gap_upper</c>. Interval ends that
    /// cannot be computed (one run) are NaN, as in the comparison. The pairs are in
    /// <c>comparison.Improvements.ToDataFrame()</c>.
    /// </summary>
    /// <example><code>runs.FinalScores("rewards.total", 1000).Compare().ToDataFrame()</code></example>
    public static DataFrame ToDataFrame(this ScoreComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var groups = comparison.Groups;
        var builder = new FrameBuilder()
            .Text("group", groups.Select(g => g.Group))
            .Integers("n", groups.Select(g => (long)g.N))
            .Numbers("mean", groups.Select(g => g.Mean.Estimate))
            .Numbers("mean_lower", groups.Select(g => g.Mean.Lower))
            .Numbers("mean_upper", groups.Select(g => g.Mean.Upper))
            .Numbers("median", groups.Select(g => g.Median))
            .Numbers("std", groups.Select(g => g.Std))
            .Numbers("iqm", groups.Select(g => g.Iqm.Estimate))
            .Numbers("iqm_lower", groups.Select(g => g.Iqm.Lower))
            .Numbers("iqm_upper", groups.Select(g => g.Iqm.Upper));
        if (comparison.Gamma is not null)
        {
            builder.Numbers("optimality_gap", groups.Select(g => g.OptimalityGap?.Estimate))
                .Numbers("gap_lower", groups.Select(g => g.OptimalityGap?.Lower))
                .Numbers("gap_upper", groups.Select(g => g.OptimalityGap?.Upper));
        }
        return builder.Build();
    }

    /// <summary>
    /// Probabilities of improvement, one row per ordered pair: <c>x</c>, <c>y</c>, <c>probability</c> (P(x &gt; y)),
    /// <c>lower</c>, <c>upper</c> (bootstrap interval).
    /// </summary>
    /// <example><code>comparison.Improvements.ToDataFrame()</code></example>
    public static DataFrame ToDataFrame(this IEnumerable<Improvement> improvements)
    {
        ArgumentNullException.ThrowIfNull(improvements);
        var list = improvements.ToList();
        return new FrameBuilder()
            .Text("x", list.Select(i => i.X))
            .Text("y", list.Select(i => i.Y))
            .Numbers("probability", list.Select(i => i.Probability.Estimate))
            .Numbers("lower", list.Select(i => i.Probability.Lower))
            .Numbers("upper", list.Select(i => i.Probability.Upper))
            .Build();
    }

    /// <summary>
    /// A sweep, one row per run: one column per varying hyperparameter (numbers when every value is a number,
    /// flags when every one is a boolean, else text; null where a run has no value), then <c>seed</c>,
    /// <c>score</c> and <c>run</c>.
    /// </summary>
    /// <example><code>runs.FinalScores("metrics.episode_return_mean").Sweep().ToDataFrame()</code></example>
    public static DataFrame ToDataFrame(this SweepTable sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var rows = sweep.Rows;
        var builder = new FrameBuilder();
        foreach (var h in sweep.Hyperparameters)
            builder.Config(h, rows.Select(r => r.Values.TryGetValue(h, out var v) ? v : (ConfigValue?)null).ToList());
        return builder.Integers("seed", rows.Select(r => r.Seed))
            .Numbers("score", rows.Select(r => r.Score))
            .Text("run", rows.Select(r => r.Run))
            .Build();
    }

    /// <summary>
    /// Hyperparameter importance, one row per hyperparameter: <c>hyperparameter</c>, <c>permutation</c>,
    /// <c>permutation_lower</c>, <c>permutation_upper</c>, <c>spearman</c>, <c>spearman_lower</c>,
    /// <c>spearman_upper</c> (NaN for text values).
    /// </summary>
    /// <example><code>sweep.Importance().ToDataFrame()</code></example>
    public static DataFrame ToDataFrame(this ImportanceTable importance)
    {
        ArgumentNullException.ThrowIfNull(importance);
        var rows = importance.Rows;
        return new FrameBuilder()
            .Text("hyperparameter", rows.Select(r => r.Hyperparameter))
            .Numbers("permutation", rows.Select(r => r.Permutation.Estimate))
            .Numbers("permutation_lower", rows.Select(r => r.Permutation.Lower))
            .Numbers("permutation_upper", rows.Select(r => r.Permutation.Upper))
            .Numbers("spearman", rows.Select(r => r.Correlation.Estimate))
            .Numbers("spearman_lower", rows.Select(r => r.Correlation.Lower))
            .Numbers("spearman_upper", rows.Select(r => r.Correlation.Upper))
            .Build();
    }
}
