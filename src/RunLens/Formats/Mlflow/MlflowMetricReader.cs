using System.Buffers;
using System.Buffers.Text;
using System.Text;
using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Mlflow;

/// <summary>
/// Streams one MLflow file-store metric file (<c>metrics/&lt;key&gt;</c>): one point per line, <c>timestamp value
/// step</c> separated by single spaces, or the old two-column <c>timestamp value</c> (step 0), exactly the lines
/// FileStore._get_metric_from_line accepts. The timestamp is milliseconds since the epoch (the record's wall time);
/// the value may be <c>nan</c>, <c>inf</c> or <c>-inf</c>; the step is the record's step. The key is
/// the key its <see cref="MlflowMetricSource"/> holds. A malformed line is reported with its line and byte offset and skipped; a last line
/// without its line end (a run still writing, or killed) is read when it is whole and reported when it is cut short.
/// </summary>
internal sealed class MlflowMetricReader : IFollowingReader
{
    private const int BufferSize = 1 << 16;

    /// <summary>Longer than any metric line (about 40 bytes): a line this long is not one, and is skipped unread.</summary>
    private const int MaxLineBytes = 4096;

    private readonly FileStream _file;
    private readonly string _path;
    private readonly ScanIssues _issues;
    private readonly int _field;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _start;
    private int _end;
    private long _bufferOffset;
    private long _lines;
    private bool _eof;
    private bool _done;
    private bool _skippingLongLine;
    private int _columns;
    private readonly MlflowEmitter _emitter = new();

    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public MlflowMetricReader(RunFile file, string key, FieldTable fields, ScanIssues issues)
    {
        _path = file.Path;
        _issues = issues;
        _field = fields.FlatField(key);
        _file = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
    }

    public long DiskPosition => _file.Position;

    /// <inheritdoc />
    public bool CanFollow => true;

    /// <inheritdoc />
    public bool Following { get; set; }

    /// <inheritdoc />
    public long PendingBytes => _end - _start;

    /// <inheritdoc />
    public void ReportEnd(ScanIssues issues)
    {
        // A line without its end is a point being written, not damage, while the file is followed.
    }

    /// <summary>True when a followed file has no more bytes now but may get more (not its end).</summary>
    private bool Starved => Following && !_eof;

    public bool Read(RecordBuffer record, bool wantText)
    {
        while (!_done)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var newline = pending.IndexOf((byte)'\n');
            if (_skippingLongLine)
            {
                _start = newline < 0 ? _end : _start + newline + 1;
                _skippingLongLine = newline < 0;
                if (newline < 0 && !Fill())
                {
                    if (Starved)
                        return false;
                    _done = true;
                }
                continue;
            }
            if (newline >= 0)
            {
                var at = _start;
                _start += newline + 1;
                if (Parse(at, newline, terminated: true, out var point))
                    return _emitter.Emit(record, wantText, point);
                continue;
            }
            if (pending.Length >= MaxLineBytes)
            {
                _lines++;
                _issues.Add(new LoadIssue(_path, _bufferOffset + _start, _lines, FormattableString.Invariant(
                    $"a line longer than {MaxLineBytes} bytes is not an MLflow metric line ('timestamp value step'); line skipped")), "malformed MLflow metric line");
                _skippingLongLine = true;
                _start = _end;
                continue;
            }
            if (Fill())
                continue;
            if (Starved)
                return false;
            _done = true;
            if (_start < _end)
            {
                var at = _start;
                _start = _end;
                if (Parse(at, _end - at, terminated: false, out var point))
                    return _emitter.Emit(record, wantText, point);
            }
        }
        return false;
    }

    public bool ReadLastRecord(RecordBuffer record) => _emitter.EmitLast(record);

    /// <summary>Parses the line at <paramref name="at"/> (without its line end); false (reported) when it is not a point.</summary>
    private bool Parse(int at, int length, bool terminated, out MlflowPoint point)
    {
        point = default;
        var line = ++_lines;
        var offset = _bufferOffset + at;
        var raw = _buffer.AsSpan(at, length);
        if (terminated && TryParsePlain(raw, out var plainStamp, out var plainValue, out var plainStep))
        {
            _columns = 3;
            point = new MlflowPoint(offset, _field, plainStep, plainValue, plainStamp / 1000.0);
            return true;
        }
        var text = Strip(raw);
        if (text.IsEmpty)
            return false;
        // Python's split(" "): single spaces; an empty part (two spaces) makes the line malformed, as in MLflow.
        var first = text.IndexOf((byte)' ');
        var second = first < 0 ? -1 : text[(first + 1)..].IndexOf((byte)' ');
        var count = first < 0 ? 1 : second < 0 ? 2 : text[(first + second + 2)..].Contains((byte)' ') ? 4 : 3;
        var stamp = first < 0 ? text : text[..first];
        var number = first < 0 ? default : second < 0 ? text[(first + 1)..] : text.Slice(first + 1, second);
        var stepText = count == 3 ? text[(first + second + 2)..] : default;
        long step = 0;
        if (count is 2 or 3
            && PythonNumbers.TryParseInteger(stamp, out var timestamp)
            && PythonNumbers.TryParseFloat(number, out var value)
            && (count == 2 || PythonNumbers.TryParseInteger(stepText, out step))
            && (terminated || count == 3 || _columns != 3))
        {
            _columns = count;
            point = new MlflowPoint(offset, _field, step, value, timestamp / 1000.0);
            return true;
        }
        var shown = Encoding.UTF8.GetString(text[..Math.Min(text.Length, 80)]);
        if (terminated)
        {
            _issues.Add(new LoadIssue(_path, offset, line,
                $"not an MLflow metric line: '{shown}' (expected 'timestamp value step' or 'timestamp value'); line skipped"), "malformed MLflow metric line");
        }
        else
        {
            _issues.Add(new LoadIssue(_path, offset, line,
                $"the last line is cut off ('{shown}' without a line end); the run may still be writing, or was killed. Every line before it loaded"), "truncated");
        }
        return false;
    }

    /// <summary>
    /// The line as MLflow writes it, read in one pass: <c>digits value digits</c>, single spaces, nothing around, the
    /// value <c>-?digits(.digits)?(e[+-]?digits)?</c> and finite. Integers of at most 18 digits are summed by hand
    /// (no overflow), the value is parsed by <see cref="Utf8Parser"/>, correctly rounded like <see cref="double.Parse(string)"/>.
    /// False for anything else (nan, inf, signs, two columns, other whitespace): the general path decides those, so
    /// both give the same points and issues.
    /// </summary>
    private static bool TryParsePlain(ReadOnlySpan<byte> line, out long stamp, out double value, out long step)
    {
        value = 0;
        step = 0;
        var p = 0;
        if (!TryDigits(line, ref p, out stamp) || p >= line.Length || line[p++] != ' ')
            return false;
        var start = p;
        if (p < line.Length && line[p] == '-')
            p++;
        if (!SkipDigits(line, ref p))
            return false;
        if (p < line.Length && line[p] == '.')
        {
            p++;
            if (!SkipDigits(line, ref p))
                return false;
        }
        if (p < line.Length && (line[p] | 0x20) == 'e')
        {
            p++;
            if (p < line.Length && line[p] is (byte)'+' or (byte)'-')
                p++;
            if (!SkipDigits(line, ref p))
                return false;
        }
        var number = line[start..p];
        if (p >= line.Length || line[p++] != ' ' || !TryDigits(line, ref p, out step) || p != line.Length)
            return false;
        return Utf8Parser.TryParse(number, out value, out var used) && used == number.Length && double.IsFinite(value);
    }

    /// <summary>1 to 18 decimal digits at <paramref name="p"/>, as a number.</summary>
    private static bool TryDigits(ReadOnlySpan<byte> text, ref int p, out long value)
    {
        value = 0;
        var start = p;
        while (p < text.Length && (uint)(text[p] - '0') <= 9)
            value = value * 10 + (text[p++] - '0');
        return p > start && p - start <= 18;
    }

    private static bool SkipDigits(ReadOnlySpan<byte> text, ref int p)
    {
        var start = p;
        while (p < text.Length && (uint)(text[p] - '0') <= 9)
            p++;
        return p > start;
    }

    /// <summary>Python's str.strip(): whitespace off both ends (a CRLF file's '\r' included).</summary>
    private static ReadOnlySpan<byte> Strip(ReadOnlySpan<byte> text) => text.Trim(" \t\r\n\v\f"u8);

    /// <summary>Reads more of the file after what is unread; false at the end (or when it cannot be read further).</summary>
    private bool Fill()
    {
        if (_eof)
            return false;
        if (_start > 0)
        {
            ByteWindow.Slide(_buffer, ref _start, ref _end, ref _bufferOffset);
        }
        try
        {
            if (!ByteWindow.Refill(_file, _buffer, ref _end))
            {
                // Following a growing file, no bytes now is not the end: the next read tries again.
                _eof = !Following;
                return false;
            }
            return true;
        }
        catch (IOException ex)
        {
            _issues.Add(new LoadIssue(_path, _file.Position, null,
                $"cannot read further: {ex.Message}; the lines before it loaded"), "unreadable data");
            _eof = true;
            return false;
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        if (_buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
