using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using Google.Protobuf;
using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Wandb;

/// <summary>
/// Streams the history of a W&amp;B run from its binary transaction log, <c>run-&lt;id&gt;.wandb</c>, as
/// wandb/sdk/internal/datastore.py and core/pkg/leveldb/record.go write it: a 7-byte header (<c>:W&amp;B</c>, magic
/// 0xBEE1 little-endian, version 0), then LevelDB log chunks in 32 KiB blocks, each a 7-byte header (CRC-32/IEEE of the
/// type byte and the data, little-endian; data length, little-endian uint16; type FULL 1, FIRST 2, MIDDLE 3, LAST 4)
/// and its data; a block's last bytes, too few for a header, are zero. A record (its chunks joined) is a protobuf
/// <c>wandb_internal.Record</c> (wandb/proto/wandb_internal.proto): only its <c>history</c> (field 2, a
/// <c>HistoryRecord</c>: repeated <c>HistoryItem</c> item = 1 {key = 1, repeated nested_key = 2, value_json = 16},
/// <c>HistoryStep</c> step = 2 {num = 1}) becomes a record here; every other record (run, config, summary, stats,
/// output...) is passed over here and read once by <see cref="WandbRunLog"/> at discovery. The step is the
/// <c>_step</c> item (or <c>step.num</c>), the wall time the <c>_timestamp</c> item; <c>_runtime</c> is dropped (it is
/// the wall time less the run's start); every other item is a field, as in <c>wandb-history.jsonl</c>. An empty file
/// (0 bytes: the run never flushed) has no records and no issue; discovery notes it.
/// </summary>
/// <remarks>
/// A chunk whose checksum or length is wrong is reported with its offset and reading resumes at the next block, as
/// LevelDB's reader recovers; a file that ends inside a record (a run still writing, or killed) is reported and
/// every record before it loads.
/// </remarks>
internal sealed partial class WandbLogReader : IFollowingReader
{
    /// <summary>The LevelDB log block size.</summary>
    public const int BlockSize = 32 * 1024;

    /// <summary>The size of a chunk header, and of the W&amp;B file header.</summary>
    public const int HeaderSize = 7;

    private const byte Full = 1, First = 2, Middle = 3, Last = 4;
    private const uint HistoryTag = (2 << 3) | 2, ItemTag = (1 << 3) | 2, StepTag = (2 << 3) | 2;
    private const uint KeyTag = (1 << 3) | 2, NestedKeyTag = (2 << 3) | 2, ValueJsonTag = (16 << 3) | 2, NumTag = 1 << 3;

    private readonly FileStream _file;
    private readonly string _path;
    private readonly FieldTable _fields;
    private readonly ScanIssues _issues;
    private double _itemStep;
    private double _itemTime;
    private readonly byte[] _block = new byte[BlockSize];
    private int _blockLength;
    private int _position;
    private long _blockOffset;
    private bool _done;
    private bool _recovering;
    private byte[] _record = new byte[BlockSize];
    private int _recordLength;
    private long _recordOffset = -1;
    private byte[]? _last;
    private long _lastOffset;
    private bool _quiet;
    private bool _headerRead;

    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public WandbLogReader(string path, FieldTable fields, ScanIssues issues)
    {
        _path = path;
        _fields = fields;
        _issues = issues;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        // The header is checked at the first read: a followed file may not have it yet.
        _blockLength = ReadBlock();
    }

    public long DiskPosition => _file.Position;

    /// <inheritdoc />
    public bool CanFollow => true;

    /// <inheritdoc />
    public bool Following { get; set; }

    /// <inheritdoc />
    public long PendingBytes => _blockOffset + _blockLength - (_recordOffset >= 0 ? _recordOffset : _blockOffset + _position);

    /// <inheritdoc />
    public void ReportEnd(ScanIssues issues)
    {
        // A record whose chunks have not all arrived is being written, not damage, while the file is followed.
    }

    public bool Read(RecordBuffer record, bool wantText)
    {
        while (NextRecord(out var data, out var start, out var length, out var offset))
        {
            if (Decode(data, start, length, offset, record, wantText))
            {
                if (_last is null || _last.Length != length)
                    _last = new byte[length];
                Array.Copy(data, start, _last, 0, length);
                _lastOffset = offset;
                return true;
            }
        }
        return false;
    }

    public bool ReadLastRecord(RecordBuffer record)
    {
        if (_last is not { } last)
            return false;
        // Read before: its problems were reported then.
        _quiet = true;
        try
        {
            return Decode(last, 0, last.Length, _lastOffset, record, wantText: true);
        }
        finally
        {
            _quiet = false;
        }
    }

    /// <summary>Checks the file header once; false when there is none yet (a followed file) or the file is not a W&amp;B log.</summary>
    private bool ReadHeader()
    {
        while (_blockLength < HeaderSize && TopUp())
        {
        }
        if (_blockLength < HeaderSize && Following)
            return false;
        _headerRead = true;
        if (_blockLength == 0)
        {
            // An empty file: the run never flushed its log (still starting, or killed at once). Nothing is lost or
            // broken; discovery notes it on the run and gives it the status "empty".
            _done = true;
            return false;
        }
        var header = _block.AsSpan(0, Math.Min(_blockLength, HeaderSize));
        if (header.Length < HeaderSize || !header[..4].SequenceEqual(":W&B"u8)
            || BinaryPrimitives.ReadUInt16LittleEndian(header[4..]) != 0xBEE1 || header[6] != 0)
        {
            _issues.Add(new LoadIssue(_path, 0, null,
                "not a W&B transaction log: the file does not start with the header ':W&B', 0xBEE1, version 0; file skipped"), "not a W&B log");
            _done = true;
            return false;
        }
        _position = HeaderSize;
        return true;
    }

    /// <summary>Decodes a Record; true (with the record filled) for a history record.</summary>
    private bool Decode(byte[] data, int start, int length, long offset, RecordBuffer record, bool wantText)
    {
        try
        {
            var input = new CodedInputStream(data, start, length);
            uint tag;
            var found = false;
            while ((tag = input.ReadTag()) != 0)
            {
                if (tag != HistoryTag)
                {
                    input.SkipLastField();
                    continue;
                }
                record.Begin(offset, wantText);
                found = true;
                History(Nested(input), record, offset);
            }
            return found;
        }
        catch (InvalidProtocolBufferException ex)
        {
            _issues.Add(new LoadIssue(_path, offset, null, $"a record is not a valid W&B Record protobuf ({ex.Message}); record skipped"), "invalid W&B record");
            return false;
        }
    }

    private void History(CodedInputStream input, RecordBuffer record, long offset)
    {
        long? stepNum = null;
        var previous = -1;
        (_itemStep, _itemTime) = (double.NaN, double.NaN);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == ItemTag)
            {
                previous = Item(Nested(input), record, offset, previous);
            }
            else if (tag == StepTag)
            {
                var stepMessage = Nested(input);
                while ((tag = stepMessage.ReadTag()) != 0)
                {
                    if (tag == NumTag)
                        stepNum = stepMessage.ReadInt64();
                    else
                        stepMessage.SkipLastField();
                }
            }
            else
            {
                input.SkipLastField();
            }
        }
        // W&B's own x-axis: the _step item the SDK adds to every history record (handler.py _history_assign_step).
        var step = _itemStep;
        if (double.IsFinite(step) && Math.Abs(step) < 9.2e18)
            record.SetStep((long)Math.Floor(step));
        else if (stepNum is { } num)
            record.SetStep(num);
        if (double.IsFinite(_itemTime))
            record.WallTime = _itemTime;
    }

    /// <summary>
    /// A stream over the embedded message at the cursor (the C# runtime keeps its limit stack internal). ReadBytes
    /// returns a ByteString over a fresh array, which the nested stream reads without another copy.
    /// </summary>
    private static CodedInputStream Nested(CodedInputStream input)
    {
        var bytes = input.ReadBytes();
        return MemoryMarshal.TryGetArray(bytes.Memory, out var segment)
            ? new CodedInputStream(segment.Array!, segment.Offset, segment.Count)
            : new CodedInputStream(bytes.ToByteArray());
    }

    /// <summary>Adds one HistoryItem; returns its root node (the previous sibling for the next item's lookup).</summary>
    private int Item(CodedInputStream input, RecordBuffer record, long offset, int previous)
    {
        ByteString key = ByteString.Empty, value = ByteString.Empty;
        List<ByteString>? nested = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case KeyTag:
                    key = input.ReadBytes();
                    break;
                case NestedKeyTag:
                    (nested ??= []).Add(input.ReadBytes());
                    break;
                case ValueJsonTag:
                    value = input.ReadBytes();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        // A nested key (key empty, nested_key the path) is the dotted field a nested object gives in the JSON history.
        var parts = nested is { Count: > 0 } && key.IsEmpty ? nested : [key];
        if (parts.Count == 1 && SystemItem(parts[0].Span, value.Span))
            return previous;
        var root = _fields.Child(FieldTable.Root, previous, parts[0].Span);
        var node = root;
        for (var i = 1; i < parts.Count; i++)
            node = _fields.Child(node, -1, parts[i].Span);
        if (!WandbValueJson.Add(_fields, record, node, value.Span) && !_quiet)
        {
            _issues.Add(new LoadIssue(_path, offset, null, string.Create(CultureInfo.InvariantCulture,
                $"history item '{string.Join('.', parts.Select(p => p.ToStringUtf8()))}' has a value that is not JSON; the item is skipped, the rest of its record loads")), reason: null);
        }
        return root;
    }

    /// <summary>
    /// W&amp;B's own items of every history row, which are the row's coordinates, not metrics: <c>_step</c> is the step,
    /// <c>_timestamp</c> the wall time, <c>_runtime</c> (seconds since the run started: the wall time less the start)
    /// is dropped. True when the item was one of them.
    /// </summary>
    private bool SystemItem(ReadOnlySpan<byte> key, ReadOnlySpan<byte> json)
    {
        if (key.IsEmpty || key[0] != '_')
            return false;
        if (key.SequenceEqual("_step"u8))
            _itemStep = Number(json);
        else if (key.SequenceEqual("_timestamp"u8))
            _itemTime = Number(json);
        else if (!key.SequenceEqual("_runtime"u8))
            return false;
        return true;
    }

    private static double Number(ReadOnlySpan<byte> json) =>
        double.TryParse(json.Trim(" \t\r\n"u8), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;

    public void Dispose() => _file.Dispose();
}
