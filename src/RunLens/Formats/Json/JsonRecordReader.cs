using System.Buffers;
using System.Globalization;
using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Json;

/// <summary>
/// Streams the records of one JSON log file: a JSON array of objects, or a stream of objects (JSON lines, or
/// objects one after another), plain or gzip. Reads through one pooled buffer; each record is parsed on its own, so
/// a bad record is reported with its offset and line and reading resumes at the next record. A truncated last
/// record (a run still writing, or killed) is reported and everything before it loads.
/// </summary>
internal sealed partial class JsonRecordReader : IRecordReader
{
    private const int InitialBufferSize = 1 << 20;
    private const int MaxRecordBytes = 256 << 20;

    private readonly FileStream _file;
    private readonly Stream _stream;
    private readonly string _path;
    private readonly FieldTable _fields;
    private readonly ScanIssues _issues;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private byte[] _scratch = new byte[4096];
    private int _start;
    private int _end;
    private bool _eof;
    private long _bufferOffset;
    private long _linesBeforeBuffer;
    private byte _lastSignificantBeforeBuffer;
    private Mode _mode;
    private bool _afterRecord;
    private bool _nonFiniteSeen;
    private Resync? _resync;

    public JsonRecordReader(string path, FieldTable fields, ScanIssues issues)
    {
        _path = path;
        _fields = fields;
        _issues = issues;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        _stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GzipFileStream(new BufferedStream(_file, 1 << 16), () => File.OpenRead(path))
            : _file;
    }

    private enum Mode { Unknown, Array, AfterArray, Stream, Done }

    /// <summary>Bytes read from disk so far (compressed bytes for gzip).</summary>
    public long DiskPosition => _file.Position;

    /// <summary>
    /// Reads the next valid record into <paramref name="record"/>. Returns false at the end of the file. Text fields
    /// are collected only when <paramref name="wantText"/>.
    /// </summary>
    public bool Read(RecordBuffer record, bool wantText)
    {
        while (_mode != Mode.Done)
        {
            SkipWhitespace();
            if (_start == _end)
            {
                if (_eof)
                {
                    FinishAtEnd();
                    return false;
                }
                Fill();
                continue;
            }
            if (_resync is not null)
            {
                if (TryResync(record, wantText))
                    return true;
                continue;
            }
            if (!AtRecordStart())
                continue;
            var outcome = ParseHere(record, wantText, out var length);
            if (outcome == ParseOutcome.Complete)
            {
                RememberLast(length);
                _start += length;
                _afterRecord = true;
                return true;
            }
            if (outcome == ParseOutcome.NeedMore)
            {
                if (_eof)
                {
                    Truncated();
                    return false;
                }
                if (!Fill())
                    return false;
                continue;
            }
            BeginResync(_lastError ?? "invalid JSON");
        }
        return false;
    }

    /// <summary>
    /// Handles the bytes between records (array brackets, commas). True when a record object starts at the cursor.
    /// </summary>
    private bool AtRecordStart()
    {
        var c = _buffer[_start];
        switch (_mode)
        {
            case Mode.Unknown:
                if (c == '[')
                {
                    _mode = Mode.Array;
                    _start++;
                    return false;
                }
                if (c == '{')
                {
                    _mode = Mode.Stream;
                    return true;
                }
                _issues.Add(Issue(_start, string.Create(CultureInfo.InvariantCulture,
                    $"not a JSON log: expected a JSON array of records or one JSON object per line, found '{(char)c}'; file skipped")), "not a JSON log");
                _mode = Mode.Done;
                return false;
            case Mode.Array when _afterRecord:
                _afterRecord = false;
                if (c == ',')
                {
                    _start++;
                    // The usual "},{": the next record starts right here, without another trip round Read's loop.
                    return _start < _end && _buffer[_start] == '{';
                }
                if (c == ']')
                {
                    _start++;
                    _mode = Mode.AfterArray;
                    return false;
                }
                BeginResync($"expected ',' or ']' after a record, found '{(char)c}'");
                return false;
            case Mode.Array:
                if (c == ']')
                {
                    _start++;
                    _mode = Mode.AfterArray;
                    return false;
                }
                if (c == '{')
                    return true;
                BeginResync($"expected a record object, found '{(char)c}'");
                return false;
            case Mode.AfterArray:
                // A writer that reopened its file may have appended a second array.
                if (c == '[')
                {
                    _mode = Mode.Array;
                    _start++;
                    return false;
                }
                BeginResync($"unexpected '{(char)c}' after the end of the array");
                return false;
            default:
                if (c == '{')
                    return true;
                BeginResync($"expected a JSON object, found '{(char)c}'");
                return false;
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _file.Dispose();
        if (_buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
