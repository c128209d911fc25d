using System.Globalization;
using RunLens.Plotly;

namespace RunLens;

public static partial class Charts
{
    /// <summary>
    /// rliable's interval plot: per group the mean (Student-t interval), the IQM (stratified bootstrap interval) and,
    /// when a gamma was given, the optimality gap (bootstrap interval), each a panel of horizontal intervals with the
    /// estimate marked. Groups read top to bottom in their order.
    /// </summary>
    /// <param name="comparison">A comparison, e.g. <c>runs.FinalScores("rewards.total", 1000).Compare()</c>.</param>
    /// <param name="title">The title; null for one naming the metric.</param>
    /// <example><code>comparison.AggregateIntervals()</code></example>
    public static Figure AggregateIntervals(this ScoreComparison comparison, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var panels = new List<(string Name, Func<GroupSummary, Interval?> Pick)> { ("mean", g => g.Mean), ("IQM", g => g.Iqm) };
        if (comparison.Gamma is not null)
            panels.Add(("optimality gap", g => g.OptimalityGap));
        var groups = comparison.Groups;
        var traces = new List<Trace>();
        var xAxes = new List<Axis>();
        const double gap = 0.06;
        var width = (1 - gap * (panels.Count - 1)) / panels.Count;
        for (var p = 0; p < panels.Count; p++)
        {
            var (name, pick) = panels[p];
            var xRef = Layout.XRef(p);
            for (var g = 0; g < groups.Count; g++)
            {
                if (pick(groups[g]) is not { } interval)
                    continue;
                var y = (double)(groups.Count - 1 - g);
                traces.Add(new ScatterTrace([PlotlyValues.Gap(interval.Lower), PlotlyValues.Gap(interval.Upper)], [y, y])
                {
                    Name = groups[g].Group, LegendGroup = groups[g].Group, ShowLegend = false, XAxis = xRef, YAxis = "y",
                    Line = new Line { Width = 10, Color = Palette.Band(g) }, HoverInfo = "skip",
                });
                traces.Add(new ScatterTrace([interval.Estimate], [y])
                {
                    Name = groups[g].Group, ShowLegend = false, Mode = "markers", XAxis = xRef, YAxis = "y",
                    Marker = new Marker { Size = 11, Color = Palette.Line(g), Symbol = "line-ns", Line = new Line { Width = 3, Color = Palette.Line(g) } },
                    HoverTemplate = string.Create(CultureInfo.InvariantCulture,
                        $"{name} %{{x:.4g}} [{interval.Lower:G4}, {interval.Upper:G4}]<br>{interval.Method}, n {groups[g].N}<extra>{groups[g].Group}</extra>"),
                });
            }
            xAxes.Add(new Axis { Title = new Title(name), Domain = [p * (width + gap), p * (width + gap) + width], Anchor = "y", GridColor = Palette.Grid, ZeroLine = false });
        }
        var layout = new Layout
        {
            Title = new Title(title ?? "Final " + comparison.Scores.Metric) { Subtitle = new Subtitle(Wrap(comparison.Caption().Replace(". ", "; ", StringComparison.Ordinal)).Text) },
            XAxes = xAxes,
            YAxes = [new Axis { TickMode = "array", TickVals = Enumerable.Range(0, groups.Count).Select(i => (double)(groups.Count - 1 - i)).ToList(), TickText = groups.Select(g => g.Group).ToList(), Range = [-0.6, groups.Count - 0.4], ShowGrid = false, ZeroLine = false }],
            Height = 160 + 34 * groups.Count,
            Margin = new Margin { L = Math.Min(260, 30 + 7 * groups.Max(g => g.Group.Length)), R = 30, T = Wrap(comparison.Caption().Replace(". ", "; ", StringComparison.Ordinal)).TopMargin, B = 50 },
            PaperBgColor = "#ffffff",
            PlotBgColor = "#ffffff",
        };
        return new Figure(traces, layout);
    }

    /// <summary>
    /// rliable's probability-of-improvement plot: for every pair of groups (each unordered pair once, in group order)
    /// P(X &gt; Y) with its bootstrap interval, against the line at 0.5 (no difference).
    /// </summary>
    /// <param name="comparison">A comparison with two or more groups.</param>
    /// <param name="title">The title; null for one naming the metric.</param>
    /// <exception cref="ArgumentException">The comparison has fewer than two groups.</exception>
    /// <example><code>comparison.ImprovementPlot()</code></example>
    public static Figure ImprovementPlot(this ScoreComparison comparison, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var names = comparison.Groups.Select(g => g.Group).ToList();
        if (names.Count < 2)
            throw new ArgumentException("The probability of improvement needs at least two groups.", nameof(comparison));
        var pairs = new List<Improvement>();
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = i + 1; j < names.Count; j++)
                pairs.Add(comparison.Improvements.First(p => p.X == names[i] && p.Y == names[j]));
        }
        var traces = new List<Trace>
        {
            new ScatterTrace([0.5, 0.5], [-0.6, pairs.Count - 0.4]) { Name = "no difference", ShowLegend = false, HoverInfo = "skip", Line = new Line { Color = "#888888", Dash = "dash", Width = 1 } },
        };
        for (var k = 0; k < pairs.Count; k++)
        {
            var (pair, y) = (pairs[k], (double)(pairs.Count - 1 - k));
            var label = $"P({pair.X} > {pair.Y})";
            traces.Add(new ScatterTrace([PlotlyValues.Gap(pair.Probability.Lower), PlotlyValues.Gap(pair.Probability.Upper)], [y, y])
            {
                Name = label, ShowLegend = false, HoverInfo = "skip", Line = new Line { Width = 10, Color = Palette.Band(0) },
            });
            traces.Add(new ScatterTrace([pair.Probability.Estimate], [y])
            {
                Name = label, ShowLegend = false, Mode = "markers",
                Marker = new Marker { Size = 11, Symbol = "line-ns", Color = Palette.Line(0), Line = new Line { Width = 3, Color = Palette.Line(0) } },
                HoverTemplate = string.Create(CultureInfo.InvariantCulture, $"%{{x:.3f}} [{pair.Probability.Lower:0.###}, {pair.Probability.Upper:0.###}]<extra>{label}</extra>"),
            });
        }
        var labels = pairs.Select(p => $"P({p.X} > {p.Y})").ToList();
        var layout = new Layout
        {
            Title = new Title(title ?? "Probability of improvement: " + comparison.Scores.Metric)
            {
                Subtitle = new Subtitle("P(X > Y): a random run of X scores above a random run of Y (ties half); " + comparison.Bootstrap.Describe() + " intervals"),
            },
            XAxes = [new Axis { Title = new Title("probability of improvement"), Range = [0, 1], GridColor = Palette.Grid, ZeroLine = false }],
            YAxes = [new Axis { TickMode = "array", TickVals = Enumerable.Range(0, pairs.Count).Select(k => (double)(pairs.Count - 1 - k)).ToList(), TickText = labels, Range = [-0.6, pairs.Count - 0.4], ShowGrid = false, ZeroLine = false }],
            Height = 140 + 32 * pairs.Count,
            Margin = new Margin { L = Math.Min(360, 30 + 7 * labels.Max(l => l.Length)), R = 30, T = 100, B = 50 },
            PaperBgColor = "#ffffff",
            PlotBgColor = "#ffffff",
        };
        return new Figure(traces, layout);
    }

    /// <summary>
    /// rliable's performance profile: per group the fraction of runs whose final score is above each threshold tau,
    /// with its stratified bootstrap band; a curve above another at every tau dominates it.
    /// </summary>
    /// <param name="scores">Final scores, e.g. <c>runs.FinalScores("rewards.total", 1000)</c>.</param>
    /// <param name="taus">The thresholds; null for 101 evenly spaced ones from the lowest score to the highest.</param>
    /// <param name="bootstrap">Reps, seed and confidence of the band; null for 2,000 reps, seed 0, 95%.</param>
    /// <example><code>runs.FinalScores("rewards.total", 1000).PerformanceProfile()</code></example>
    public static Figure PerformanceProfile(this FinalScoreSet scores, IReadOnlyList<double>? taus = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Scores.Count == 0)
            throw new ArgumentException("There are no final scores to profile.", nameof(scores));
        bootstrap ??= BootstrapOptions.Default;
        var (lo, hi) = (scores.Scores.Min(s => s.Score), scores.Scores.Max(s => s.Score));
        taus ??= Enumerable.Range(0, 101).Select(i => lo + (hi - lo) * i / 100.0).ToList();
        var x = taus.Select(t => (double?)t).ToList();
        var traces = new List<Trace>();
        for (var g = 0; g < scores.Groups.Count; g++)
        {
            var name = scores.Groups[g];
            var (fraction, lower, upper) = Rliable.PerformanceProfileBands(scores.Matrix(name), taus, bootstrap);
            traces.Add(new ScatterTrace(x, PlotlyValues.WithGaps(upper)) { Name = name + " upper", LegendGroup = name, ShowLegend = false, HoverInfo = "skip", Line = new Line { Width = 0, Color = Palette.Band(g), Shape = "hv" } });
            traces.Add(new ScatterTrace(x, PlotlyValues.WithGaps(lower)) { Name = name + " lower", LegendGroup = name, ShowLegend = false, HoverInfo = "skip", Fill = "tonexty", FillColor = Palette.Band(g), Line = new Line { Width = 0, Color = Palette.Band(g), Shape = "hv" } });
            traces.Add(new ScatterTrace(x, PlotlyValues.WithGaps(fraction))
            {
                Name = name, LegendGroup = name, Line = new Line { Width = 2, Color = Palette.Line(g), Shape = "hv" },
                HoverTemplate = "tau %{x:.4g}: %{y:.0%} of runs above<extra>" + name + "</extra>",
            });
        }
        var layout = new Layout
        {
            Title = new Title("Performance profile: " + scores.Metric)
            {
                Subtitle = new Subtitle($"fraction of runs with final score > tau ({scores.Description}); band: stratified {bootstrap.Describe()}"),
            },
            XAxes = [new Axis { Title = new Title("tau (final score)"), GridColor = Palette.Grid, ZeroLine = false }],
            YAxes = [new Axis { Title = new Title("fraction of runs > tau"), Range = [0, 1.02], GridColor = Palette.Grid, ZeroLine = false, TickFormat = ".0%" }],
            HoverMode = "x",
            Height = 480,
            Margin = new Margin { L = 70, R = 30, T = 100, B = 60 },
            PaperBgColor = "#ffffff",
            PlotBgColor = "#ffffff",
        };
        return new Figure(traces, layout);
    }
}
