namespace RunLens;

/// <summary>
/// Says which logged names play which role (the step, a position, the total reward, a reward component, the
/// environment index), so one lookup finds the same thing in old flat and new nested layouts of a log. A field
/// always keeps the name its tool wrote: a log's <c>reward</c> is listed, charted and framed as <c>reward</c>, and
/// nested objects are their dotted path as written (<c>{"position":{"x":1}}</c> is <c>position.x</c>). The role
/// names below (<see cref="RewardTotal"/>, <see cref="PositionX"/>, <c>rewards.&lt;component&gt;</c>, <c>env</c>) are
/// lookup keys: <c>run.Metric("rewards.total")</c> finds a log's <c>reward</c> or <c>total</c>, the position heatmap
/// finds <c>x</c>/<c>y</c>/<c>map</c>. A name as written always wins over an alias of the same spelling; when two
/// written names play one role in one log, the one spelled as the role name plays it (else the first in ordinal
/// order), both series are kept and the scan's issues say which one plays it.
/// </summary>
/// <example>
/// <code>
/// var map = FieldMap.Default.WithAlias("agent.col", "position.x").WithStep("frame");
/// var runs = Runs.Load("experiments", new LoadOptions { Fields = map });
/// </code>
/// </example>
public sealed record FieldMap
{
    /// <summary>The lookup name of the horizontal position (answered by <c>position.x</c>, <c>x</c>, <c>pos.x</c>).</summary>
    public const string PositionX = "position.x";

    /// <summary>The lookup name of the vertical position (answered by <c>position.y</c>, <c>y</c>, <c>pos.y</c>).</summary>
    public const string PositionY = "position.y";

    /// <summary>The lookup name of the height in 3-D positions (answered by <c>position.z</c>, <c>z</c>, <c>pos.z</c>).</summary>
    public const string PositionZ = "position.z";

    /// <summary>The lookup name of the map or room id (answered by <c>position.map</c>, <c>map</c>, <c>map_id</c>, <c>map_n</c>).</summary>
    public const string PositionMap = "position.map";

    /// <summary>The prefix of reward-component lookup names; <c>rewards.total</c> is the total reward.</summary>
    public const string RewardPrefix = "rewards.";

    /// <summary>The lookup name of the total reward (answered by <c>rewards.total</c>, <c>reward</c>, <c>total</c>).</summary>
    public const string RewardTotal = "rewards.total";

    /// <summary>The lookup name of the environment index (answered by <c>env</c>, <c>env_id</c>, <c>env_idx</c>).</summary>
    public const string Env = "env";

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

    /// <summary>
    /// Exact aliases, from the path as written to the lookup name it answers to (its role). They win over every
    /// other rule. The field keeps its written name; the alias is only another way to find it.
    /// </summary>
    public IReadOnlyDictionary<string, string> Aliases { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["x"] = PositionX, ["y"] = PositionY, ["z"] = PositionZ, ["map"] = PositionMap,
        ["map_id"] = PositionMap, ["map_n"] = PositionMap, ["position.map_id"] = PositionMap,
        ["total"] = RewardTotal, ["reward"] = RewardTotal, ["rewards.reward"] = RewardTotal,
        ["env_id"] = Env, ["env_idx"] = Env, ["env_index"] = Env,
    };

    /// <summary>Path prefixes aliased as a whole: <c>pos.x</c> answers to <c>position.x</c>, <c>reward.event</c> and <c>reward_event</c> to <c>rewards.event</c>.</summary>
    public IReadOnlyDictionary<string, string> PrefixAliases { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pos."] = "position.", ["reward."] = "rewards.", ["reward_"] = "rewards.",
    };

    /// <summary>Root-level names that are reward components in flat JSON logs (they answer to <c>rewards.&lt;name&gt;</c>).</summary>
    public IReadOnlyList<string> RewardComponents { get; init; } =
        ["event", "level", "heal", "badge", "explore", "dead", "stuck", "op_lvl"];

    /// <summary>A copy where <paramref name="path"/> as written also answers to <paramref name="canonical"/> (and plays its role).</summary>
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

    /// <summary>
    /// The lookup name (role) a dotted path as written in a JSON log answers to, or the path itself when it plays no
    /// role. The field is still named <paramref name="path"/>.
    /// </summary>
    public string Canonical(string path)
    {
        if (Renamed(path) is { } renamed)
            return renamed;
        if (!path.Contains('.') && RewardComponents.Contains(path))
            return RewardPrefix + path;
        return path;
    }

    /// <summary>
    /// The lookup name of a metric named whole by a tool (a CSV column, a TensorBoard tag, an MLflow key): the
    /// same aliases as <see cref="Canonical"/> except <see cref="RewardComponents"/>, which describe flat JSON game
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
    /// The role a lookup name (from <see cref="Canonical"/> or <see cref="CanonicalWhole"/>) stands for.
    /// </summary>
    public FieldRole RoleOf(string lookupName)
    {
        ArgumentNullException.ThrowIfNull(lookupName);
        return lookupName switch
        {
            PositionX => FieldRole.PositionX,
            PositionY => FieldRole.PositionY,
            PositionZ => FieldRole.PositionZ,
            PositionMap => FieldRole.PositionMap,
            RewardTotal => FieldRole.RewardTotal,
            Env => FieldRole.Env,
            _ when lookupName.Length > RewardPrefix.Length && lookupName.StartsWith(RewardPrefix, StringComparison.Ordinal) => FieldRole.RewardComponent,
            _ when StepFields.Contains(lookupName) => FieldRole.Step,
            _ => FieldRole.None,
        };
    }

    /// <summary>
    /// The rank of a field among the step fields (0 is best), or -1 when it is not a step field.
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

/// <summary>What a logged field stands for, whatever its name (see <see cref="FieldMap.RoleOf"/>).</summary>
public enum FieldRole
{
    /// <summary>No special role: an ordinary metric.</summary>
    None,

    /// <summary>The record's step.</summary>
    Step,

    /// <summary>The horizontal position (<see cref="FieldMap.PositionX"/>).</summary>
    PositionX,

    /// <summary>The vertical position (<see cref="FieldMap.PositionY"/>).</summary>
    PositionY,

    /// <summary>The height (<see cref="FieldMap.PositionZ"/>).</summary>
    PositionZ,

    /// <summary>The map or room id (<see cref="FieldMap.PositionMap"/>).</summary>
    PositionMap,

    /// <summary>The total reward (<see cref="FieldMap.RewardTotal"/>).</summary>
    RewardTotal,

    /// <summary>One component of the reward (<c>rewards.&lt;component&gt;</c>).</summary>
    RewardComponent,

    /// <summary>The environment index (<see cref="FieldMap.Env"/>).</summary>
    Env,
}
