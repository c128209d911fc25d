using RunLens.Fields;

namespace RunLens.Loading.Episodes;

/// <summary>What a per-step field means when episodes are cut from step records.</summary>
internal enum StepFieldKind : byte
{
    /// <summary>Not classified yet (ids are assigned as the readers meet fields).</summary>
    Unknown,
    Step,
    Env,
    Episode,
    Done,
    X,
    Y,
    Z,
    Map,
    RewardTotal,
    RewardComponent,
    Action,
    Track,
}

/// <summary>Classifies fields (by the role their alias names, else by their name) for <see cref="StepEpisodeReader"/>, once per field id.</summary>
internal sealed class StepFields(FieldTable fields)
{
    /// <summary>Fields whose change starts a new episode.</summary>
    public static readonly string[] EpisodeNames = ["episode", "episode_id", "episode_idx", "episode_index", "info.episode", "info.episode_id"];

    /// <summary>Fields whose true (non-zero) value ends the episode after that record.</summary>
    public static readonly string[] DoneNames = ["done", "dones", "terminated", "truncated", "terminal", "info.done", "info.terminated", "info.truncated"];

    /// <summary>
    /// Fields holding the action taken. The FieldMap keeps them as written: nested logs give <c>info.action</c>,
    /// PokemonRed's agent_stats <c>last_action</c>.
    /// </summary>
    public static readonly string[] ActionNames = ["action", "info.action", "last_action", "actions"];

    private StepFieldKind[] _kinds = new StepFieldKind[64];

    public StepFields Refresh()
    {
        if (_kinds.Length < fields.FieldCount)
            Array.Resize(ref _kinds, Math.Max(fields.FieldCount, _kinds.Length * 2));
        return this;
    }

    /// <summary>The kind of a field id seen in a record (call <see cref="Refresh"/> after each read first).</summary>
    public StepFieldKind this[int id]
    {
        get
        {
            var kind = _kinds[id];
            if (kind == StepFieldKind.Unknown)
                _kinds[id] = kind = Classify(fields.Names[id], fields.Aliases[id], fields.StepRank(id) >= 0);
            return kind;
        }
    }

    /// <summary>True when any field of the given kind has been met.</summary>
    public bool Seen(string[] names) => names.Any(n => fields.IdOf(n) >= 0);

    // Roles come from the alias (a flat log's x plays position.x); episode, done and action names are as written.
    private static StepFieldKind Classify(string name, string alias, bool isStep) => alias switch
    {
        _ when isStep => StepFieldKind.Step,
        FieldMap.Env => StepFieldKind.Env,
        FieldMap.PositionX => StepFieldKind.X,
        FieldMap.PositionY => StepFieldKind.Y,
        FieldMap.PositionZ => StepFieldKind.Z,
        FieldMap.PositionMap => StepFieldKind.Map,
        FieldMap.RewardTotal => StepFieldKind.RewardTotal,
        _ when alias.StartsWith(FieldMap.RewardPrefix, StringComparison.Ordinal) => StepFieldKind.RewardComponent,
        _ when EpisodeNames.Contains(name) => StepFieldKind.Episode,
        _ when DoneNames.Contains(name) => StepFieldKind.Done,
        _ when ActionNames.Contains(name) => StepFieldKind.Action,
        _ => StepFieldKind.Track,
    };
}
