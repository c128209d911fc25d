using System.Globalization;
using RunLens.Display;

namespace RunLens;

/// <summary>
/// The final score of every run, grouped: what comparisons, score tables, probability of improvement and sweep
/// heatmaps are computed from. Displays as a table of runs.
/// </summary>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed class FinalScoreSet : IDisplayDocument
{
    internal FinalScoreSet(string metric, string description, string groupBy, IReadOnlyList<FinalScore> scores, IReadOnlyList<string> notes)
    {
        Metric = metric;
        Description = description;
        GroupBy = groupBy;
        Scores = scores;
        Notes = notes;
        // Scores come group by group in RunGroups' order.
        Groups = scores.Select(s => s.Group).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The metric the scores are of.</summary>
    public string Metric { get; }

    /// <summary>How each score was computed, e.g. "mean of rewards.total over each run's last 1,000 steps".</summary>
    public string Description { get; }

    /// <summary>What the runs are grouped by: <c>variant</c>, <c>run</c> or a hyperparameter name.</summary>
    public string GroupBy { get; }

    /// <summary>One score per run that had one.</summary>
    public IReadOnlyList<FinalScore> Scores { get; }

    /// <summary>The groups, in order of their values (numbers by size; see <see cref="RunGroups.Of"/>).</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>Runs left out and why (no such metric, no finite value, no group value, fewer episodes than asked).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The scores of one group's runs, in run order.</summary>
    /// <exception cref="KeyNotFoundException">There is no such group.</exception>
    public double[] Of(string group)
    {
        var values = Scores.Where(s => s.Group == group).Select(s => s.Score).ToArray();
        return values.Length > 0 ? values : throw new KeyNotFoundException($"No group '{group}'. Groups: {string.Join(", ", Groups)}.");
    }

    /// <summary>One group's scores as rliable's runs x tasks matrix with one task (for <see cref="Rliable"/>'s functions).</summary>
    /// <exception cref="KeyNotFoundException">There is no such group.</exception>
    public IReadOnlyList<double[]> Matrix(string group) => Of(group).Select(v => new[] { v }).ToList();

    /// <summary>The runs and their scores as an HTML table, with the notes.</summary>
    public string ToHtml() => DisplayHtml.FinalScores(this);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Scores.Count} final scores ({Description}) in {Groups.Count} groups by {GroupBy}") + (Notes.Count > 0 ? $"; {Notes.Count} notes" : "");
}
