using System.Globalization;
using RunLens.Display;

namespace RunLens;

/// <summary>One group's final scores summarised: n, the mean with its Student-t interval, median, IQM with its bootstrap interval.</summary>
/// <param name="Group">The group (variant or <c>name=value</c>).</param>
/// <param name="N">The number of runs (seeds).</param>
/// <param name="Mean">The mean of the runs' scores with its Student-t interval (NaN ends for one run).</param>
/// <param name="Median">The median of the runs' scores.</param>
/// <param name="Iqm">The interquartile mean (rliable's 25% trimmed mean) with its stratified bootstrap interval.</param>
public sealed record GroupSummary(string Group, int N, Interval Mean, double Median, Interval Iqm)
{
    /// <summary>The standard deviation of the runs' scores (n - 1), NaN for one run.</summary>
    public double Std { get; init; }

    /// <summary>rliable's optimality gap <c>gamma - mean(min(score, gamma))</c> with its bootstrap interval, when a gamma was given.</summary>
    public Interval? OptimalityGap { get; init; }
}

/// <summary>P(X &gt; Y): the probability that a random run of <paramref name="X"/> scores above a random run of <paramref name="Y"/> (ties count half).</summary>
/// <param name="X">The first group.</param>
/// <param name="Y">The second group.</param>
/// <param name="Probability">The Mann-Whitney estimate with its bootstrap interval (each group resampled independently).</param>
public sealed record Improvement(string X, string Y, Interval Probability);

/// <summary>
/// Final scores compared the way a careful paper would: per group n, mean with a Student-t 95% interval, median, IQM
/// with a stratified bootstrap 95% interval, optionally the optimality gap, and the probability of improvement of
/// every pair. Displays as an HTML table; <see cref="ToMarkdown"/> and <see cref="ToLatex"/> give the same table as text.
/// </summary>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed partial class ScoreComparison : IDisplayDocument
{
    internal ScoreComparison(FinalScoreSet scores, IReadOnlyList<GroupSummary> groups, IReadOnlyList<Improvement> improvements, double? gamma, BootstrapOptions bootstrap)
    {
        Scores = scores;
        Groups = groups;
        Improvements = improvements;
        Gamma = gamma;
        Bootstrap = bootstrap;
    }

    /// <summary>The final scores compared.</summary>
    public FinalScoreSet Scores { get; }

    /// <summary>One summary per group, in group order.</summary>
    public IReadOnlyList<GroupSummary> Groups { get; }

    /// <summary>P(X &gt; Y) for every ordered pair of different groups.</summary>
    public IReadOnlyList<Improvement> Improvements { get; }

    /// <summary>The gamma of the optimality gap, or null when not asked.</summary>
    public double? Gamma { get; }

    /// <summary>How the bootstrap intervals were made (reps, seed, confidence).</summary>
    public BootstrapOptions Bootstrap { get; }

    /// <summary>P(<paramref name="x"/> &gt; <paramref name="y"/>) with its interval.</summary>
    /// <exception cref="KeyNotFoundException">A group is not in the comparison.</exception>
    public Interval ProbabilityOfImprovement(string x, string y) =>
        Improvements.FirstOrDefault(i => i.X == x && i.Y == y)?.Probability
        ?? throw new KeyNotFoundException($"No pair ({x}, {y}). Groups: {string.Join(", ", Groups.Select(g => g.Group))}.");

    /// <summary>The table and the probability-of-improvement matrix as HTML.</summary>
    public string ToHtml() => DisplayHtml.Comparison(this);

    /// <inheritdoc />
    public override string ToString() => string.Join("; ", Groups.Select(g => string.Create(CultureInfo.InvariantCulture,
        $"{g.Group}: n {g.N}, mean {g.Mean.Estimate:G4}, IQM {g.Iqm.Estimate:G4}")));
}

/// <summary>Entry points for comparing final scores.</summary>
public static class Comparisons
{
    /// <summary>
    /// Compares the groups of these final scores: n, mean (Student-t 95%), median, IQM (stratified bootstrap 95%),
    /// optimality gap when <paramref name="gamma"/> is given, and the probability of improvement of every pair.
    /// </summary>
    /// <param name="scores">Final scores, e.g. <c>runs.FinalScores("rewards.total", 1000)</c>.</param>
    /// <param name="gamma">The optimality-gap threshold (rliable's gamma), or null for none.</param>
    /// <param name="bootstrap">Reps, seed and confidence of the bootstrap intervals; null for 2,000 reps, seed 0, 95%.</param>
    /// <exception cref="ArgumentException">There are no scores.</exception>
    /// <example><code>runs.FinalScores("rewards.total", 1000).Compare()</code></example>
    public static ScoreComparison Compare(this FinalScoreSet scores, double? gamma = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Scores.Count == 0)
            throw new ArgumentException("There are no final scores to compare" + (scores.Notes.Count > 0 ? ": " + string.Join(" ", scores.Notes.Take(3)) : "."), nameof(scores));
        bootstrap ??= BootstrapOptions.Default;
        var groups = scores.Groups.Select(g => Summarize(scores, g, gamma, bootstrap)).ToList();
        var improvements = new List<Improvement>();
        foreach (var x in scores.Groups)
        {
            foreach (var y in scores.Groups.Where(y => y != x))
                improvements.Add(new Improvement(x, y, Rliable.BootstrapImprovement(scores.Matrix(x), scores.Matrix(y), bootstrap)));
        }
        return new ScoreComparison(scores, groups, improvements, gamma, bootstrap);
    }

    private static GroupSummary Summarize(FinalScoreSet scores, string group, double? gamma, BootstrapOptions bootstrap)
    {
        var values = scores.Of(group);
        var matrix = scores.Matrix(group);
        var sorted = values.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        var mean = values.Average();
        var std = values.Length < 2 ? double.NaN : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        return new GroupSummary(group, values.Length, StudentT.MeanInterval(values, bootstrap.Confidence), median, Rliable.Bootstrap(matrix, Rliable.Iqm, bootstrap))
        {
            Std = std,
            OptimalityGap = gamma is { } g ? Rliable.Bootstrap(matrix, s => Rliable.OptimalityGap(s, g), bootstrap) : null,
        };
    }
}
