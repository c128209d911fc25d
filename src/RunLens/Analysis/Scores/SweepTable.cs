using System.Globalization;
using RunLens.Display;

namespace RunLens;

/// <summary>One run of a sweep: its hyperparameters (those that vary), seed and final score.</summary>
/// <param name="Run">The run's name.</param>
/// <param name="Values">The run's value of each varying hyperparameter (missing ones are absent).</param>
/// <param name="Score">The run's final score.</param>
public sealed record SweepRow(string Run, IReadOnlyDictionary<string, ConfigValue> Values, double Score)
{
    /// <summary>The run's seed, when known.</summary>
    public long? Seed { get; init; }

    /// <summary>The run's configuration cell: the varying hyperparameters as <c>a=1, b=2</c>.</summary>
    public string Cell => string.Join(", ", Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value));
}

/// <summary>
/// A sweep as a table: runs x the hyperparameters that vary between them x final score. The input of the
/// hyperparameter heatmap, parallel coordinates and importance. Displays as a table.
/// </summary>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed class SweepTable : IDisplayDocument
{
    internal SweepTable(FinalScoreSet scores, IReadOnlyList<string> hyperparameters, IReadOnlyList<SweepRow> rows)
    {
        Scores = scores;
        Hyperparameters = hyperparameters;
        Rows = rows;
    }

    /// <summary>The final scores the table is made of (their description says how each was computed).</summary>
    public FinalScoreSet Scores { get; }

    /// <summary>The hyperparameters that vary between the runs (seed left out), in name order.</summary>
    public IReadOnlyList<string> Hyperparameters { get; }

    /// <summary>One row per run.</summary>
    public IReadOnlyList<SweepRow> Rows { get; }

    /// <summary>The distinct values of one hyperparameter, numbers ascending.</summary>
    /// <exception cref="KeyNotFoundException">The hyperparameter does not vary in this sweep.</exception>
    public IReadOnlyList<ConfigValue> ValuesOf(string hyperparameter)
    {
        if (!Hyperparameters.Contains(hyperparameter))
            throw new KeyNotFoundException($"'{hyperparameter}' does not vary in this sweep. Varying: {string.Join(", ", Hyperparameters)}.");
        return Rows.Where(r => r.Values.ContainsKey(hyperparameter)).Select(r => r.Values[hyperparameter]).Distinct()
            .OrderBy(v => v.Number ?? double.PositiveInfinity).ThenBy(v => v.ToString(), StringComparer.Ordinal).ToList();
    }

    /// <summary>The runs as an HTML table: one column per varying hyperparameter, then seed and score.</summary>
    public string ToHtml() => DisplayHtml.Sweep(this);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"sweep of {Rows.Count} runs over {string.Join(", ", Hyperparameters)}: {Scores.Description}");
}

/// <summary>Entry points for sweeps.</summary>
public static class Sweeps
{
    /// <summary>
    /// The sweep of these scores: each run with the hyperparameters that vary between the runs (the seed and run ids
    /// left out) and its final score.
    /// </summary>
    /// <param name="scores">Final scores, e.g. <c>runs.FinalScores("metrics.episode_return_mean", 10)</c>.</param>
    /// <exception cref="ArgumentException">No hyperparameter varies between the runs.</exception>
    /// <example><code>runs.FinalScores("metrics.episode_return_mean", 10).Sweep()</code></example>
    public static SweepTable Sweep(this FinalScoreSet scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var keys = scores.Scores.SelectMany(s => s.Config.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(k => !RunGroups.IsSeed(k))
            .Where(k => scores.Scores.Select(s => s.Config.TryGetValue(k, out var v) ? v.ToString() : null).Distinct().Count() > 1)
            .ToList();
        if (keys.Count == 0)
            throw new ArgumentException("No hyperparameter varies between these runs, so there is no sweep. Check the runs' config files (run.Info.Config).", nameof(scores));
        var rows = scores.Scores.Select(s => new SweepRow(s.Run,
            keys.Where(s.Config.ContainsKey).ToDictionary(k => k, k => s.Config[k], StringComparer.Ordinal), s.Score) { Seed = s.Seed }).ToList();
        return new SweepTable(scores, keys, rows);
    }
}
