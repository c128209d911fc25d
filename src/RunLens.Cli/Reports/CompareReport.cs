using System.Text.Json.Serialization;

namespace RunLens.Cli.Reports;

/// <summary>
/// What <c>runlens compare --json</c> prints: one object. JSON has no NaN, so every number that is not finite
/// (the intervals of a group with one run, a mean of no values) is null.
/// </summary>
/// <param name="Metric">The metric compared (<c>episode return</c> with <c>--episodes</c>).</param>
/// <param name="Description">How each run's final score was computed.</param>
/// <param name="GroupBy">What the runs were grouped by: <c>variant</c>, <c>run</c> or hyperparameter names.</param>
/// <param name="Format">The run format the runs were filtered to (<c>--format</c>), or null for all.</param>
/// <param name="Bootstrap">How the bootstrap intervals were made.</param>
/// <param name="Gamma">The optimality-gap threshold, or null when not asked.</param>
/// <param name="Groups">One summary per group, in group order (values by size).</param>
/// <param name="Improvement">P(x &gt; y) for every ordered pair of different groups.</param>
/// <param name="Notes">Runs left out and why, groups with one run, runs in several formats.</param>
internal sealed record CompareReport(
    string Metric,
    string Description,
    string GroupBy,
    string? Format,
    BootstrapReport Bootstrap,
    double? Gamma,
    IReadOnlyList<GroupReport> Groups,
    IReadOnlyList<ImprovementReport> Improvement,
    IReadOnlyList<string> Notes)
{
    /// <summary>The report of a comparison; <paramref name="notes"/> are the scores' notes and the command's own.</summary>
    public static CompareReport From(ScoreComparison comparison, string? format, IReadOnlyList<string> notes)
    {
        var single = comparison.Groups.Where(g => g.N < 2).Select(g => g.Group).ToHashSet(StringComparer.Ordinal);
        var groups = comparison.Groups.Select(g => GroupReport.From(g, comparison.Scores)).ToList();
        // A bootstrap over one run resamples that run only: the interval would ignore the group's own spread.
        var improvement = comparison.Improvements.Select(i => new ImprovementReport(i.X, i.Y, Finite(i.Probability.Estimate),
            single.Contains(i.X) || single.Contains(i.Y) ? null : Finite(i.Probability.Lower),
            single.Contains(i.X) || single.Contains(i.Y) ? null : Finite(i.Probability.Upper))).ToList();
        var bootstrap = new BootstrapReport(comparison.Bootstrap.Reps, comparison.Bootstrap.Seed, comparison.Bootstrap.Confidence);
        var scores = comparison.Scores;
        return new CompareReport(scores.Metric, scores.Description, scores.GroupBy, format, bootstrap, comparison.Gamma, groups, improvement, notes);
    }

    /// <summary>The number, or null when it is NaN or infinite.</summary>
    internal static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

/// <summary>The bootstrap settings: resamples, the generator's seed and the confidence level.</summary>
internal sealed record BootstrapReport(int Reps, ulong Seed, double Confidence);

/// <summary>
/// One group: n, mean with its Student-t interval, median, IQM with its bootstrap interval, std, the optimality gap
/// with its bootstrap interval (null without <c>--gamma</c>: the keys are always there), and the runs behind it.
/// Intervals are null for a group of one run.
/// </summary>
internal sealed record GroupReport(
    string Group,
    int N,
    double? Mean,
    double? MeanLower,
    double? MeanUpper,
    double? Median,
    double? Iqm,
    double? IqmLower,
    double? IqmUpper,
    double? Std,
    double? OptimalityGap,
    double? GapLower,
    double? GapUpper,
    IReadOnlyList<RunScoreReport> Runs)
{
    public static GroupReport From(GroupSummary g, FinalScoreSet scores)
    {
        var several = g.N > 1;
        double? Bound(double value) => several ? CompareReport.Finite(value) : null;
        var runs = scores.Scores.Where(s => s.Group == g.Group)
            .Select(s => new RunScoreReport(s.Run, s.Seed, CompareReport.Finite(s.Score), s.Points)).ToList();
        return new GroupReport(g.Group, g.N,
            CompareReport.Finite(g.Mean.Estimate), Bound(g.Mean.Lower), Bound(g.Mean.Upper),
            CompareReport.Finite(g.Median),
            CompareReport.Finite(g.Iqm.Estimate), Bound(g.Iqm.Lower), Bound(g.Iqm.Upper),
            CompareReport.Finite(g.Std),
            g.OptimalityGap is { } gap ? CompareReport.Finite(gap.Estimate) : null,
            g.OptimalityGap is { } lo ? Bound(lo.Lower) : null,
            g.OptimalityGap is { } hi ? Bound(hi.Upper) : null,
            runs);
    }
}

/// <summary>One run's final score and how many values it is the mean of.</summary>
internal sealed record RunScoreReport(string Run, long? Seed, double? Score, int Points);

/// <summary>P(<paramref name="X"/> &gt; <paramref name="Y"/>) (ties half) with its bootstrap interval (null when a group has one run).</summary>
internal sealed record ImprovementReport(string X, string Y, double? Probability, double? Lower, double? Upper);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CompareReport))]
internal sealed partial class CompareJsonContext : JsonSerializerContext;
