namespace RunLens;

/// <summary>How <see cref="Runs.Load(string, LoadOptions?)"/> finds and reads runs.</summary>
public sealed record LoadOptions
{
    /// <summary>The defaults: <see cref="FieldMap.Default"/>.</summary>
    public static LoadOptions Default { get; } = new();

    /// <summary>How field paths map to canonical names and which field is the step.</summary>
    public FieldMap Fields { get; init; } = FieldMap.Default;

    /// <summary>
    /// Keep the TensorBoard values its default reader discards (a value preempted by a later value of its tag at a
    /// lower or equal step, as in a run resumed from a checkpoint). False (the default) shows runs as TensorBoard does.
    /// </summary>
    public bool KeepPreempted { get; init; }
}
