using System.Globalization;
namespace RunLens;

/// <summary>Curves of a metric aggregated across seeds, one per variant or hyperparameter setting.</summary>
public static class RunSetAggregation
{
    /// <summary>
    /// Groups the runs and aggregates each group's <paramref name="metric"/> across its seeds
    /// (<see cref="Aggregate.AcrossSeeds"/>), reading every point of every run (<see cref="Run.Metric"/>).
    /// Runs without the metric are named in their group's <see cref="AggregateCurve.Notes"/>, never dropped silently.
    /// </summary>
    /// <param name="runs">The runs.</param>
    /// <param name="metric">The metric's name as logged or a role lookup name, for example <c>rewards.total</c>.</param>
    /// <param name="groupBy">
    /// <c>"variant"</c> (default: the run's variant, or its name when it has none), <c>"run"</c>, or hyperparameter
    /// names, comma-separated (<c>"learning_rate,batch_size"</c>); see <see cref="RunGroups.Of"/>.
    /// </param>
    /// <param name="options">Center, band, grid, smoothing; null for <see cref="AggregateOptions.Default"/>.</param>
    /// <returns>One curve per group.</returns>
    /// <exception cref="ArgumentException">No run has any of the named hyperparameters (the message lists those there are).</exception>
    /// <example><code>runs.AggregateCurves("metrics.episode_return_mean", groupBy: "learning_rate")</code></example>
    public static IReadOnlyList<AggregateCurve> AggregateCurves(
        this RunSet runs, string metric, string groupBy = "variant", AggregateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupBy);
        var curves = new List<AggregateCurve>();
        var groups = RunGroups.Of(runs, groupBy);
        var total = groups.Sum(g => g.Runs.Count);
        using var live = LiveProgress.Begin(string.Create(CultureInfo.InvariantCulture, $"Reading {metric} from {total:N0} runs"));
        var done = 0;
        foreach (var group in groups)
        {
            var notes = new List<string>(group.Notes);
            var series = new List<Series>();
            foreach (var run in group.Runs)
            {
                live.Report("Curves", (double)done++ / total, string.Create(CultureInfo.InvariantCulture, $"{done - 1:N0}/{total:N0} runs, now {run.Name}"));
                try
                {
                    // The metric and its x field in one pass over the run's files.
                    var read = options?.X is { } x ? run.Metrics(metric, x) : [run.Metric(metric)];
                    series.Add(options?.X is { } onX ? OnX(run, read[0], read[1], onX, notes) : read[0]);
                }
                catch (KeyNotFoundException)
                {
                    notes.Add($"{run.Name}: no metric {(options?.X is { } x && metric != x ? metric + " or " + x : metric)}; left out.");
                }
            }
            var curve = Aggregate.AcrossSeeds(group.Label, series, options);
            curves.Add(curve with { Metric = metric, X = options?.X ?? "step", Notes = [.. notes, .. curve.Notes] });
        }
        live.Complete(string.Create(CultureInfo.InvariantCulture, $"Read {metric} from {total:N0} runs in {live.Elapsed.TotalSeconds:0.0} s"));
        return curves;
    }

    // The run's points placed at the x field's value logged at the same step (the last one when a step repeats).
    private static Series OnX(Run run, Series values, Series xs, string x, List<string> notes)
    {
        var at = new Dictionary<long, double>();
        foreach (var point in xs.Points)
        {
            if (double.IsFinite(point.Value))
                at[point.Step] = point.Value;
        }
        var placed = values.Points.Where(p => at.ContainsKey(p.Step))
            .Select(p => p with { Step = (long)Math.Round(at[p.Step], MidpointRounding.AwayFromZero) })
            .OrderBy(p => p.Step).ToList();
        if (placed.Count < values.Points.Count)
            notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{run.Name}: {values.Points.Count - placed.Count} of {values.Points.Count} points have no {x} at their step; left out."));
        return values with { Points = placed };
    }
}
