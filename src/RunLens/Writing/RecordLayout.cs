namespace RunLens;

/// <summary>How a per-step record is laid out in a JSON log. Both layouts answer the same lookups (<c>rewards.total</c>, <c>position.x</c>), each under its own names.</summary>
public enum RecordLayout
{
    /// <summary>
    /// The older layout: every field at the root (<c>{"step":12,"env_id":3,"x":19,...,"total":0.06,"event":0.005,...}</c>).
    /// It has no <c>info</c> block, so action and hp are not written.
    /// </summary>
    Flat,

    /// <summary>
    /// The newer layout: <c>{"step":12,"env":3,"position":{...},"rewards":{...},"info":{"action":2,"hp":0.8}}</c>.
    /// </summary>
    Nested,
}
