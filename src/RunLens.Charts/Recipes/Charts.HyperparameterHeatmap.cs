using System.Globalization;
using RunLens.Plotly;

namespace RunLens;

public static partial class Charts
{
    /// <summary>
    /// Which hyperparameters work: one cell per (x value, y value) of a sweep, coloured by the IQM of the final scores
    /// of the cell's runs (seeds, and any other hyperparameter pooled), with the stratified bootstrap interval and n on
    /// hover and as cell text. Cells without runs stay empty and say so.
    /// </summary>
    /// <param name="sweep">A sweep, e.g. <c>runs.FinalScores("metrics.episode_return_mean").Sweep()</c>.</param>
    /// <param name="x">The hyperparameter along x, e.g. <c>learning_rate</c>.</param>
    /// <param name="y">The hyperparameter along y, e.g. <c>batch_size</c>.</param>
    /// <param name="bootstrap">Reps, seed and confidence of the cell intervals; null for 2,000 reps, seed 0, 95%.</param>
    /// <exception cref="KeyNotFoundException">A hyperparameter does not vary in the sweep.</exception>
    /// <example><code>sweep.HyperparameterHeatmap("learning_rate", "batch_size")</code></example>
    public static Figure HyperparameterHeatmap(this SweepTable sweep, string x, string y, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        bootstrap ??= BootstrapOptions.Default;
        var xs = sweep.ValuesOf(x);
        var ys = sweep.ValuesOf(y);
        var z = new double?[ys.Count][];
        var hover = new string?[ys.Count][];
        var text = new string?[ys.Count][];
        var empty = new List<Annotation>();
        for (var r = 0; r < ys.Count; r++)
        {
            (z[r], hover[r], text[r]) = (new double?[xs.Count], new string?[xs.Count], new string?[xs.Count]);
            for (var c = 0; c < xs.Count; c++)
            {
                var cell = sweep.Rows.Where(row => row.Values.TryGetValue(x, out var vx) && vx == xs[c] && row.Values.TryGetValue(y, out var vy) && vy == ys[r])
                    .Select(row => new[] { row.Score }).ToList();
                if (cell.Count == 0)
                {
                    empty.Add(new Annotation("no runs") { X = c, Y = r, XRef = "x", YRef = "y", ShowArrow = false, Font = new Font { Size = 11, Color = "#888888" } });
                    continue;
                }
                var iqm = Rliable.Bootstrap(cell, Rliable.Iqm, bootstrap);
                z[r][c] = iqm.Estimate;
                hover[r][c] = string.Create(CultureInfo.InvariantCulture,
                    $"{x} {xs[c]}, {y} {ys[r]}<br>IQM {iqm.Estimate:G4}, {iqm.Method}: {(double.IsFinite(iqm.Width) ? string.Create(CultureInfo.InvariantCulture, $"[{iqm.Lower:G4}, {iqm.Upper:G4}]") : "n/a")}<br>n {cell.Count}, mean {cell.Average(v => v[0]):G4}");
                text[r][c] = string.Create(CultureInfo.InvariantCulture, $"{iqm.Estimate:G4}<br>n={cell.Count}");
            }
        }
        var pooled = sweep.Hyperparameters.Where(h => h != x && h != y).ToList();
        var trace = new HeatmapTrace(
            Enumerable.Range(0, xs.Count).Select(i => (double?)i).ToList(),
            Enumerable.Range(0, ys.Count).Select(i => (double?)i).ToList(),
            z.Select(row => (IReadOnlyList<double?>)row).ToList())
        {
            Name = "IQM",
            ColorScale = "Viridis",
            HoverText = hover.Select(row => (IReadOnlyList<string?>)row).ToList(),
            HoverTemplate = "%{hovertext}<extra></extra>",
            Text = text.Select(row => (IReadOnlyList<string?>)row).ToList(),
            TextTemplate = "%{text}",
            HoverOnGaps = false,
            XGap = 2,
            YGap = 2,
            ColorBar = new ColorBar { Title = new Title("IQM") },
        };
        var layout = new Layout
        {
            Title = new Title($"{sweep.Scores.Metric}: {y} x {x}")
            {
                Subtitle = new Subtitle($"cell: IQM of its runs' final scores; text: IQM and n; hover: {bootstrap.Describe()} interval"
                    + (pooled.Count > 0 ? "; pooled over " + string.Join(", ", pooled) : "") + "<br>final score: " + sweep.Scores.Description),
            },
            XAxes = [new Axis { Title = new Title(x), TickMode = "array", TickVals = Enumerable.Range(0, xs.Count).Select(i => (double)i).ToList(), TickText = xs.Select(v => v.ToString()).ToList(), ShowGrid = false, ZeroLine = false }],
            YAxes = [new Axis { Title = new Title(y), TickMode = "array", TickVals = Enumerable.Range(0, ys.Count).Select(i => (double)i).ToList(), TickText = ys.Select(v => v.ToString()).ToList(), ShowGrid = false, ZeroLine = false }],
            Annotations = empty.Count > 0 ? empty : null,
            Height = 520,
            Margin = new Margin { L = 90, R = 30, T = 120, B = 70 },
            PaperBgColor = "#ffffff",
            PlotBgColor = "#eeeeee",
        };
        return new Figure([trace], layout);
    }
}
