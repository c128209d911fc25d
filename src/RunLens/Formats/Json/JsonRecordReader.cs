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
internal sealed partial class JsonRecordReader : IFollowingReader
{
    private const int InitialBufferSize = 1 << 20;

    /// <summary>
    /// The most bytes the reader holds at once. A record longer than this is followed through the file in passing
    /// (<see cref="OversizedRecord"/>) instead of growing the buffer to hold it, so one huge value (a 200 MB string)
    /// cannot take the scan's memory with it.
    /// </summary>
    public const int DefaultWindow = 8 << 20;

    private readonly FileStream _file;
    private readonly Stream _stream;
    private readonly string _path;
    private readonly FieldTable _fields;
    private readonly ScanIssues _issues;
    private readonly int _window;
    private byte[] _buffer;
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
    private bool _starved;

    /// <param name="path">The file.</param>
    /// <param name="fields">The run's fields.</param>
    /// <param name="issues">Where problems go.</param>
    /// <param name="window">The most bytes held at once (<see cref="DefaultWindow"/>; tests use a few KB).</param>
    public JsonRecordReader(string path, FieldTable fields, ScanIssues issues, int window = DefaultWindow)
    {
        _window = window;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferSize, window));
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

    /// <inheritdoc />
    public bool CanFollow => true;

    /// <inheritdoc />
    public bool Following { get; set; }

    /// <inheritdoc />
    public long PendingBytes => _end - _start + (_passing?.Length ?? 0);

    /// <inheritdoc />
    public void ReportEnd(ScanIssues issues)
    {
        if (_resync is not null)
            issues.Add(new LoadIssue(_path, _resync.Offset, _resync.Line, NoRecordAfter(_resync)), reason: null);
    }

    /// <summary>
    /// Reads the next valid record into <paramref name="record"/>. Returns false at the end of the file. Text fields
    /// are collected only when <paramref name="wantText"/>.
    /// </summary>
    public bool Read(RecordBuffer record, bool wantText)
    {
        if (ReadNext(record, wantText))
            return true;
        ReportRepairs();
        return false;
    }

    private bool ReadNext(RecordBuffer record, bool wantText)
    {
        while (_mode != Mode.Done)
        {
            // Following a growing file: the end of what it holds now is not its end; go on from here next time.
            if (_starved)
            {
                _starved = false;
                return false;
            }
            if (_passing is not null)
            {
                if (ReadOversized(record, wantText))
                    return true;
                continue;
            }
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
                if (WindowFull)
                {
                    if (ReadOversized(record, wantText))
                        return true;
                    continue;
                }
                Fill();
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
        EndPassing();
        _stream.Dispose();
        _file.Dispose();
        if (_buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        RecordShape.Return(ref _shape);
    }
}
