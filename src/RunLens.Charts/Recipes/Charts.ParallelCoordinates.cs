using System.Globalization;
using RunLens.Plotly;

namespace RunLens;

public static partial class Charts
{
    /// <summary>
    /// Parallel coordinates of a sweep: one line per run across one axis per varying hyperparameter and a last axis
    /// for the final score, coloured by the score. Numeric hyperparameters spanning more than two decades are drawn
    /// on a log10 axis labelled with their values; text values get one tick each. Brush an axis in the browser to
    /// pick runs.
    /// </summary>
    /// <param name="sweep">A sweep, e.g. <c>runs.FinalScores("metrics.episode_return_mean", 10).Sweep()</c>.</param>
    /// <param name="title">The title; null for one naming the score.</param>
    /// <example><code>sweep.ParallelCoordinates()</code></example>
    public static Figure ParallelCoordinates(this SweepTable sweep, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var dimensions = sweep.Hyperparameters.Select(h => Dimension(sweep, h)).ToList();
        var scores = sweep.Rows.Select(r => (double?)r.Score).ToList();
        dimensions.Add(new ParcoordsDimension("final score", scores));
        var trace = new ParcoordsTrace(dimensions)
        {
            Line = new ParcoordsLine(scores) { ColorScale = "Viridis", ShowScale = true, ColorBar = new ColorBar { Title = new Title("score") } },
        };
        var layout = new Layout
        {
            Title = new Title(title ?? "Sweep: " + sweep.Scores.Metric)
            {
                Subtitle = new Subtitle(string.Create(CultureInfo.InvariantCulture, $"{sweep.Rows.Count} runs; score: {sweep.Scores.Description}")),
            },
            Height = 520,
            Margin = new Margin { L = 80, R = 80, T = 140, B = 40 },
            PaperBgColor = "#ffffff",
        };
        return new Figure([trace], layout);
    }

    private static ParcoordsDimension Dimension(SweepTable sweep, string hyperparameter)
    {
        var distinct = sweep.ValuesOf(hyperparameter);
        var values = sweep.Rows.Select(r => r.Values.TryGetValue(hyperparameter, out var v) ? v : (ConfigValue?)null).ToList();
        if (distinct.All(v => v.Number is not null))
        {
            var numbers = distinct.Select(v => v.Number!.Value).ToList();
            var log = numbers.All(n => n > 0) && numbers.Max() / numbers.Min() > 100;
            double Map(double n) => log ? Math.Log10(n) : n;
            return new ParcoordsDimension(log ? hyperparameter + " (log)" : hyperparameter, values.Select(v => v?.Number is { } n ? Map(n) : (double?)null).ToList())
            {
                TickVals = numbers.Select(Map).ToList(),
                TickText = distinct.Select(v => v.ToString()).ToList(),
            };
        }
        // Text (or mixed) values: one tick per distinct value, in order.
        var labels = distinct.Select(v => v.ToString()).ToList();
        return new ParcoordsDimension(hyperparameter, values.Select(v => v is { } c ? labels.IndexOf(c.ToString()) : (double?)null).Select(i => i is >= 0 ? i : null).ToList())
        {
            TickVals = Enumerable.Range(0, labels.Count).Select(i => (double)i).ToList(),
            TickText = labels,
            Range = [-0.5, labels.Count - 0.5],
        };
    }
}
