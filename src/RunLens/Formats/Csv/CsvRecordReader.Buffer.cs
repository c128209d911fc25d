using System.Globalization;
using RunLens.Loading;

namespace RunLens.Formats.Csv;

internal sealed partial class CsvRecordReader
{
    private byte[] _last = [];
    private int _lastStart;
    private int _lastLength;
    private bool _lastInBuffer;
    private long _lastOffset = -1;

    /// <summary>Moves the unread bytes to the front of the buffer (growing it for a long row) and reads more.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            SaveLast();
            ByteWindow.Slide(_buffer, ref _start, ref _end, ref _bufferOffset);
        }
        if (_end == _buffer.Length)
            ByteWindow.Grow(ref _buffer, _end, _buffer.Length * 2);
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
            _issues.Add(new LoadIssue(_path, Offset(_end), _line, string.Create(CultureInfo.InvariantCulture,
                $"cannot read further (at byte {_raw.BytesRead} on disk): {ex.Message}; the rows before it loaded")), "unreadable data");
            _eof = true;
        }
    }

    /// <summary>Remembers where the last valid row is, without copying it while it stays in the buffer.</summary>
    private void RememberLast(int start, int length)
    {
        _lastStart = start;
        _lastLength = length;
        _lastInBuffer = true;
        _lastOffset = Offset(start);
    }

    private void SaveLast()
    {
        if (!_lastInBuffer)
            return;
        if (_last.Length < _lastLength)
            _last = new byte[Math.Max(_lastLength, 256)];
        _buffer.AsSpan(_lastStart, _lastLength).CopyTo(_last);
        _lastInBuffer = false;
    }

    /// <summary>Parses the last valid row again, with its text cells, for the reservoir's "latest row".</summary>
    public bool ReadLastRecord(RecordBuffer record)
    {
        if (_lastOffset < 0)
            return false;
        var row = _lastInBuffer ? _buffer.AsSpan(_lastStart, _lastLength) : _last.AsSpan(0, _lastLength);
        record.Begin(_lastOffset, wantText: true);
        var parsed = ParseRow(row, record, wantText: true, countText: false, out _, out _);
        SetRuleStep(record);
        return parsed;
    }
}
