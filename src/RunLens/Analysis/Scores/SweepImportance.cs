using System.Globalization;
using RunLens.Display;

namespace RunLens;

/// <summary>How much one hyperparameter matters in a sweep, with intervals over seeds.</summary>
/// <param name="Hyperparameter">The hyperparameter.</param>
/// <param name="Correlation">
/// Spearman's rank correlation of the hyperparameter's value with the final score (NaN for text values), with its
/// bootstrap interval (runs resampled within each configuration).
/// </param>
/// <param name="Permutation">
/// Permutation importance: how much the squared error of predicting each run's score by its configuration's mean
/// grows when this hyperparameter's values are shuffled across runs, as a fraction of the scores' variance (0: no
/// effect; it exceeds 1 when predictions from shuffled values are worse than guessing the overall mean, up to about 2
/// for a hyperparameter that decides the score alone), averaged over 20 shuffles, with its bootstrap interval.
/// </param>
public sealed record HyperparameterImportance(string Hyperparameter, Interval Correlation, Interval Permutation);

/// <summary>Hyperparameter importance of a sweep, by correlation and by permutation, each with uncertainty over seeds.</summary>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed class ImportanceTable : IDisplayDocument
{
    internal ImportanceTable(SweepTable sweep, IReadOnlyList<HyperparameterImportance> rows, BootstrapOptions bootstrap)
    {
        Sweep = sweep;
        Rows = rows;
        Bootstrap = bootstrap;
    }

    /// <summary>The sweep.</summary>
    public SweepTable Sweep { get; }

    /// <summary>One row per varying hyperparameter, most important (by permutation) first.</summary>
    public IReadOnlyList<HyperparameterImportance> Rows { get; }

    /// <summary>How the intervals were made.</summary>
    public BootstrapOptions Bootstrap { get; }

    /// <summary>The table as HTML.</summary>
    public string ToHtml() => DisplayHtml.Importance(this);

    /// <inheritdoc />
    public override string ToString() => string.Join("; ", Rows.Select(r => string.Create(CultureInfo.InvariantCulture,
        $"{r.Hyperparameter}: permutation {r.Permutation.Estimate:0.###}, Spearman {r.Correlation.Estimate:0.###}")));
}

/// <summary>Hyperparameter importance.</summary>
public static class SweepImportance
{
    private const int Shuffles = 20;

    /// <summary>
    /// Which hyperparameters matter: Spearman correlation with the score and permutation importance, each with a
    /// percentile bootstrap interval that resamples runs (seeds) within each configuration, so the interval says how
    /// much the answer depends on the seeds.
    /// </summary>
    /// <param name="sweep">A sweep.</param>
    /// <param name="bootstrap">Reps, seed and confidence; null for 2,000 reps, seed 0, 95%.</param>
    /// <example><code>runs.FinalScores("metrics.episode_return_mean").Sweep().Importance()</code></example>
    public static ImportanceTable Importance(this SweepTable sweep, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        bootstrap ??= BootstrapOptions.Default;
        var rows = sweep.Rows;
        var cells = rows.Select((r, i) => (r.Cell, i)).GroupBy(p => p.Cell, StringComparer.Ordinal).Select(g => g.Select(p => p.i).ToArray()).ToList();
        var result = new List<HyperparameterImportance>();
        foreach (var h in sweep.Hyperparameters)
        {
            var values = Encode(sweep, h);
            var generator = new Xoshiro256StarStar(bootstrap.Seed);
            var correlations = new double[bootstrap.Reps];
            var permutations = new double[bootstrap.Reps];
            var sample = new int[rows.Count];
            for (var rep = 0; rep < bootstrap.Reps; rep++)
            {
                var k = 0;
                foreach (var cell in cells)
                {
                    for (var j = 0; j < cell.Length; j++)
                        sample[k++] = cell[generator.NextInt(cell.Length)];
                }
                correlations[rep] = values.Numeric ? Spearman(sample.Select(i => values.Codes[i]).ToArray(), sample.Select(i => rows[i].Score).ToArray()) : double.NaN;
                permutations[rep] = Permutation(sweep, sample, h, generator);
            }
            var all = Enumerable.Range(0, rows.Count).ToArray();
            var correlation = values.Numeric ? Spearman(values.Codes, rows.Select(r => r.Score).ToArray()) : double.NaN;
            var (cLow, cHigh) = values.Numeric ? ScoreMatrix.PercentileInterval(correlations, bootstrap.Confidence) : (double.NaN, double.NaN);
            var (pLow, pHigh) = ScoreMatrix.PercentileInterval(permutations, bootstrap.Confidence);
            result.Add(new HyperparameterImportance(h,
                new Interval(correlation, cLow, cHigh, "Spearman, " + bootstrap.Describe() + " within configurations"),
                new Interval(Permutation(sweep, all, h, new Xoshiro256StarStar(bootstrap.Seed)), pLow, pHigh,
                    string.Create(CultureInfo.InvariantCulture, $"permutation ({Shuffles} shuffles), {bootstrap.Describe()} within configurations"))));
        }
        return new ImportanceTable(sweep, result.OrderByDescending(r => r.Permutation.Estimate).ToList(), bootstrap);
    }

    // Numbers as themselves; text values as category codes (no order, so no correlation).
    private static (bool Numeric, double[] Codes) Encode(SweepTable sweep, string h)
    {
        var numeric = sweep.Rows.All(r => r.Values.TryGetValue(h, out var v) && v.Number is not null);
        var distinct = sweep.ValuesOf(h).Select(v => v.ToString()).ToList();
        return (numeric, sweep.Rows.Select(r => r.Values.TryGetValue(h, out var v)
            ? numeric ? v.Number!.Value : distinct.IndexOf(v.ToString())
            : -1.0).ToArray());
    }

    // The increase of squared error, as a fraction of the scores' variance, when h is shuffled across the sample's
    // runs and each run is predicted by the mean score of the sample's runs with the (shuffled) configuration.
    private static double Permutation(SweepTable sweep, int[] sample, string h, Xoshiro256StarStar generator)
    {
        var rows = sweep.Rows;
        var scores = sample.Select(i => rows[i].Score).ToArray();
        var mean = scores.Average();
        var variance = scores.Sum(s => (s - mean) * (s - mean)) / scores.Length;
        if (variance == 0)
            return 0;
        var keyOf = sample.Select(i => Key(rows[i], h, rows[i].Values.TryGetValue(h, out var v) ? v.ToString() : "")).ToArray();
        var means = keyOf.Select((k, j) => (k, j)).GroupBy(p => p.k, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(p => scores[p.j]), StringComparer.Ordinal);
        var baseline = keyOf.Select((k, j) => Square(scores[j] - means[k])).Average();
        var values = sample.Select(i => rows[i].Values.TryGetValue(h, out var v) ? v.ToString() : "").ToArray();
        var total = 0.0;
        for (var s = 0; s < Shuffles; s++)
        {
            var shuffled = (string[])values.Clone();
            for (var j = shuffled.Length - 1; j > 0; j--)
            {
                var r = generator.NextInt(j + 1);
                (shuffled[j], shuffled[r]) = (shuffled[r], shuffled[j]);
            }
            var error = 0.0;
            for (var j = 0; j < sample.Length; j++)
                error += Square(scores[j] - (means.TryGetValue(Key(rows[sample[j]], h, shuffled[j]), out var m) ? m : mean));
            total += error / sample.Length;
        }
        return (total / Shuffles - baseline) / variance;
    }

    private static string Key(SweepRow row, string h, string value) =>
        string.Join("\n", row.Values.Where(v => v.Key != h).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value)) + "\n" + h + "=" + value;

    private static double Square(double x) => x * x;

    /// <summary>Spearman's rho: Pearson's correlation of average ranks (ties share their mean rank); NaN when a side is constant.</summary>
    internal static double Spearman(double[] x, double[] y)
    {
        var (rx, ry) = (Ranks(x), Ranks(y));
        var (mx, my) = (rx.Average(), ry.Average());
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    private static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
                end++;
            for (var k = start; k <= end; k++)
                ranks[order[k]] = (start + end) / 2.0 + 1;
            start = end + 1;
        }
        return ranks;
    }
}
