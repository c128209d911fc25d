using System.Globalization;
using System.Text;

namespace RunLens;

/// <summary>
/// Writes a run into an MLflow file store (<c>mlruns/</c>) the way MLflow's <c>FileStore</c> lays it out:
/// <c>&lt;experiment&gt;/meta.yaml</c>, <c>&lt;experiment&gt;/&lt;run id&gt;/meta.yaml</c>, <c>metrics/&lt;key&gt;</c> with lines
/// <c>&lt;timestamp ms&gt; &lt;value&gt; &lt;step&gt;</c>, <c>params/&lt;key&gt;</c> and <c>tags/&lt;key&gt;</c>. Keys containing
/// <c>/</c> become subfolders, as in MLflow. The run is RUNNING until <see cref="Dispose"/> marks it FINISHED with the
/// last wall time seen as its end time. Nothing depends on the clock: the same inputs give the same files.
/// </summary>
/// <example>
/// <code>
/// using var mlflow = new MlflowRunWriter("mlruns", startTime: 1753535234.5, new MlflowRunOptions { RunName = "ppo-seed0" });
/// mlflow.WriteHyperparameters([new("learning_rate", "0.0003")]);
/// mlflow.WriteScalars(2048, 1753535240.0, [new("rollout/ep_rew_mean", 21.5)]);
/// </code>
/// </example>
public sealed class MlflowRunWriter : IScalarSink
{
    private const int StatusRunning = 1;   // mlflow.entities.RunStatus.RUNNING
    private const int StatusFinished = 3;  // RunStatus.FINISHED
    private const int SourceTypeLocal = 4; // mlflow.entities.SourceType.LOCAL

    private readonly Dictionary<string, FileStream> _metrics = new(StringComparer.Ordinal);
    private readonly MlflowRunOptions _options;
    private readonly string _experimentUri;
    private readonly long _startTime;
    private long _endTime;
    private bool _disposed;

    /// <summary>Creates the run folder (and the experiment's, when missing) and records the run as RUNNING.</summary>
    /// <param name="mlrunsDirectory">The file store root, usually <c>mlruns</c>; created when missing.</param>
    /// <param name="startTime">Seconds since the Unix epoch when the run started.</param>
    /// <param name="options">Experiment, run id, names and user; defaults are fixed values.</param>
    /// <exception cref="IOException">The run folder already exists.</exception>
    public MlflowRunWriter(string mlrunsDirectory, double startTime, MlflowRunOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(mlrunsDirectory);
        _options = options ?? new MlflowRunOptions();
        RunId = _options.RunId ?? RunIdFromSeed(_options.Seed);
        ValidateId(ExperimentId, nameof(MlflowRunOptions.ExperimentId));
        ValidateId(RunId, nameof(MlflowRunOptions.RunId));

        var experimentDirectory = Path.Combine(Path.GetFullPath(mlrunsDirectory), ExperimentId);
        _experimentUri = _options.ArtifactLocation ?? new Uri(experimentDirectory).AbsoluteUri;
        RunDirectory = Path.Combine(experimentDirectory, RunId);
        if (Directory.Exists(RunDirectory))
            throw new IOException($"The MLflow run folder '{RunDirectory}' already exists. Pass another RunId or Seed in MlflowRunOptions.");

        _startTime = _endTime = Milliseconds(startTime);
        Directory.CreateDirectory(RunDirectory);
        var experimentMeta = Path.Combine(experimentDirectory, "meta.yaml");
        if (!File.Exists(experimentMeta))
            File.WriteAllText(experimentMeta, ExperimentMeta());
        WriteRunMeta(StatusRunning, endTime: null);
        Directory.CreateDirectory(Path.Combine(RunDirectory, "metrics"));
        Directory.CreateDirectory(Path.Combine(RunDirectory, "params"));
        WriteValue("tags", "mlflow.runName", _options.RunName);
        WriteValue("tags", "mlflow.user", _options.User);
        WriteValue("tags", "mlflow.source.name", _options.SourceName);
        WriteValue("tags", "mlflow.source.type", "LOCAL");
    }

    /// <summary>The experiment id (the experiment's folder name).</summary>
    public string ExperimentId => _options.ExperimentId;

    /// <summary>The run id (the run's folder name).</summary>
    public string RunId { get; }

    /// <summary>The full path of the run's folder.</summary>
    public string RunDirectory { get; }

    /// <summary>A run id for a seed: 32 lowercase hex characters, as MLflow's <c>uuid4().hex</c>; deterministic for a given seed.</summary>
    public static string RunIdFromSeed(int seed)
    {
        var state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0x52554E4C454E53UL); // "RUNLENS"
        return NextSplitMix64(ref state).ToString("x16", CultureInfo.InvariantCulture)
            + NextSplitMix64(ref state).ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>Writes each hyperparameter to <c>params/&lt;key&gt;</c>, the value without a trailing newline as MLflow writes it.</summary>
    public void WriteHyperparameters(IReadOnlyList<KeyValuePair<string, string>> hyperparameters)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var (key, value) in hyperparameters)
            WriteValue("params", key, value ?? "");
    }

    /// <summary>
    /// Appends <c>&lt;timestamp ms&gt; &lt;value&gt; &lt;step&gt;</c> to <c>metrics/&lt;name&gt;</c> for each scalar; values are
    /// written as Python's <c>repr</c> writes floats (<c>1.0</c>, <c>nan</c>, <c>inf</c>).
    /// </summary>
    public void WriteScalars(long step, double wallTime, IReadOnlyList<KeyValuePair<string, double>> scalars)
    {
        ArgumentNullException.ThrowIfNull(scalars);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var timestamp = Milliseconds(wallTime);
        _endTime = Math.Max(_endTime, timestamp);
        foreach (var (name, value) in scalars)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{timestamp} {PythonFloat.Repr(value)} {step}\n");
            MetricStream(name).Write(Encoding.UTF8.GetBytes(line));
        }
    }

    /// <summary>Pushes every metric line written so far to its file.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var stream in _metrics.Values)
            stream.Flush();
    }

    /// <summary>Closes the metric files and marks the run FINISHED, its end time the latest wall time written.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var stream in _metrics.Values)
            stream.Dispose();
        WriteRunMeta(StatusFinished, _endTime);
    }

    private FileStream MetricStream(string name)
    {
        if (_metrics.TryGetValue(name, out var stream))
            return stream;
        var path = KeyPath("metrics", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _metrics.Add(name, stream);
        return stream;
    }

    private void WriteValue(string folder, string key, string value)
    {
        var path = KeyPath(folder, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, value);
    }

    // MLflow's rule for metric, param and tag keys: letters, digits, '_', '-', '.', ' ', ':' and '/', as a relative
    // path without empty, '.' or '..' segments.
    private string KeyPath(string folder, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var segments = key.Split('/');
        if (!key.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ' ' or ':' or '/')
            || segments.Any(s => s.Length == 0 || s == "." || s == ".."))
        {
            throw new ArgumentException($"'{key}' is not a valid MLflow key. Use letters, digits, '_', '-', '.', ' ', ':' and '/' (not at the start or end, no '..').", nameof(key));
        }

        return Path.Combine([RunDirectory, folder, .. segments]);
    }

    private string ExperimentMeta() => new MlflowYaml()
        .String("artifact_location", _experimentUri)
        .Integer("creation_time", _startTime)
        .String("experiment_id", ExperimentId)
        .Integer("last_update_time", _startTime)
        .String("lifecycle_stage", "active")
        .String("name", _options.ExperimentName)
        .Raw("trace_location", "null")
        .String("workspace", "default")
        .ToString();

    // Keys in PyYAML's sorted order, as in the real stores (MLflow 3 no longer writes run_uuid).
    private void WriteRunMeta(int status, long? endTime) => File.WriteAllText(Path.Combine(RunDirectory, "meta.yaml"), new MlflowYaml()
        .String("artifact_uri", _experimentUri + "/" + RunId + "/artifacts")
        .Integer("end_time", endTime)
        .String("entry_point_name", "")
        .String("experiment_id", ExperimentId)
        .String("lifecycle_stage", "active")
        .String("run_id", RunId)
        .String("run_name", _options.RunName)
        .String("source_name", "")
        .Integer("source_type", SourceTypeLocal)
        .String("source_version", "")
        .Integer("start_time", _startTime)
        .Integer("status", status)
        .Raw("tags", "[]")
        .String("user_id", _options.User)
        .ToString());

    private static void ValidateId(string id, string name)
    {
        if (string.IsNullOrEmpty(id) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw new ArgumentException($"{name} '{id}' must be non-empty ASCII letters, digits, '_' or '-' (it names a folder).", name);
    }

    // int(time * 1000), as MLflow turns time.time() into milliseconds.
    private static long Milliseconds(double seconds) => (long)(seconds * 1000.0);

    private static ulong NextSplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
