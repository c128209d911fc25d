namespace RunLens;

/// <summary>
/// How runs are grouped for comparison, the same for curves, final scores and sweeps: by variant, by run, or by
/// the values of hyperparameters. Groups come in order of their values (numbers by size, then text).
/// </summary>
public static class RunGroups
{
    /// <summary>Group by <see cref="RunInfo.Variant"/> (a run without one is its own group, under its name).</summary>
    public const string Variant = "variant";

    /// <summary>Every run its own group.</summary>
    public const string Run = "run";

    private const string NotSet = "(not set)";

    /// <summary>
    /// The runs in groups, in order. <paramref name="groupBy"/> is <see cref="Variant"/>, <see cref="Run"/>, or
    /// hyperparameter names from <see cref="RunInfo.Config"/>, comma-separated (<c>learning_rate</c>,
    /// <c>learning_rate,batch_size</c>): groups are labelled <c>learning_rate=0.0003</c>, and runs without the
    /// hyperparameter group under <c>learning_rate=(not set)</c> with a note.
    /// </summary>
    /// <param name="runs">The runs.</param>
    /// <param name="groupBy">What to group by.</param>
    /// <exception cref="ArgumentException">No run has any of the named hyperparameters (the message lists those there are).</exception>
    /// <example><code>RunGroups.Of(runs, "learning_rate").Select(g => g.Label)</code></example>
    public static IReadOnlyList<RunGroup> Of(IEnumerable<Run> runs, string groupBy)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupBy);
        var list = runs.ToList();
        var keys = KeysOf(list, groupBy);
        return list.GroupBy(r => keys[r].Label, StringComparer.Ordinal)
            .Select(g => (Key: keys[g.First()], Runs: g.ToList()))
            .OrderBy(g => g.Key, KeyOrder.Instance)
            .Select(g => new RunGroup(g.Key.Label, g.Runs,
                g.Runs.Where(r => keys[r].Missing is not null).Select(r => $"{r.Name}: no hyperparameter {keys[r].Missing}; grouped under {NotSet}.").ToList()))
            .ToList();
    }

    /// <summary>True for seed-like keys (seed, random_seed, env_seed, run and trial ids): never a sweep axis.</summary>
    internal static bool IsSeed(string key)
    {
        var leaf = key[(key.LastIndexOf('.') + 1)..];
        return leaf is "seed" or "random_seed" or "env_seed" or "run_id" or "trial_id";
    }

    private static Dictionary<Run, Key> KeysOf(List<Run> runs, string groupBy)
    {
        if (groupBy == Variant)
            return runs.ToDictionary(r => r, r => new Key(r.Variant ?? r.Name, [ConfigValue.Of(r.Variant ?? r.Name)], null));
        if (groupBy == Run)
            return runs.ToDictionary(r => r, r => new Key(r.Name, [ConfigValue.Of(r.Name)], null));
        var names = groupBy.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (runs.Count > 0 && !runs.Any(r => names.Any(r.Info.Config.ContainsKey)))
            throw new ArgumentException(
                $"No run has a hyperparameter named {string.Join(" or ", names)}. Use \"variant\", \"run\" or one of: " +
                string.Join(", ", runs.SelectMany(r => r.Info.Config.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) + ".",
                nameof(groupBy));
        return runs.ToDictionary(r => r, r =>
        {
            var values = names.Select(n => r.Info.Config.TryGetValue(n, out var v) ? (ConfigValue?)v : null).ToArray();
            var missing = names.Where(n => !r.Info.Config.ContainsKey(n)).ToList();
            var label = string.Join(",", names.Select((n, i) => $"{n}={values[i]?.ToString() ?? NotSet}"));
            return new Key(label, values, missing.Count == 0 ? null : string.Join(", ", missing));
        });
    }

    // Values sort the groups (0.0001 before 0.001 before 0.0003 would be text order); the label identifies them.
    private sealed record Key(string Label, IReadOnlyList<ConfigValue?> Values, string? Missing);

    private sealed class KeyOrder : IComparer<Key>
    {
        public static KeyOrder Instance { get; } = new();

        public int Compare(Key? x, Key? y)
        {
            var (a, b) = (x!.Values, y!.Values);
            for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
            {
                var c = CompareValues(a[i], b[i]);
                if (c != 0)
                    return c;
            }
            return string.CompareOrdinal(x.Label, y.Label);
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

/// <summary>One group of runs.</summary>
/// <param name="Label">The group's label: a variant, a run name, or <c>name=value</c> pairs.</param>
/// <param name="Runs">The group's runs.</param>
/// <param name="Notes">Runs grouped under <c>(not set)</c> because they lack a hyperparameter.</param>
public sealed record RunGroup(string Label, IReadOnlyList<Run> Runs, IReadOnlyList<string> Notes);
