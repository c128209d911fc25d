using System.Globalization;
using RunLens.Plotly;

namespace RunLens;

public static partial class Charts
{
    /// <summary>
    /// Variants compared over training: each group's center line across its seeds with its band (Student-t 95% by
    /// default), and under it the number of seeds behind every point, with a marked step wherever that number drops
    /// (a shorter run ended: the curve after it rests on fewer seeds). Nothing is extrapolated past a run's last step.
    /// </summary>
    /// <param name="curves">Aggregated curves, e.g. <c>runs.AggregateCurves("rewards.total")</c>.</param>
    /// <param name="title">The title; null for one naming the metric.</param>
    /// <exception cref="ArgumentException">There are no curves.</exception>
    /// <example><code>Charts.CompareVariants(runs.AggregateCurves("metrics.episode_return_mean", "learning_rate"))</code></example>
    public static Figure CompareVariants(IReadOnlyList<AggregateCurve> curves, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count == 0)
            throw new ArgumentException("There are no curves to compare: no run had the metric (see the curves' notes).", nameof(curves));
        var traces = new List<Trace>();
        var annotations = new List<Annotation>();
        for (var g = 0; g < curves.Count; g++)
        {
            var c = curves[g];
            var x = c.Steps.Select(s => (double?)s).ToList();
            var name = c.Group;
            // The band: the upper edge (invisible) and the lower edge filled up to it; NaN ends are gaps.
            traces.Add(new ScatterTrace(x, PlotlyValues.WithGaps(c.Upper))
            {
                Name = name + " upper", LegendGroup = name, ShowLegend = false, HoverInfo = "skip",
                Line = new Line { Width = 0, Color = Palette.Band(g) }, XAxis = "x", YAxis = "y",
            });
            traces.Add(new ScatterTrace(x, PlotlyValues.WithGaps(c.Lower))
            {
                Name = name + " lower", LegendGroup = name, ShowLegend = false, HoverInfo = "skip",
                Line = new Line { Width = 0, Color = Palette.Band(g) }, Fill = "tonexty", FillColor = Palette.Band(g), XAxis = "x", YAxis = "y",
            });
            traces.Add(new ScatterTrace(x, PlotlyValues.WithGaps(c.Center))
            {
                Name = name, LegendGroup = name, Line = new Line { Width = 2, Color = Palette.Line(g) }, XAxis = "x", YAxis = "y",
                CustomData = Enumerable.Range(0, c.Count).Select(i => (IReadOnlyList<double?>)[PlotlyValues.Gap(c.Lower[i]), PlotlyValues.Gap(c.Upper[i]), c.Seeds[i]]).ToList(),
                HoverTemplate = "%{y:.4g} [%{customdata[0]:.4g}, %{customdata[1]:.4g}], %{customdata[2]} seeds<extra>" + name + "</extra>",
            });
            traces.Add(new ScatterTrace(x, c.Seeds.Select(n => (double?)n).ToList())
            {
                Name = name + " seeds", LegendGroup = name, ShowLegend = false, Line = new Line { Width = 1.5, Color = Palette.Line(g), Shape = "hv" },
                XAxis = "x", YAxis = "y2", HoverTemplate = "%{y} seeds<extra>" + name + "</extra>",
            });
            foreach (var drop in c.SeedDrops)
            {
                var i = Array.IndexOf(c.Steps, drop);
                annotations.Add(new Annotation(string.Create(CultureInfo.InvariantCulture, $"{c.Seeds[i]}"))
                {
                    X = drop, Y = c.Seeds[i], XRef = "x", YRef = "y2", ShowArrow = true, Font = new Font { Size = 10, Color = Palette.Line(g) },
                });
            }
        }
        var first = curves[0];
        var subtitle = Wrap(first.Method + "; lower panel: seeds behind each point, arrows where it drops");
        var layout = new Layout
        {
            Title = new Title(title ?? first.Metric + " by " + (curves.Count == 1 ? "group" : string.Join(", ", curves.Select(c => c.Group).Take(4)) + (curves.Count > 4 ? ", ..." : "")))
            {
                Subtitle = new Subtitle(subtitle.Text),
            },
            XAxes = [new Axis { Title = new Title(first.X), Anchor = "y2", GridColor = Palette.Grid, ZeroLine = false }],
            YAxes =
            [
                new Axis { Title = new Title(first.Metric), Domain = [0.3, 1], GridColor = Palette.Grid, ZeroLine = false },
                new Axis { Title = new Title("seeds"), Domain = [0, 0.2], GridColor = Palette.Grid, ZeroLine = false, Range = [0, curves.Max(c => c.Seeds.DefaultIfEmpty(0).Max()) + 0.5] },
            ],
            Annotations = annotations.Count > 0 ? annotations : null,
            HoverMode = "x",
            Height = 640,
            Margin = new Margin { L = 70, R = 30, T = subtitle.TopMargin, B = 60 },
            PaperBgColor = "#ffffff",
            PlotBgColor = "#ffffff",
        };
        return new Figure(traces, layout);
    }

    /// <summary>
    /// Aggregates <paramref name="metric"/> across the seeds of each group and draws <see cref="CompareVariants(IReadOnlyList{AggregateCurve}, string?)"/>.
    /// </summary>
    /// <param name="runs">The runs.</param>
    /// <param name="metric">The metric's name as logged or a role lookup name such as <c>rewards.total</c>.</param>
    /// <param name="groupBy"><c>variant</c> (default), <c>run</c> or hyperparameter names, comma-separated.</param>
    /// <param name="options">Center, band, grid and smoothing; null for mean with a Student-t 95% band.</param>
    /// <example><code>runs.CompareVariants("rewards.total", options: new AggregateOptions { Smoothing = Smoothing.Ema(0.9) })</code></example>
    public static Figure CompareVariants(this RunSet runs, string metric, string groupBy = RunGroups.Variant, AggregateOptions? options = null) =>
        CompareVariants(runs.AggregateCurves(metric, groupBy, options));
}
