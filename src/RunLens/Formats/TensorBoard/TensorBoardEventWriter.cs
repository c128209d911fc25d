using System.Globalization;

namespace RunLens;

/// <summary>
/// Writes scalars as a TensorBoard event file, <c>events.out.tfevents.&lt;first wall time&gt;.&lt;host&gt;</c>: TFRecord
/// framing with masked CRC-32C, a first <c>{wall_time, file_version: "brain.Event:2"}</c> event, then one event per
/// scalar, <c>{wall_time, step, summary {value {tag, simple_value}}}</c>, as PyTorch's and Stable-Baselines3's
/// <c>SummaryWriter</c> write them. Output depends only on the inputs (no clock, pid or machine name).
/// </summary>
/// <remarks>
/// Hyperparameters are not written to the event file: TensorBoard shows them only through its hparams plugin, whose
/// protos this writer does not produce. Write them to another sink (JSONL, MLflow) instead.
/// </remarks>
/// <example>
/// <code>
/// using var events = new TensorBoardEventWriter("runs/ppo-seed0", wallTime: 1753535234.5);
/// events.WriteScalars(2048, 1753535240.0, [new("rollout/ep_rew_mean", 21.5)]);
/// </code>
/// </example>
public sealed class TensorBoardEventWriter : IScalarSink
{
    /// <summary>The file version TensorBoard's writers record in the first event.</summary>
    public const string FileVersion = "brain.Event:2";

    private readonly TfRecordEncoder _encoder = new();
    private readonly FileStream _stream;
    private bool _disposed;

    /// <summary>Creates the event file and writes its file-version event.</summary>
    /// <param name="directory">The run's folder; created when missing.</param>
    /// <param name="wallTime">Seconds since the Unix epoch of the first event; its whole seconds name the file.</param>
    /// <param name="host">The last part of the file name (TensorBoard uses the machine name). Fixed by default so output is deterministic.</param>
    /// <exception cref="IOException">An event file with the same name already exists.</exception>
    public TensorBoardEventWriter(string directory, double wallTime, string host = "runlens")
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(host);
        if (host.IndexOfAny(['/', '\\']) >= 0 || !double.IsFinite(wallTime) || wallTime < 0)
            throw new ArgumentException($"Invalid event file name part: host '{host}', wall time {wallTime.ToString("R", CultureInfo.InvariantCulture)}. Use a host without path separators and a finite, non-negative wall time.");

        Directory.CreateDirectory(directory);
        // TensorBoard names the file with "%010d" of the wall time: whole seconds, zero-padded to ten digits.
        var seconds = ((long)Math.Truncate(wallTime)).ToString("D10", CultureInfo.InvariantCulture);
        FilePath = Path.Combine(directory, $"events.out.tfevents.{seconds}.{host}");
        try
        {
            _stream = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        }
        catch (IOException e) when (File.Exists(FilePath))
        {
            throw new IOException($"The event file '{FilePath}' already exists. Pass another host or wall time, or write to another folder.", e);
        }

        WriteRecord(_encoder.FileVersionRecord(wallTime, FileVersion));
        _stream.Flush();
    }

    /// <summary>The full path of the event file.</summary>
    public string FilePath { get; }

    /// <summary>Records written so far, the file-version event included.</summary>
    public long Records { get; private set; }

    /// <summary>Ignored: the event file holds scalars only (see the remarks on the class).</summary>
    public void WriteHyperparameters(IReadOnlyList<KeyValuePair<string, string>> hyperparameters)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        ObjectDisposedException.ThrowIf(_disposed, this);
    }

    /// <summary>Writes one event per scalar, in the given order. Values are stored as 32-bit floats, as TensorBoard stores them.</summary>
    public void WriteScalars(long step, double wallTime, IReadOnlyList<KeyValuePair<string, double>> scalars)
    {
        ArgumentNullException.ThrowIfNull(scalars);
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var (tag, value) in scalars)
        {
            ArgumentException.ThrowIfNullOrEmpty(tag, nameof(scalars));
            WriteRecord(_encoder.ScalarRecord(wallTime, step, tag, (float)value));
        }
    }

    /// <summary>Pushes the records written so far to the file; every record on disk is complete.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Flush();
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _stream.Dispose();
    }

    // Each record goes to the stream in one call, so a flush never leaves half a record behind.
    private void WriteRecord(ReadOnlySpan<byte> record)
    {
        _stream.Write(record);
        Records++;
    }
}
