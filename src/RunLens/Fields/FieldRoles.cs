namespace RunLens.Fields;

/// <summary>
/// Which of several logged names answers a lookup. One rule everywhere (field tables, scans, metric reads), so a
/// scan and a metric read of the same run agree on which series is "the total reward".
/// </summary>
internal static class FieldRoles
{
    /// <summary>
    /// The written name that answers <paramref name="lookup"/> among fields given as (written name, alias): the
    /// field written exactly as the lookup (a log's own <c>rewards.total</c> beats its <c>reward</c>); else, of those
    /// whose alias is the lookup, the first in ordinal order (deterministic whatever order files were read in).
    /// Null when none answers.
    /// </summary>
    public static string? Answer(IEnumerable<(string Name, string Alias)> fields, string lookup)
    {
        string? best = null;
        foreach (var (name, alias) in fields)
        {
            if (name == lookup)
                return name;
            if (alias == lookup && (best is null || string.CompareOrdinal(name, best) < 0))
                best = name;
        }
        return best;
    }

    /// <summary>
    /// One note per lookup name that more than one written name answers to (for example both <c>reward</c> and
    /// <c>total</c> answer to <c>rewards.total</c>), saying which one plays the role; both series are kept.
    /// </summary>
    public static IEnumerable<string> Shared(IEnumerable<(string Name, string Alias)> fields)
    {
        var list = fields.ToList();
        foreach (var group in list.Where(f => f.Name != f.Alias).GroupBy(f => f.Alias, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var names = group.Select(f => f.Name).ToList();
            if (list.Any(f => f.Name == group.Key))
                names.Add(group.Key);
            if (names.Count < 2)
                continue;
            names.Sort(StringComparer.Ordinal);
            var player = Answer(list, group.Key)!;
            yield return $"'{string.Join("', '", names)}' all answer to '{group.Key}'; '{player}' plays it (each keeps its own series)";
        }
    }
}
