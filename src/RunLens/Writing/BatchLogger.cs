using System.Text.Json;

namespace RunLens;

/// <summary>
/// Logs the finished episodes of a vectorised training update. Every <see cref="BatchLoggingOptions.LogFrequency"/>
/// updates it writes aggregates through <see cref="RunWriter.LogScalars"/> (step = update):
/// <c>episode_return_mean</c>, <c>episode_return_std</c> (population), <c>episode_return_min</c>, <c>episode_return_max</c>,
/// the same four for <c>episode_length</c>, <c>success_rate</c>, <c>episodes</c>, then the extra scalars (losses,
/// gradient norm, entropy). Every <see cref="BatchLoggingOptions.SampleFrequency"/> updates it appends
/// <see cref="BatchLoggingOptions.NumSamples"/> episodes, drawn without replacement and deterministic for a given
/// seed and update, to <c>episodes.jsonl</c>:
/// <c>{"update":40,"episode":3,"return":12.5,"length":200,"success":true}</c> (episode = index in the batch, ascending).
/// Holds no mutable state; thread-safe through the run writer's lock.
/// </summary>
/// <example>
/// <code>
/// var batches = new BatchLogger(run, new BatchLoggingOptions(LogFrequency: 1, SampleFrequency: 10, NumSamples: 4, Seed: 7));
/// batches.LogBatch(update, returns, lengths, success, [new("policy_loss", 0.02), new("grad_norm", 0.5)]);
/// </code>
/// </example>
public sealed class BatchLogger
{
    private static readonly string[] BuiltIn =
    [
        "episode_return_mean", "episode_return_std", "episode_return_min", "episode_return_max",
        "episode_length_mean", "episode_length_std", "episode_length_min", "episode_length_max",
        "success_rate", "episodes",
    ];

    private readonly RunWriter _writer;

    /// <summary>Creates a logger that writes through <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A frequency is below 1, or NumSamples is outside 0 to 10,000.</exception>
    public BatchLogger(RunWriter writer, BatchLoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _writer = writer;
        Options = options;
    }

    /// <summary>The frequencies, sample size and seed.</summary>
    public BatchLoggingOptions Options { get; }

    /// <summary>
    /// Logs the episodes that finished in one update; writes only on updates the frequencies select, but checks
    /// every call. The three spans hold one entry per finished episode.
    /// </summary>
    /// <param name="update">The update number, not negative; used as the step of the aggregates.</param>
    /// <param name="returns">Each episode's return (finite).</param>
    /// <param name="lengths">Each episode's length in steps (finite).</param>
    /// <param name="success">Whether each episode succeeded.</param>
    /// <param name="extra">Further scalars of the update, written after the aggregates; names must differ from theirs.</param>
    /// <exception cref="ArgumentException">The batch is empty, the spans differ in length, a value is not finite, or an
    /// extra name clashes with an aggregate.</exception>
    public void LogBatch(long update, ReadOnlySpan<double> returns, ReadOnlySpan<double> lengths, ReadOnlySpan<bool> success,
        IReadOnlyList<KeyValuePair<string, double>>? extra = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(update);
        Check(returns, lengths, success, extra);
        if (update % Options.LogFrequency == 0)
            _writer.LogScalars(update, Aggregate(returns, lengths, success, extra));
        if (update % Options.SampleFrequency == 0 && Options.NumSamples > 0)
            WriteSample(update, returns, lengths, success);
    }

    private static void Check(ReadOnlySpan<double> returns, ReadOnlySpan<double> lengths, ReadOnlySpan<bool> success,
        IReadOnlyList<KeyValuePair<string, double>>? extra)
    {
        if (returns.IsEmpty)
            throw new ArgumentException("The batch is empty: pass at least one finished episode (skip the call when none finished).", nameof(returns));
        if (lengths.Length != returns.Length || success.Length != returns.Length)
            throw new ArgumentException(
                $"returns, lengths and success must hold one entry per episode, but have {returns.Length}, {lengths.Length} and {success.Length}.",
                nameof(lengths));
        CheckFinite(returns, nameof(returns));
        CheckFinite(lengths, nameof(lengths));
        if (extra is null)
            return;
        foreach (var (name, _) in extra)
        {
            if (Array.IndexOf(BuiltIn, name) >= 0)
                throw new ArgumentException($"The extra scalar '{name}' clashes with an aggregate the batch logger writes; rename it.", nameof(extra));
        }
    }

    private static void CheckFinite(ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                LogJson.ThrowNonFinite($"{name}[{i}]", values[i], name);
        }
    }

    private static List<KeyValuePair<string, double>> Aggregate(ReadOnlySpan<double> returns, ReadOnlySpan<double> lengths,
        ReadOnlySpan<bool> success, IReadOnlyList<KeyValuePair<string, double>>? extra)
    {
        var scalars = new List<KeyValuePair<string, double>>(BuiltIn.Length + (extra?.Count ?? 0));
        AddStats(scalars, "episode_return", returns);
        AddStats(scalars, "episode_length", lengths);
        var successes = 0;
        foreach (var s in success)
            successes += s ? 1 : 0;
        scalars.Add(new("success_rate", (double)successes / success.Length));
        scalars.Add(new("episodes", returns.Length));
        if (extra is not null)
            scalars.AddRange(extra);
        return scalars;
    }

    private static void AddStats(List<KeyValuePair<string, double>> into, string prefix, ReadOnlySpan<double> values)
    {
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        var mean = sum / values.Length;
        // Two passes: the population variance of the deviations, which stays exact for large, close values.
        double squares = 0;
        foreach (var v in values)
            squares += (v - mean) * (v - mean);
        into.Add(new(prefix + "_mean", mean));
        into.Add(new(prefix + "_std", Math.Sqrt(squares / values.Length)));
        into.Add(new(prefix + "_min", min));
        into.Add(new(prefix + "_max", max));
    }

    private void WriteSample(long update, ReadOnlySpan<double> returns, ReadOnlySpan<double> lengths, ReadOnlySpan<bool> success)
    {
        var picked = EpisodeSampler.Pick(returns.Length, Options.NumSamples, Options.Seed, update);
        var rows = new (long Update, int Episode, double Return, double Length, bool Success)[picked.Length];
        for (var i = 0; i < picked.Length; i++)
        {
            var e = picked[i];
            rows[i] = (update, e, returns[e], lengths[e], success[e]);
        }
        lock (_writer.Gate)
        {
            foreach (var row in rows)
                _writer.AppendLine("episodes.jsonl", row, WriteRow);
        }
    }

    private static void WriteRow(Utf8JsonWriter json, (long Update, int Episode, double Return, double Length, bool Success) row)
    {
        json.WriteStartObject();
        json.WriteNumber("update", row.Update);
        json.WriteNumber("episode", row.Episode);
        json.WriteNumber("return", row.Return);
        json.WriteNumber("length", row.Length);
        json.WriteBoolean("success", row.Success);
        json.WriteEndObject();
    }
}
