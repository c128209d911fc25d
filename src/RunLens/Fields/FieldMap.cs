namespace RunLens;

/// <summary>
/// Maps the field paths a log writes to canonical names, so old flat and new nested layouts of the same log read
/// the same. Nested objects flatten to dotted paths (<c>{"position":{"x":1}}</c> is <c>position.x</c>); root-level
/// aliases then move flat names to their nested home (<c>x</c> to <c>position.x</c>, <c>total</c> and
/// <c>reward_event</c> to <c>rewards.*</c>, <c>env_id</c> to <c>env</c>).
/// </summary>
/// <example>
/// <code>
/// var map = FieldMap.Default.WithAlias("agent.col", "position.x").WithStep("frame");
/// var runs = Runs.Load("experiments", new LoadOptions { Fields = map });
/// </code>
/// </example>
public sealed record FieldMap
{
    /// <summary>The canonical name of the horizontal position.</summary>
    public const string PositionX = "position.x";

    /// <summary>The canonical name of the vertical position.</summary>
    public const string PositionY = "position.y";

    /// <summary>The canonical name of the height (3-D positions).</summary>
    public const string PositionZ = "position.z";

    /// <summary>The canonical name of the map or room id.</summary>
    public const string PositionMap = "position.map";

    /// <summary>The prefix of reward components; <c>rewards.total</c> is the total reward.</summary>
    public const string RewardPrefix = "rewards.";

    /// <summary>The canonical name of the total reward.</summary>
    public const string RewardTotal = "rewards.total";

    /// <summary>
    /// The default mapping: step names <c>step, global_step, timesteps, total_timesteps, time/total_timesteps,
    /// misc/total_timesteps, timesteps_total, num_env_steps_sampled_lifetime, env_runners.num_env_steps_sampled_lifetime,
    /// num_env_steps_sampled, _step, update_step, ppo_update, training_iteration, update, iteration</c> (first present
    /// wins); positions
    /// <c>x, y, z, map</c> and <c>pos.*</c>/<c>map_id</c>/<c>map_n</c>; rewards <c>total</c>, <c>reward</c>,
    /// <c>reward_*</c>, <c>reward.*</c> and the bare components <c>event, level, heal, badge, explore, dead, stuck,
    /// op_lvl</c>; environment index <c>env_id</c>/<c>env_idx</c>.
    /// </summary>
    public static FieldMap Default { get; } = new();

    /// <summary>Field names that give a record's step, best first. The first one present in a record is its step.</summary>
    public IReadOnlyList<string> StepFields { get; init; } =
    [
        "step", "global_step", "timesteps", "total_timesteps", "time/total_timesteps", "misc/total_timesteps", "timesteps_total",
        // RLlib's new API stack (Ray 2.10+) counts environment steps here instead of timesteps_total.
        "num_env_steps_sampled_lifetime", "env_runners.num_env_steps_sampled_lifetime", "num_env_steps_sampled",
        "_step", "update_step", "ppo_update", "training_iteration", "update", "iteration",
    ];

    /// <summary>Exact renames, from the path as written to the canonical path. They win over every other rule.</summary>
    public IReadOnlyDictionary<string, string> Aliases { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["x"] = PositionX, ["y"] = PositionY, ["z"] = PositionZ, ["map"] = PositionMap,
        ["map_id"] = PositionMap, ["map_n"] = PositionMap, ["position.map_id"] = PositionMap,
        ["total"] = RewardTotal, ["reward"] = RewardTotal, ["rewards.reward"] = RewardTotal,
        ["env_id"] = "env", ["env_idx"] = "env", ["env_index"] = "env",
    };

    /// <summary>Path prefixes renamed as a whole: <c>pos.</c> to <c>position.</c>, <c>reward.</c> to <c>rewards.</c>.</summary>
    public IReadOnlyDictionary<string, string> PrefixAliases { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pos."] = "position.", ["reward."] = "rewards.", ["reward_"] = "rewards.",
    };

    /// <summary>Root-level names that are reward components in flat logs (mapped to <c>rewards.&lt;name&gt;</c>).</summary>
    public IReadOnlyList<string> RewardComponents { get; init; } =
        ["event", "level", "heal", "badge", "explore", "dead", "stuck", "op_lvl"];

    /// <summary>A copy with one more exact rename.</summary>
    public FieldMap WithAlias(string path, string canonical)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(canonical);
        var aliases = new Dictionary<string, string>(Aliases, StringComparer.Ordinal) { [path] = canonical };
        return this with { Aliases = aliases };
    }

    /// <summary>A copy where <paramref name="field"/> is the best step field.</summary>
    public FieldMap WithStep(string field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        return this with { StepFields = [field, .. StepFields.Where(f => f != field)] };
    }

    /// <summary>The canonical name of a dotted path as written in a log.</summary>
    public string Canonical(string path)
    {
        if (Renamed(path) is { } renamed)
            return renamed;
        if (!path.Contains('.') && RewardComponents.Contains(path))
            return RewardPrefix + path;
        return path;
    }

    /// <summary>
    /// The canonical name of a metric named whole by a tool (a CSV column, a TensorBoard tag, an MLflow key): the
    /// same renames as <see cref="Canonical"/> except <see cref="RewardComponents"/>, which describe flat JSON game
    /// logs. A CSV's <c>event</c> or <c>badge</c> column counts events or badges; it is not a reward.
    /// </summary>
    public string CanonicalWhole(string name) => Renamed(name) ?? name;

    /// <summary>The name after the exact, step and prefix rules; null when none applies.</summary>
    private string? Renamed(string path)
    {
        if (Aliases.TryGetValue(path, out var alias))
            return alias;
        if (StepFields.Contains(path))
            return path;
        foreach (var (prefix, replacement) in PrefixAliases)
        {
            if (path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal))
                return replacement + path[prefix.Length..];
        }
        return null;
    }

    /// <summary>
    /// The rank of a canonical field among the step fields (0 is best), or -1 when it is not a step field.
    /// </summary>
    public int StepRank(string canonical)
    {
        for (var i = 0; i < StepFields.Count; i++)
        {
            if (StepFields[i] == canonical)
                return i;
        }
        return -1;
    }
}
