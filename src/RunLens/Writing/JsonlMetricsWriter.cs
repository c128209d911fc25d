using System.Buffers;
using System.Text.Json;

namespace RunLens;

/// <summary>
/// Appends batch metrics as JSON lines: <c>{"timestamp":1753535234.5,"step":2048,"metrics":{"reward_mean":0.4,...}}</c>,
/// one object per line. Each line reaches the stream whole when <see cref="Write"/> returns; a file opened by
/// <see cref="Create"/> gets whole lines in blocks (every 64 KB and on <see cref="Flush"/>), so a reader tailing it
/// (or a killed process) never sees a partial line.
/// </summary>
/// <example>
/// <code>
/// using var log = JsonlMetricsWriter.Create("batch_metrics.jsonl");
/// log.Write(2048, 1753535234.5, [new("reward_mean", 0.4), new("entropy", 1.2)]);
/// </code>
/// </example>
public sealed class JsonlMetricsWriter : IDisposable
{
    private static readonly JsonEncodedText TimestampName = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText StepName = JsonEncodedText.Encode("step");
    private static readonly JsonEncodedText MetricsName = JsonEncodedText.Encode("metrics");

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ArrayBufferWriter<byte> _line = new(512);
    private readonly Utf8JsonWriter _json;
    private long _unflushed;
    private bool _disposed;

    /// <summary>Writes lines to a stream.</summary>
    /// <param name="stream">Where the lines go. Wrap it in a <see cref="System.IO.Compression.GZipStream"/> for <c>.jsonl.gz</c>.</param>
    /// <param name="nonFinite">Whether NaN and infinities are refused or written as Python writes them.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open on dispose.</param>
    public JsonlMetricsWriter(Stream stream, NonFiniteHandling nonFinite = NonFiniteHandling.Throw, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        LogJson.Validate(nonFinite, nameof(nonFinite));
        _stream = stream;
        _leaveOpen = leaveOpen;
        NonFinite = nonFinite;
        // One writer reused for every line; Reset points it at the emptied line buffer.
        _json = new Utf8JsonWriter(_line);
    }

    /// <summary>
    /// Opens a JSONL file, appending by default (a training run adds lines across restarts). A name ending in
    /// <c>.gz</c> is gzip-compressed; appending to it adds a gzip member, which gzip readers read as one stream.
    /// </summary>
    /// <param name="path">The file; its folder must exist.</param>
    /// <param name="nonFinite">Whether NaN and infinities are refused or written as Python writes them.</param>
    /// <param name="append">False to overwrite an existing file.</param>
    public static JsonlMetricsWriter Create(string path, NonFiniteHandling nonFinite = NonFiniteHandling.Throw, bool append = true) =>
        new(LogJson.Open(path, append), nonFinite);

    /// <summary>What happens to NaN and infinite numbers.</summary>
    public NonFiniteHandling NonFinite { get; }

    /// <summary>Lines written so far.</summary>
    public long Lines { get; private set; }

    /// <summary>Uncompressed bytes written so far, newlines included.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Appends one line.</summary>
    /// <param name="step">The training step the metrics belong to.</param>
    /// <param name="timestamp">Unix time in seconds.</param>
    /// <param name="metrics">Metric names and values, written in this order.</param>
    /// <exception cref="ArgumentException">A name is empty, or a value is NaN or infinite and <see cref="NonFinite"/>
    /// is <see cref="NonFiniteHandling.Throw"/>; nothing of the line is written.</exception>
    public void Write(long step, double timestamp, IEnumerable<KeyValuePair<string, double>> metrics)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(metrics);
        if (NonFinite == NonFiniteHandling.Throw && !double.IsFinite(timestamp))
            LogJson.ThrowNonFinite($"timestamp at step {step}", timestamp, nameof(timestamp));
        // A refused metric throws half-way through the line; Reset discards it, so the stream never sees it.
        _line.Clear();
        _json.Reset(_line);
        _json.WriteStartObject();
        LogJson.WriteNumber(_json, TimestampName, timestamp);
        _json.WriteNumber(StepName, step);
        _json.WriteStartObject(MetricsName);
        foreach (var (name, value) in metrics)
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(metrics));
            if (NonFinite == NonFiniteHandling.Throw && !double.IsFinite(value))
                LogJson.ThrowNonFinite($"metrics.{name} at step {step}", value, nameof(metrics));
            _json.WritePropertyName(name);
            WriteValue(value);
        }
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        _line.Write("\n"u8);
        // The line is complete in memory: only now does any of it reach the stream.
        _stream.Write(_line.WrittenSpan);
        BytesWritten += _line.WrittenCount;
        Lines++;
        // Files from Create reach the disk only on a flush, so a block of whole lines at a time.
        _unflushed += _line.WrittenCount;
        if (_unflushed >= LogJson.FlushThreshold)
            Flush();
    }

    /// <summary>Pushes buffered bytes to the underlying file.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _unflushed = 0;
        _stream.Flush();
    }

    /// <summary>Flushes and closes the stream unless it was left open.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _json.Dispose();
        if (_leaveOpen)
            _stream.Flush();
        else
            _stream.Dispose();
    }

    private void WriteValue(double value)
    {
        if (double.IsFinite(value))
            _json.WriteNumberValue(value);
        else
            _json.WriteRawValue(double.IsNaN(value) ? LogJson.NaN : value > 0 ? LogJson.PositiveInfinity : LogJson.NegativeInfinity,
                skipInputValidation: true);
    }
}
