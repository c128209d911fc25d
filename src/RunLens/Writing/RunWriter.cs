using System.Globalization;
using System.Text.Json;
using RunLens.Formats.Json;

namespace RunLens;

/// <summary>
/// Writes a training run that <see cref="Runs.Load"/> reads back, from a .NET training loop. The folder layout:
/// <code>
/// &lt;run&gt;/status.json                "running" from <see cref="Create"/>, "finished" from <see cref="Dispose"/>
/// &lt;run&gt;/config.json                hyperparameters (<see cref="WriteConfig"/>)
/// &lt;run&gt;/metrics.jsonl              {"step":..,"wall_time":..,"metrics":{...}} per <see cref="LogScalars"/> call
/// &lt;run&gt;/json_logs/steps_0000.json  per-step records (<see cref="LogStep"/>), a JSON array per chunk
/// &lt;run&gt;/episodes.jsonl             sampled episodes (<see cref="BatchLogger"/>)
/// &lt;run&gt;/snapshots/                  episode snapshots and index.jsonl (<see cref="SnapshotLogger"/>)
/// &lt;run&gt;/checkpoints/, tensorboard/, plots/   created empty for the training code and extra sinks
/// </code>
/// Thread-safe: every public member takes one lock, so several threads may log at once; lines and records are
/// never interleaved. Crash behaviour: a killed process leaves complete lines and records, plus at most one
/// truncated last record in the open <c>json_logs/</c> chunk. Lines and records reach the file whole, in blocks, so
/// a watch never reads half of one; everything is pushed to disk when a chunk is completed, on <see cref="Flush"/>
/// (call it at checkpoints) and every <see cref="RunWriterOptions.FlushInterval"/>, so a watch sees new records
/// within seconds. <c>status.json</c> says whether the run is still written: a watch stops when it says "finished";
/// a killed trainer leaves "running", and the watch stops after its idle timeout.
/// </summary>
/// <example>
/// <code>
/// using var run = RunWriter.Create("experiments/ppo/20260101_120000", new RunWriterOptions { RecordsPerFile = 50_000 });
/// run.WriteConfig([new("learning_rate", 3e-4), new("seed", 1), new("env", "Explore-v0")]);
/// run.LogScalars(2048, [new("policy_loss", 0.01), new("entropy", 1.2)]);
/// run.LogStep(new GameStepRecord(12, 0, 19, 9, 40, new RewardComponents(0.005, 0, 0, 0, 0.05, 0, 0), 2, 0.8));
/// </code>
/// </example>
public sealed partial class RunWriter : IDisposable
{
    private static readonly string[] Folders = ["checkpoints", "tensorboard", "plots", "json_logs"];

    private readonly object _gate = new();
    private readonly Func<double> _clock;
    private readonly Dictionary<string, JsonLineFile> _lineFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<int, RecordChunks> _chunksByEnv = [];
    private RecordChunks? _chunks;
    private readonly Timer? _flushTimer;
    private bool _configWritten;
    private bool _scalarsWritten;
    private bool _disposed;

    private RunWriter(string directory, RunWriterOptions options)
    {
        Directory = directory;
        Options = options;
        _clock = options.Clock;
        WriteStatus(new RunStatusDocument(RunStatusFile.Running));
        if (options.FlushInterval != Timeout.InfiniteTimeSpan)
            _flushTimer = new Timer(_ => TimedFlush(), null, options.FlushInterval, options.FlushInterval);
    }

    /// <summary>
    /// Creates the run folder (and <c>checkpoints/</c>, <c>tensorboard/</c>, <c>plots/</c>, <c>json_logs/</c>) and a
    /// writer for it. An existing run is continued: JSONL files are appended to, and new record chunks are numbered
    /// after the existing ones.
    /// </summary>
    /// <param name="runDirectory">The run's folder; created with its parents if missing.</param>
    /// <param name="options">Layout, rotation, extra sinks and clock; null for the defaults.</param>
    /// <exception cref="ArgumentException">The folder name is empty or an option is out of range.</exception>
    public static RunWriter Create(string runDirectory, RunWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        options ??= new RunWriterOptions();
        options.Validate();
        var full = Path.GetFullPath(runDirectory);
        foreach (var folder in Folders)
            System.IO.Directory.CreateDirectory(Path.Combine(full, folder));
        return new RunWriter(full, options);
    }

    /// <summary>The run's folder, as a full path.</summary>
    public string Directory { get; }

    /// <summary>The options the writer was created with.</summary>
    public RunWriterOptions Options { get; }

    /// <summary>The lock every member takes; the batch and snapshot loggers take it too, so their files stay in order.</summary>
    internal object Gate => _gate;

    /// <summary>
    /// Writes <c>config.json</c> (an object of the hyperparameters, in the given order) and passes the
    /// hyperparameters to every sink as invariant strings (<c>3E-04</c> is <c>0.0003</c>, booleans are <c>true</c>/<c>false</c>,
    /// null is <c>null</c>). Call it once, before the first <see cref="LogScalars"/>.
    /// </summary>
    /// <param name="hyperparameters">Names and values: numbers, booleans, strings or null.</param>
    /// <exception cref="ArgumentException">A name is empty or repeated, or a value is another type or not finite.</exception>
    /// <exception cref="InvalidOperationException">The config was already written, or scalars were logged before it.</exception>
    public void WriteConfig(IReadOnlyList<KeyValuePair<string, object?>> hyperparameters)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_configWritten)
                throw new InvalidOperationException("WriteConfig was already called for this run; pass all hyperparameters in one call.");
            if (_scalarsWritten)
                throw new InvalidOperationException("Call WriteConfig before the first LogScalars: sinks such as TensorBoard expect hyperparameters first.");
            var asText = ConfigText.Convert(hyperparameters);
            WriteDocument("config.json", hyperparameters, ConfigText.Write);
            foreach (var sink in Options.Sinks)
                sink.WriteHyperparameters(asText);
            _configWritten = true;
        }
    }

    /// <summary>
    /// Appends one line to <c>metrics.jsonl</c>, <c>{"step":2048,"wall_time":1767268800.5,"metrics":{"policy_loss":0.01}}</c>,
    /// with the wall time from <see cref="RunWriterOptions.Clock"/>, and writes the same scalars to every sink.
    /// </summary>
    /// <param name="step">The training step (environment steps or updates, as the run counts); not negative.</param>
    /// <param name="metrics">Metric names and values, written in this order.</param>
    /// <exception cref="ArgumentException">A name is empty, or a value is not finite and
    /// <see cref="RunWriterOptions.NonFinite"/> refuses it; nothing is written anywhere.</exception>
    public void LogScalars(long step, IReadOnlyList<KeyValuePair<string, double>> metrics)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentNullException.ThrowIfNull(metrics);
        for (var i = 0; i < metrics.Count; i++)
        {
            var (name, value) = metrics[i];
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException($"metrics[{i}] has an empty name; every scalar needs a name.", nameof(metrics));
            if (Options.NonFinite == NonFiniteHandling.Throw && !double.IsFinite(value))
                LogJson.ThrowNonFinite($"metrics.{name} at step {step}", value, nameof(metrics));
        }
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var wallTime = _clock();
            if (!double.IsFinite(wallTime))
                throw new InvalidOperationException($"RunWriterOptions.Clock returned {wallTime.ToString(CultureInfo.InvariantCulture)}; it must return seconds since the Unix epoch.");
            AppendLine("metrics.jsonl", (step, wallTime, metrics), static (json, s) =>
            {
                json.WriteStartObject();
                json.WriteNumber("step", s.step);
                json.WriteNumber("wall_time", s.wallTime);
                json.WriteStartObject("metrics");
                foreach (var (name, value) in s.metrics)
                    LogJson.WriteNumber(json, JsonEncodedText.Encode(name), value);
                json.WriteEndObject();
                json.WriteEndObject();
            });
            foreach (var sink in Options.Sinks)
                sink.WriteScalars(step, wallTime, metrics);
            _scalarsWritten = true;
        }
    }

    /// <summary>
    /// Appends one per-step record to <c>json_logs/</c> in <see cref="RunWriterOptions.Layout"/>: to
    /// <c>&lt;FilePrefix&gt;_&lt;chunk:0000&gt;.json</c>, or with <see cref="RunWriterOptions.FilePerEnv"/> to
    /// <c>&lt;Env&gt;_&lt;chunk:0000&gt;.json</c>. A chunk holds <see cref="RunWriterOptions.RecordsPerFile"/> records and is
    /// closed and flushed when full.
    /// </summary>
    /// <param name="record">The step; its <see cref="GameStepRecord.Env"/> picks the file series when files are per env.</param>
    /// <exception cref="ArgumentException">A number is not finite and <see cref="RunWriterOptions.NonFinite"/> refuses it.</exception>
    public void LogStep(in GameStepRecord record)
    {
        if (Options.FilePerEnv && record.Env < 0)
            throw new ArgumentException(
                $"record.Env is {record.Env.ToString(CultureInfo.InvariantCulture)}; with FilePerEnv the env index names the file series and must not be negative.", nameof(record));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ChunksFor(record.Env).Write(record);
        }
    }

    /// <summary>Pushes every complete line and record written so far to disk, and flushes every sink.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var file in _lineFiles.Values)
                file.Flush();
            _chunks?.Flush();
            foreach (var chunks in _chunksByEnv.Values)
                chunks.Flush();
            foreach (var sink in Options.Sinks)
                sink.Flush();
        }
    }

    /// <summary>
    /// Closes the open record chunks (ending their arrays), the JSONL files and the sinks, then marks the run
    /// "finished" in <c>status.json</c> (after the data, so a watch that sees the mark finds every record).
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _flushTimer?.Dispose();
            _chunks?.Dispose();
            foreach (var env in _chunksByEnv.Keys.Order())
                _chunksByEnv[env].Dispose();
            foreach (var file in _lineFiles.Values)
                file.Dispose();
            foreach (var sink in Options.Sinks)
                sink.Dispose();
            WriteStatus(new RunStatusDocument(RunStatusFile.Finished));
            _disposed = true;
        }
    }

    // From the timer's thread: the lock orders it with every write, so only whole lines and records are flushed.
    private void TimedFlush()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            try
            {
                foreach (var file in _lineFiles.Values)
                    file.Flush();
                _chunks?.Flush(compressed: false);
                foreach (var chunks in _chunksByEnv.Values)
                    chunks.Flush(compressed: false);
                foreach (var sink in Options.Sinks)
                    sink.Flush();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Thrown on a timer thread it would end the process; the blocks are still pending, so the training
                // code's next write, Flush or Dispose meets the same problem and gets the exception.
            }
        }
    }

    private void WriteStatus(RunStatusDocument status) =>
        WriteDocument(RunStatusFile.FileName, status, RunStatusFile.Write);

    /// <inheritdoc />
    public override string ToString() => $"RunWriter({Directory})";

    private RecordChunks ChunksFor(int env)
    {
        var folder = Path.Combine(Directory, "json_logs");
        if (!Options.FilePerEnv)
            return _chunks ??= new RecordChunks(folder, Options.FilePrefix, Options);
        if (!_chunksByEnv.TryGetValue(env, out var chunks))
            _chunksByEnv[env] = chunks = new RecordChunks(folder, env.ToString(CultureInfo.InvariantCulture), Options);
        return chunks;
    }
}
