using System.Globalization;
using RunLens.Plotly;

namespace RunLens;

public static partial class Charts
{
    private const double PanelGap = 0.04;

    /// <summary>
    /// Reward curves of a scan: <c>rewards.total</c> first, then each <c>rewards.*</c> component, each in its own
    /// panel on a shared step axis. Each panel draws the exact mean of every step bucket as a line and the bucket's
    /// min-max as a band, so spikes stay visible; hovering shows the step range, mean, min, max and count.
    /// Without <c>rewards.*</c> fields, fields whose name contains "reward", "return" or "ep_rew" (SB3's
    /// <c>rollout/ep_rew_mean</c>) are drawn, means first.
    /// </summary>
    /// <param name="scan">A scan of one run (or merged runs).</param>
    /// <param name="smoothing">Smoothing of the bucket means (default none); named in the subtitle.</param>
    /// <param name="title">The title (default "Reward curves").</param>
    /// <exception cref="ArgumentException">There is no reward field; the message lists the fields there are.</exception>
    /// <example><code>
    /// var scan = runs["v4/20250726_130714"].Scan();
    /// scan.RewardCurves(Smoothing.Ema(0.6))
    /// </code></example>
    public static Figure RewardCurves(this ScanResult scan, Smoothing? smoothing = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return RewardCurves(scan.Fields, scan.Records, smoothing, title);
    }

    /// <summary>Reward curves of a run: scans it (once; the scan is cached) and draws <see cref="RewardCurves(ScanResult, Smoothing?, string?)"/>.</summary>
    /// <param name="run">The run.</param>
    /// <param name="smoothing">Smoothing of the bucket means (default none).</param>
    /// <param name="title">The title (default "Rewards: " and the run's name).</param>
    /// <example><code>runs["v4/20250726_130714"].RewardCurves(Smoothing.Window(25))</code></example>
    public static Figure RewardCurves(this Run run, Smoothing? smoothing = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        return RewardCurves(run.Scan(), smoothing, title ?? "Rewards: " + run.Name);
    }

    /// <summary>Reward curves from field curves you already have (for example from a saved scan).</summary>
    /// <param name="fields">The numeric fields; the reward ones are picked as for a scan.</param>
    /// <param name="totalRecords">How many records the fields were computed from (the "of M" in the subtitle).</param>
    /// <param name="smoothing">Smoothing of the bucket means (default none).</param>
    /// <param name="title">The title (default "Reward curves").</param>
    /// <example><code>Charts.RewardCurves(scan.Fields, scan.Records, Smoothing.Ema())</code></example>
    public static Figure RewardCurves(IReadOnlyList<FieldCurve> fields, long totalRecords, Smoothing? smoothing = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentOutOfRangeException.ThrowIfNegative(totalRecords);
        smoothing ??= Smoothing.None;
        var shown = PickRewardFields(fields);
        var panels = shown.Select(f => BucketMerge.ToAtMost(f.Buckets, MaxPointsPerTrace)).ToList();
        var traces = new List<Trace>();
        for (var i = 0; i < shown.Count; i++)
            traces.AddRange(PanelTraces(shown[i].Name, panels[i].Buckets, i, smoothing));
        var layout = StackedPanels(shown.Select(f => f.Name).ToList(), title ?? "Reward curves",
            RewardSubtitle(shown[0], panels[0], totalRecords, smoothing), "step");
        return new Figure(traces, layout);
    }

    private static List<FieldCurve> PickRewardFields(IReadOnlyList<FieldCurve> fields)
    {
        var rewards = fields.Where(f => f.IsReward).ToList();
        if (rewards.Count == 0)
        {
            // Aggregated logs name returns rather than rewards (episode_return_mean, ep_rew_mean); means lead.
            rewards = fields.Where(f => f.Name.Contains("reward", StringComparison.OrdinalIgnoreCase) || f.Name.Contains("return", StringComparison.OrdinalIgnoreCase)
                    || f.Name.Contains("ep_rew", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f.Name.Contains("mean", StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        }
        if (rewards.Count == 0)
        {
            var names = fields.Count == 0 ? "(none)" : string.Join(", ", fields.Select(f => f.Name));
            throw new ArgumentException(
                "No reward field to draw: expected rewards.total and rewards.<component> fields, or a field whose name " +
                $"contains 'reward' or 'return'. Numeric fields here: {names}. Map a field to rewards.total with a FieldMap, " +
                "or chart it by name.", nameof(fields));
        }
        // The total first, then the components in the order they came.
        return rewards.OrderBy(f => f.IsRewardTotal ? 0 : 1).ToList();
    }

    private static IEnumerable<Trace> PanelTraces(string name, IReadOnlyList<StepBucket> buckets, int panel, Smoothing smoothing)
    {
        var n = buckets.Count;
        var x = new double?[n];
        var min = new double?[n];
        var max = new double?[n];
        var means = new double[n];
        var position = new double[n];
        var custom = new IReadOnlyList<double?>[n];
        for (var i = 0; i < n; i++)
        {
            var b = buckets[i];
            // Steps are whole numbers: the bucket's mean step rounded to one is exact enough to place it, and short.
            // A bucket of only NaN has no mean step; it sits in its middle (and draws as a gap).
            position[i] = b.Count > 0 ? b.MeanStep : (b.StepStart + b.StepEnd - 1) / 2.0;
            x[i] = Math.Round(position[i], MidpointRounding.AwayFromZero);
            means[i] = b.Mean;
            min[i] = b.Count > 0 ? PlotlyValues.Round9(b.Min) : null;
            max[i] = b.Count > 0 ? PlotlyValues.Round9(b.Max) : null;
            custom[i] = smoothing.Kind == SmoothingKind.None
                ? [b.StepStart, b.StepEnd - 1, b.Count]
                : [b.StepStart, b.StepEnd - 1, b.Count, PlotlyValues.Round9(b.Mean)];
        }
        // Smoothings in x units (time-weighted EMA, Gaussian) get the buckets' unrounded positions: they are strictly
        // increasing (buckets are disjoint), where rounded steps of narrow buckets could repeat.
        var y = (smoothing.NeedsX ? smoothing.Apply(position, means) : smoothing.Apply(means)).Select(PlotlyValues.Round9).ToArray();
        var yRef = Layout.YRef(panel);
        // The band is two traces: the max line (invisible) and the min line filled up to it ("tonexty"). With
        // "x unified" hover, one label lists the mean (with steps and count), min and max of the bucket.
        yield return new ScatterTrace(x, max)
        {
            // A thin visible edge: a one-bucket spike is a sliver of band, but its edge line shows at any zoom.
            Name = name + " max", XAxis = "x", YAxis = yRef, Line = new Line { Width = 0.75, Color = Palette.Edge(panel) },
            HoverTemplate = "max %{y:.4g}<extra></extra>",
        };
        yield return new ScatterTrace(x, min)
        {
            Name = name + " min", XAxis = "x", YAxis = yRef, Fill = "tonexty", FillColor = Palette.Band(panel),
            Line = new Line { Width = 0.75, Color = Palette.Edge(panel) }, HoverTemplate = "min %{y:.4g}<extra></extra>",
        };
        yield return new ScatterTrace(x, y)
        {
            Name = name, XAxis = "x", YAxis = yRef, Line = new Line { Color = Palette.Line(panel), Width = 1.5 },
            // A bucket between two gaps would be invisible as a line alone; short curves get small markers too.
            Mode = n <= 64 ? "lines+markers" : "lines", Marker = n <= 64 ? new Marker { Size = 4, Color = Palette.Line(panel) } : null,
            CustomData = custom, HoverTemplate = HoverTemplate(smoothing),
        };
    }

    private static string HoverTemplate(Smoothing smoothing)
    {
        var steps = "steps %{customdata[0]:,}–%{customdata[1]:,}, count %{customdata[2]:,}<br>";
        return smoothing.Kind == SmoothingKind.None
            ? steps + "mean %{y:.4g}<extra></extra>"
            : steps + "mean %{customdata[3]:.4g}, smoothed %{y:.4g}<extra></extra>";
    }

    private static string RewardSubtitle(FieldCurve first, (IReadOnlyList<StepBucket> Buckets, int Factor) shown, long totalRecords, Smoothing smoothing)
    {
        var width = first.BucketWidth * shown.Factor;
        return string.Create(CultureInfo.InvariantCulture,
            $"{first.Count:N0} of {totalRecords:N0} records shown as exact means of {shown.Buckets.Count:N0} step buckets " +
            $"(width {width:N0} step{(width == 1 ? "" : "s")}); band: min-max per bucket; smoothing: {smoothing.Describe()}");
    }
}
