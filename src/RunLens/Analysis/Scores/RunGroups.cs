namespace RunLens;

/// <summary>How runs are grouped for comparison: by variant, by run, or by the value of one hyperparameter.</summary>
public static class RunGroups
{
    /// <summary>Group by <see cref="RunInfo.Variant"/> (the folder above the timestamp folder).</summary>
    public const string Variant = "variant";

    /// <summary>Every run its own group.</summary>
    public const string Run = "run";

    /// <summary>
    /// The group of a run: its variant, its name, or <c>name=value</c> of a hyperparameter in
    /// <see cref="RunInfo.Config"/> (an exact key, else the one key ending in <c>.name</c>). Null when the run has no
    /// such value.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="groupBy"><see cref="Variant"/>, <see cref="Run"/> or a hyperparameter name such as <c>learning_rate</c>.</param>
    public static string? Of(Run run, string groupBy)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupBy);
        if (groupBy == Variant)
            return run.Variant;
        if (groupBy == Run)
            return run.Name;
        return ValueOf(run, groupBy) is { } value ? groupBy + "=" + value : null;
    }

    /// <summary>The value of a hyperparameter of a run: an exact key, else the single key ending in <c>.name</c>.</summary>
    public static ConfigValue? ValueOf(Run run, string name)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Info.Config.TryGetValue(name, out var exact))
            return exact;
        var nested = run.Info.Config.Where(p => p.Key.EndsWith("." + name, StringComparison.Ordinal)).Take(2).ToList();
        return nested.Count == 1 ? nested[0].Value : null;
    }

    /// <summary>True for seed-like keys (seed, random_seed, env_seed, run and trial ids): never a sweep axis.</summary>
    internal static bool IsSeed(string key)
    {
        var leaf = key[(key.LastIndexOf('.') + 1)..];
        return leaf is "seed" or "random_seed" or "env_seed" or "run_id" or "trial_id";
    }
}
