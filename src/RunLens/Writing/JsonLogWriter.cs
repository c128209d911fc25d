using System.Text.Json;

namespace RunLens;

/// <summary>
/// Writes per-step records of the exploration game into one JSON-array log file (<c>[{...},{...}]</c>), in the
/// flat or nested layout, streaming: memory stays bounded however many records are written. The closing
/// <c>]</c> is written on <see cref="Dispose"/>; a writer that is never disposed leaves a truncated file, exactly
/// like a training run that was killed.
/// </summary>
/// <example>
/// <code>
/// using var log = JsonLogWriter.Create("json_logs/0_0000.json", RecordLayout.Nested);
/// log.Write(new GameStepRecord(12, 0, 19, 9, 40, new RewardComponents(0.005, 0, 0, 0, 0.05, 0, 0), 2, 0.8));
/// </code>
/// </example>
public sealed class JsonLogWriter : IDisposable
{
    private static readonly JsonEncodedText StepName = JsonEncodedText.Encode("step");
    private static readonly JsonEncodedText EnvName = JsonEncodedText.Encode("env");
    private static readonly JsonEncodedText EnvIdName = JsonEncodedText.Encode("env_id");
    private static readonly JsonEncodedText PositionName = JsonEncodedText.Encode("position");
    private static readonly JsonEncodedText XName = JsonEncodedText.Encode("x");
    private static readonly JsonEncodedText YName = JsonEncodedText.Encode("y");
    private static readonly JsonEncodedText MapName = JsonEncodedText.Encode("map");
    private static readonly JsonEncodedText RewardsName = JsonEncodedText.Encode("rewards");
    private static readonly JsonEncodedText TotalName = JsonEncodedText.Encode("total");
    private static readonly JsonEncodedText EventName = JsonEncodedText.Encode("event");
    private static readonly JsonEncodedText LevelName = JsonEncodedText.Encode("level");
    private static readonly JsonEncodedText HealName = JsonEncodedText.Encode("heal");
    private static readonly JsonEncodedText BadgeName = JsonEncodedText.Encode("badge");
    private static readonly JsonEncodedText ExploreName = JsonEncodedText.Encode("explore");
    private static readonly JsonEncodedText DeadName = JsonEncodedText.Encode("dead");
    private static readonly JsonEncodedText StuckName = JsonEncodedText.Encode("stuck");
    private static readonly JsonEncodedText InfoName = JsonEncodedText.Encode("info");
    private static readonly JsonEncodedText ActionName = JsonEncodedText.Encode("action");
    private static readonly JsonEncodedText HpName = JsonEncodedText.Encode("hp");

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Utf8JsonWriter _json;
    private bool _disposed;

    /// <summary>Starts a log on a stream (the opening <c>[</c> is written at once).</summary>
    /// <param name="stream">Where the bytes go. Wrap it in a <see cref="System.IO.Compression.GZipStream"/> for <c>.json.gz</c>.</param>
    /// <param name="layout">Flat (older runs) or nested (newer runs).</param>
    /// <param name="nonFinite">Whether NaN and infinities are refused or written as Python writes them.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open on dispose.</param>
    public JsonLogWriter(Stream stream, RecordLayout layout = RecordLayout.Nested,
        NonFiniteHandling nonFinite = NonFiniteHandling.Throw, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (layout is not (RecordLayout.Flat or RecordLayout.Nested))
            throw new ArgumentOutOfRangeException(nameof(layout), layout, "Use RecordLayout.Flat or RecordLayout.Nested.");
        LogJson.Validate(nonFinite, nameof(nonFinite));
        _stream = stream;
        _leaveOpen = leaveOpen;
        Layout = layout;
        NonFinite = nonFinite;
        _json = new Utf8JsonWriter(stream);
        _json.WriteStartArray();
    }

    /// <summary>Creates (or overwrites) a log file; a name ending in <c>.gz</c> is gzip-compressed.</summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="layout">Flat (older runs) or nested (newer runs).</param>
    /// <param name="nonFinite">Whether NaN and infinities are refused or written as Python writes them.</param>
    public static JsonLogWriter Create(string path, RecordLayout layout = RecordLayout.Nested,
        NonFiniteHandling nonFinite = NonFiniteHandling.Throw) =>
        new(LogJson.Open(path, append: false), layout, nonFinite);

    /// <summary>The layout records are written in.</summary>
    public RecordLayout Layout { get; }

    /// <summary>What happens to NaN and infinite numbers.</summary>
    public NonFiniteHandling NonFinite { get; }

    /// <summary>Records written so far.</summary>
    public long Records { get; private set; }

    /// <summary>
    /// Uncompressed bytes produced so far, including those not yet flushed to the stream. Read between two
    /// <see cref="Write"/> calls it is the offset where the next record's separator starts.
    /// </summary>
    public long BytesWritten => _json.BytesCommitted + _json.BytesPending;

    /// <summary>Appends one record.</summary>
    /// <exception cref="ArgumentException">A number is NaN or infinite and <see cref="NonFinite"/> is
    /// <see cref="NonFiniteHandling.Throw"/>; the log is left as it was.</exception>
    public void Write(in GameStepRecord record)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (NonFinite == NonFiniteHandling.Throw)
            Check(record);

        var rewards = record.Rewards;
        _json.WriteStartObject();
        _json.WriteNumber(StepName, record.Step);
        if (Layout == RecordLayout.Flat)
        {
            _json.WriteNumber(EnvIdName, record.Env);
            WritePosition(record);
            WriteRewards(rewards);
        }
        else
        {
            _json.WriteNumber(EnvName, record.Env);
            _json.WriteStartObject(PositionName);
            WritePosition(record);
            _json.WriteEndObject();
            _json.WriteStartObject(RewardsName);
            WriteRewards(rewards);
            _json.WriteEndObject();
            _json.WriteStartObject(InfoName);
            _json.WriteNumber(ActionName, record.Action);
            LogJson.WriteNumber(_json, HpName, record.Hp);
            _json.WriteEndObject();
        }
        _json.WriteEndObject();
        Records++;
        // A whole block of records goes to the stream and on to the file (a gzip sync flush for .gz), so a reader
        // following the file sees whole records only, in blocks.
        if (_json.BytesPending >= LogJson.FlushThreshold)
            Flush();
    }

    /// <summary>True when the log is gzip-compressed (a file <see cref="Create"/> opened with a <c>.gz</c> name).</summary>
    internal bool Compressed => LogJson.IsCompressed(_stream);

    /// <summary>Pushes buffered bytes to the stream (the array stays open): every record written so far, whole.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _json.Flush();
        _stream.Flush();
    }

    /// <summary>Closes the array (<c>]</c>), flushes, and closes the stream unless it was left open.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _json.WriteEndArray();
        _json.Flush();
        _json.Dispose();
        if (_leaveOpen)
            _stream.Flush();
        else
            _stream.Dispose();
    }

    private void WritePosition(in GameStepRecord record)
    {
        _json.WriteNumber(XName, record.X);
        _json.WriteNumber(YName, record.Y);
        _json.WriteNumber(MapName, record.Map);
    }

    private void WriteRewards(in RewardComponents rewards)
    {
        LogJson.WriteNumber(_json, TotalName, rewards.Total);
        LogJson.WriteNumber(_json, EventName, rewards.Event);
        LogJson.WriteNumber(_json, LevelName, rewards.Level);
        LogJson.WriteNumber(_json, HealName, rewards.Heal);
        LogJson.WriteNumber(_json, BadgeName, rewards.Badge);
        LogJson.WriteNumber(_json, ExploreName, rewards.Explore);
        LogJson.WriteNumber(_json, DeadName, rewards.Dead);
        LogJson.WriteNumber(_json, StuckName, rewards.Stuck);
    }

    // Checked before anything is written, so a refused record never leaves half an object in the file.
    private void Check(in GameStepRecord record)
    {
        var r = record.Rewards;
        if (!r.IsFinite)
        {
            var (name, value) =
                !double.IsFinite(r.Event) ? ("event", r.Event) : !double.IsFinite(r.Level) ? ("level", r.Level)
                : !double.IsFinite(r.Heal) ? ("heal", r.Heal) : !double.IsFinite(r.Badge) ? ("badge", r.Badge)
                : !double.IsFinite(r.Explore) ? ("explore", r.Explore) : !double.IsFinite(r.Dead) ? ("dead", r.Dead)
                : !double.IsFinite(r.Stuck) ? ("stuck", r.Stuck) : ("total", r.Total);
            LogJson.ThrowNonFinite($"rewards.{name} at step {record.Step}", value, nameof(record));
        }
        // Flat records do not carry hp, so only the nested layout can be refused for it.
        if (Layout == RecordLayout.Nested && !double.IsFinite(record.Hp))
            LogJson.ThrowNonFinite($"info.hp at step {record.Step}", record.Hp, nameof(record));
    }
}
