namespace RunLens;

/// <summary>How <see cref="Runs.Load(string, LoadOptions?)"/> finds and reads runs.</summary>
public sealed record LoadOptions
{
    /// <summary>The defaults: <see cref="FieldMap.Default"/>.</summary>
    public static LoadOptions Default { get; } = new();

    /// <summary>Which logged names play which role (step, position, total reward, ...); fields keep their names as written.</summary>
    public FieldMap Fields { get; init; } = FieldMap.Default;

    /// <summary>
    /// Which TensorBoard values are left out as TensorBoard itself leaves them out (a run resumed from a checkpoint
    /// repeats steps): <see cref="TensorBoardDiscards.EventAccumulator"/> (the default), the data server's rule, or none.
    /// </summary>
    public TensorBoardDiscards TensorBoardDiscards { get; init; } = TensorBoardDiscards.EventAccumulator;

    /// <summary>
    /// How run folders name their variant and seed, when the guess from common layouts is not right: a pattern of
    /// folder names such as <c>{algo}/{env}_seed{seed}</c> or <c>{variant}/{timestamp}</c>, matched against the end
    /// of each run's folder path relative to the loaded folder. <c>{variant}</c>, <c>{seed}</c> (digits) and
    /// <c>{timestamp}</c> set those; <c>{algo}</c> and <c>{env}</c> make the variant <c>algo/env</c> (and are kept
    /// as tags); any other <c>{name}</c> becomes a config value (a number when it reads as one). Null: guess.
    /// </summary>
    /// <remarks>
    /// The pattern wins over the tool's own identity and over the guess. A run it does not match keeps its guess,
    /// with a note; a pattern that matches no run at all makes <see cref="Runs.Load"/> throw.
    /// </remarks>
    public string? Layout { get; init; }

    /// <summary>
    /// Reads a file under every path that reaches it, hard links included (normally one file is read once). For the
    /// benchmarks only: their experiments beyond 2 GB hard-link the same files into more runs to save disk.
    /// </summary>
    internal bool ReadHardLinksAsFiles { get; init; }
}

/// <summary>Which TensorBoard values a run leaves out, as one of TensorBoard's readers does.</summary>
public enum TensorBoardDiscards
{
    /// <summary>
    /// As TensorBoard's <c>EventAccumulator</c> (its Python reader): a SessionLog START discards every tag's earlier
    /// values at steps at least its step; in logs without a file version, a step that goes back discards its tags'.
    /// </summary>
    EventAccumulator,

    /// <summary>As TensorBoard's data server (the web UI's reader): per tag, a value preempts earlier values at steps not below its own.</summary>
    DataServer,

    /// <summary>Every value is kept.</summary>
    None,
}
