namespace RunLens.Samples;

/// <summary>Damage the generator does on purpose, so tests can check that a scanner survives it and counts it.</summary>
[Flags]
public enum SyntheticDamage
{
    /// <summary>Clean logs.</summary>
    None = 0,

    /// <summary>
    /// Cuts the last log file of environment 0 of the first run in the middle of its middle record, like a run killed
    /// while writing: that record and every later one in the file are gone.
    /// </summary>
    TruncateFile = 1,

    /// <summary>Inserts one line that is not JSON half-way through the batch-metrics JSONL file.</summary>
    GarbageJsonlLine = 2,

    /// <summary>
    /// Writes bare <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> (as Python does) into some records: in environment 0
    /// of every game run (<c>rewards.stuck</c>, <c>info.hp</c>, <c>rewards.explore</c> and so <c>rewards.total</c>) and in
    /// every 50th metrics line (<c>value_loss</c>, <c>policy_loss</c>, <c>entropy</c>). The records stay valid.
    /// </summary>
    NonFiniteValues = 4,

    /// <summary>All of the above.</summary>
    All = TruncateFile | GarbageJsonlLine | NonFiniteValues,
}
