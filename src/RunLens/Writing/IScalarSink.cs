namespace RunLens;

/// <summary>
/// A destination for a training run's scalars and hyperparameters in one log format (JSONL, TensorBoard event
/// files, an MLflow file store), so one training loop can write several formats at once through a
/// <c>RunWriter</c>. Implementations are not thread-safe; the run writer serialises calls.
/// </summary>
public interface IScalarSink : IDisposable
{
    /// <summary>Records the run's hyperparameters (once, before any scalar).</summary>
    void WriteHyperparameters(IReadOnlyList<KeyValuePair<string, string>> hyperparameters);

    /// <summary>Writes the scalars of one step. <paramref name="wallTime"/> is seconds since the Unix epoch.</summary>
    void WriteScalars(long step, double wallTime, IReadOnlyList<KeyValuePair<string, double>> scalars);

    /// <summary>Makes everything written so far durable (complete records on disk).</summary>
    void Flush();
}
