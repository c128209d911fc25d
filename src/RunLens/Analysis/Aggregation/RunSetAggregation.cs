namespace RunLens;

/// <summary>Curves of a metric aggregated across seeds, one per variant or hyperparameter setting.</summary>
public static class RunSetAggregation
{
    private const string NotSet = "(not set)";

    /// <summary>
    /// Groups the runs and aggregates each group's <paramref name="metric"/> across its seeds
    /// (<see cref="Aggregate.AcrossSeeds"/>), reading every point of every run (<see cref="Run.Metric"/>).
    /// Runs without the metric are named in their group's <see cref="AggregateCurve.Notes"/>, never dropped silently.
    /// </summary>
    /// <param name="runs">The runs.</param>
    /// <param name="metric">The metric's canonical name, for example <c>rewards.total</c>.</param>
    /// <param name="groupBy">
    /// <c>"variant"</c> (default: the run's variant, or its name when it has none), or hyperparameter names from
    /// <see cref="RunInfo.Config"/>, comma-separated (<c>"learning_rate"</c>, <c>"learning_rate,batch_size"</c>):
    /// groups are labelled <c>learning_rate=0.0003</c>, and runs without the hyperparameter group under
    /// <c>learning_rate=(not set)</c>. Groups come in order of their values (numbers by size).
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
        var keys = KeysOf(runs, groupBy);
        var curves = new List<AggregateCurve>();
        foreach (var group in runs.GroupBy(r => keys[r], GroupKey.Comparer).Order(GroupKeyOrder.Instance))
        {
            var notes = new List<string>();
            var series = new List<Series>();
            foreach (var run in group)
            {
                if (keys[run].Missing is { } missing)
                    notes.Add($"{run.Name}: no hyperparameter {missing}; grouped under {NotSet}.");
                try
                {
                    series.Add(run.Metric(metric));
                }
                catch (KeyNotFoundException)
                {
                    notes.Add($"{run.Name}: no metric {metric}; left out.");
                }
            }
            var curve = Aggregate.AcrossSeeds(group.Key.Label, series, options);
            curves.Add(curve with { Metric = metric, Notes = [.. notes, .. curve.Notes] });
        }
        return curves;
    }

    private static Dictionary<Run, GroupKey> KeysOf(RunSet runs, string groupBy)
    {
        if (groupBy == "variant")
            return runs.ToDictionary(r => r, r => new GroupKey(r.Variant ?? r.Name, [ConfigValue.Of(r.Variant ?? r.Name)], null));
        var names = groupBy.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (runs.Count > 0 && !runs.Any(r => names.Any(r.Info.Config.ContainsKey)))
            throw new ArgumentException(
                $"No run has a hyperparameter named {string.Join(" or ", names)}. Use \"variant\" or one of: " +
                string.Join(", ", runs.SelectMany(r => r.Info.Config.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) + ".",
                nameof(groupBy));
        return runs.ToDictionary(r => r, r =>
        {
            var values = names.Select(n => r.Info.Config.TryGetValue(n, out var v) ? (ConfigValue?)v : null).ToArray();
            var missing = names.Where(n => !r.Info.Config.ContainsKey(n)).ToList();
            var label = string.Join(",", names.Select((n, i) => $"{n}={values[i]?.ToString() ?? NotSet}"));
            return new GroupKey(label, values, missing.Count == 0 ? null : string.Join(", ", missing));
        });
    }

    // Values sort the groups (0.0001 before 0.001 before 0.0003 would be text order); the label identifies them.
    private sealed record GroupKey(string Label, IReadOnlyList<ConfigValue?> Values, string? Missing)
    {
        public static IEqualityComparer<GroupKey> Comparer { get; } = EqualityComparer<GroupKey>.Create(
            (a, b) => a?.Label == b?.Label, k => StringComparer.Ordinal.GetHashCode(k.Label));
    }

    private sealed class GroupKeyOrder : IComparer<IGrouping<GroupKey, Run>>
    {
        public static GroupKeyOrder Instance { get; } = new();

        public int Compare(IGrouping<GroupKey, Run>? x, IGrouping<GroupKey, Run>? y)
        {
            var (a, b) = (x!.Key.Values, y!.Key.Values);
            for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
            {
                var c = CompareValues(a[i], b[i]);
                if (c != 0)
                    return c;
            }
            return string.CompareOrdinal(x.Key.Label, y.Key.Label);
        }

        // Numbers by size, then text; a missing value last.
        private static int CompareValues(ConfigValue? a, ConfigValue? b) => (a, b) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            ({ Number: { } p }, { Number: { } q }) => p.CompareTo(q),
            ({ Number: not null }, _) => -1,
            (_, { Number: not null }) => 1,
            _ => string.CompareOrdinal(a.Value.ToString(), b.Value.ToString()),
        };
    }
}
