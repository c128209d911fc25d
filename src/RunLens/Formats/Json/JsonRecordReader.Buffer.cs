using System.Globalization;
using RunLens.Loading;

namespace RunLens.Formats.Json;

internal sealed partial class JsonRecordReader
{
    private string? _lastError;
    private byte[] _lastRecord = [];
    private int _lastRecordLength;
    private int _lastRecordStart;
    private bool _lastRecordInBuffer;
    private long _lastRecordOffset = -1;
    private bool _lastRecordHasMarkers;
    private bool _parsedFromCopy;
    private int _scratchWritten;
    private bool _commentsSeen;
    private RecordShape _shape = RecordShape.Rent();

    /// <summary>The file offset of the cursor.</summary>
    private long Offset(int position) => _bufferOffset + position;

    /// <summary>The 1-based line of a buffer position (newlines are counted only when a line is needed).</summary>
    private long LineAt(int position) => _linesBeforeBuffer + _buffer.AsSpan(0, position).Count((byte)'\n') + 1;

    private LoadIssue Issue(int position, string message) => new(_path, Offset(position), LineAt(position), message);

    private void SkipWhitespace()
    {
        // Records usually follow each other with no whitespace: one byte compare instead of a vector search. Bytes
        // above ' ' are never skipped; position 0 still goes the long way for the byte order mark check.
        if (_start < _end && _buffer[_start] > (byte)' ' && _bufferOffset + _start != 0)
            return;
        var span = _buffer.AsSpan(_start, _end - _start);
        var skip = span.IndexOfAnyExcept(" \t\r\n"u8);
        if (skip < 0)
        {
            _start = _end;
            return;
        }
        _start += skip;
        // A UTF-8 byte order mark at the very start of the file.
        if (_bufferOffset + _start == 0 && span.Length >= 3 && span.StartsWith("\uFEFF"u8))
            _start += 3;
    }

    /// <summary>True when one record fills the whole window: it is read in passing (<see cref="ReadOversized"/>).</summary>
    private bool WindowFull => _start == 0 && _end == _buffer.Length && _buffer.Length >= _window;

    /// <summary>
    /// Moves the unread bytes to the front of the buffer and reads more, growing the buffer (up to the window) when
    /// one record fills it. Callers check <see cref="WindowFull"/> first.
    /// </summary>
    private void Fill()
    {
        if (_start > 0)
        {
            SaveLastRecordBeforeDiscard();
            var discarded = _buffer.AsSpan(0, _start);
            _linesBeforeBuffer += discarded.Count((byte)'\n');
            var significant = discarded.LastIndexOfAnyExcept(" \t\r\n"u8);
            if (significant >= 0)
                _lastSignificantBeforeBuffer = discarded[significant];
            ByteWindow.Slide(_buffer, ref _start, ref _end, ref _bufferOffset);
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _window)
                return;
            ByteWindow.Grow(ref _buffer, _end, Math.Min(_buffer.Length * 2, _window));
        }
        try
        {
            if (!ByteWindow.Refill(_stream, _buffer, ref _end))
            {
                if (Following)
                    _starved = true;
                else
                    _eof = true;
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            _issues.Add(new LoadIssue(_path, _file.Position, null, string.Create(CultureInfo.InvariantCulture,
                $"cannot read further (at byte {_file.Position} on disk): {ex.Message}; the records before it loaded")), "unreadable data");
            _eof = true;
        }
    }

    /// <summary>
    /// Parses the record at the cursor: in place first; if that fails and the record holds Python's bare
    /// NaN/Infinity tokens, again from a rewritten copy. Once a file has shown such tokens, the copy comes first,
    /// so a file full of them costs no exceptions.
    /// </summary>
    private ParseOutcome ParseHere(RecordBuffer record, bool wantText, out int length) =>
        Parse(_buffer.AsSpan(_start, _end - _start), Offset(_start), record, wantText, out length);

    /// <summary>
    /// Parses the record at the start of <paramref name="data"/>, which is at file offset <paramref name="offset"/>,
    /// and counts it when its text needed repair.
    /// </summary>
    private ParseOutcome Parse(ReadOnlySpan<byte> data, long offset, RecordBuffer record, bool wantText, out int length)
    {
        var outcome = ParseRecord(data, offset, record, wantText, out length);
        if (record.TextRepaired && outcome == ParseOutcome.Complete)
            CountRepair(offset);
        return outcome;
    }

    private ParseOutcome ParseRecord(ReadOnlySpan<byte> data, long offset, RecordBuffer record, bool wantText, out int length)
    {
        _parsedFromCopy = false;
        if (_nonFiniteSeen)
        {
            var rewritten = NonFiniteLiterals.Rewrite(data, ref _scratch, out var sourceLength, out var written);
            if (rewritten == ParseOutcome.NeedMore)
            {
                length = 0;
                return ParseOutcome.NeedMore;
            }
            if (rewritten == ParseOutcome.Complete)
                return ParseCopy(offset, record, wantText, sourceLength, written, out length);
        }
        record.Begin(offset, wantText);
        var outcome = RecordParser.Parse(data, _fields, record, markers: false, ref _commentsSeen, out length, out _lastError, _shape);
        if (outcome != ParseOutcome.Invalid || _nonFiniteSeen || !NonFiniteLiterals.MayContainToken(data[..Math.Min(data.Length, Math.Max(length, 0) + 16)]))
            return outcome;
        var second = NonFiniteLiterals.Rewrite(data, ref _scratch, out var srcLength, out var copyLength);
        if (second == ParseOutcome.Complete)
        {
            _nonFiniteSeen = true;
            return ParseCopy(offset, record, wantText, srcLength, copyLength, out length);
        }
        return second == ParseOutcome.NeedMore ? ParseOutcome.NeedMore : ParseOutcome.Invalid;
    }

    private ParseOutcome ParseCopy(long offset, RecordBuffer record, bool wantText, int sourceLength, int written, out int length)
    {
        record.Begin(offset, wantText);
        var outcome = RecordParser.Parse(_scratch.AsSpan(0, written), _fields, record, markers: true, ref _commentsSeen, out _, out _lastError);
        length = sourceLength;
        _scratchWritten = written;
        _parsedFromCopy = outcome == ParseOutcome.Complete;
        // The copy is complete by construction, so NeedMore here means the record is broken.
        return outcome == ParseOutcome.Complete ? ParseOutcome.Complete : ParseOutcome.Invalid;
    }

    private void RememberLast(int length)
    {
        _lastRecordOffset = Offset(_start);
        _lastRecordHasMarkers = _parsedFromCopy;
        if (_parsedFromCopy)
        {
            // The rewritten copy is what parses; keep it now, the scratch buffer is reused.
            CopyLast(_scratch.AsSpan(0, _scratchWritten));
            _lastRecordInBuffer = false;
            return;
        }
        _lastRecordInBuffer = true;
        _lastRecordStart = _start;
        _lastRecordLength = length;
    }

    private void SaveLastRecordBeforeDiscard()
    {
        if (!_lastRecordInBuffer)
            return;
        CopyLast(_buffer.AsSpan(_lastRecordStart, _lastRecordLength));
        _lastRecordInBuffer = false;
    }

    private void CopyLast(ReadOnlySpan<byte> bytes)
    {
        if (_lastRecord.Length < bytes.Length)
            _lastRecord = new byte[Math.Max(bytes.Length, 256)];
        bytes.CopyTo(_lastRecord);
        _lastRecordLength = bytes.Length;
    }

    /// <summary>
    /// Parses the file's last valid record again, whole (text included), for the reservoir's "latest row". Keeping
    /// its bytes costs one copy per buffer refill instead of materialising every record.
    /// </summary>
    public bool ReadLastRecord(RecordBuffer record)
    {
        if (_lastRecordOffset < 0)
            return false;
        var data = _lastRecordInBuffer ? _buffer.AsSpan(_lastRecordStart, _lastRecordLength) : _lastRecord.AsSpan(0, _lastRecordLength);
        record.Begin(_lastRecordOffset, wantText: true);
        return RecordParser.Parse(data, _fields, record, _lastRecordHasMarkers, ref _commentsSeen, out _, out _) == ParseOutcome.Complete;
    }
}
