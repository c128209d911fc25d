using System.Globalization;

namespace RunLens.Formats.Csv;

internal sealed partial class CsvRecordReader
{
    private enum RowEnd { Found, NeedMore, None }

    /// <summary>
    /// Finds where the row at the cursor ends, following quoted cells across line breaks. At the end of the data a
    /// row without a line end ends there (<paramref name="terminated"/> false). <paramref name="inQuote"/> says a
    /// quoted cell was still open: at the end of the data (never closed), or when more data is needed.
    /// </summary>
    private RowEnd FindRowEnd(out int contentEnd, out int next, out int newlines, out bool terminated, out bool inQuote)
    {
        (contentEnd, next, newlines, terminated, inQuote) = (0, 0, 0, false, false);
        if (!_bomChecked)
        {
            if (_end - _start < 3 && !_eof)
                return RowEnd.NeedMore;
            if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
                _start += 3;
            _bomChecked = true;
        }
        if (_start == _end)
            return _eof ? RowEnd.None : RowEnd.NeedMore;
        var span = _buffer.AsSpan(_start, _end - _start);
        var i = 0;
        while (true)
        {
            var found = span[i..].IndexOfAny((byte)'\n', (byte)'"');
            if (found < 0)
                return AtEnd(span, ref contentEnd, ref next, inQuote: false, out inQuote);
            var p = i + found;
            if (span[p] == '\n')
            {
                newlines++;
                contentEnd = _start + (p > 0 && span[p - 1] == '\r' ? p - 1 : p);
                next = _start + p + 1;
                terminated = true;
                return RowEnd.Found;
            }
            if (p > 0 && span[p - 1] != ',')
            {
                // A quote inside an unquoted cell is an ordinary character.
                i = p + 1;
                continue;
            }
            var q = p + 1;
            while (true)
            {
                var close = span[q..].IndexOf((byte)'"');
                if (close < 0)
                {
                    newlines += span[p..].Count((byte)'\n');
                    return AtEnd(span, ref contentEnd, ref next, inQuote: true, out inQuote);
                }
                q += close;
                if (q + 1 == span.Length && !_eof)
                {
                    // A doubled quote may continue in the next read.
                    inQuote = true;
                    return RowEnd.NeedMore;
                }
                if (q + 1 < span.Length && span[q + 1] == '"')
                {
                    q += 2;
                    continue;
                }
                break;
            }
            newlines += span[p..q].Count((byte)'\n');
            i = q + 1;
        }
    }

    private RowEnd AtEnd(ReadOnlySpan<byte> span, ref int contentEnd, ref int next, bool inQuote, out bool stillInQuote)
    {
        stillInQuote = inQuote;
        if (!_eof)
            return RowEnd.NeedMore;
        var length = span.Length;
        if (span[^1] == '\r')
            length--;
        contentEnd = _start + length;
        next = _end;
        return RowEnd.Found;
    }

    /// <summary>Skips the first physical line of the row at the cursor (after a malformed row that spans lines).</summary>
    private void SkipFirstLine()
    {
        var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        _start = newline < 0 ? _end : _start + newline + 1;
        _line++;
    }

    /// <summary>A row longer than <see cref="MaxRowBytes"/> so far.</summary>
    private void TooLong(bool inQuote)
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        if (inQuote && span.IndexOf((byte)'\n') >= 0)
        {
            // A quote opened and not closed within the limit: the stray-quote case, so skip its first line only.
            ReportMalformed(_start, "a quoted cell is not closed within " + (MaxRowBytes >> 20) + " MB", multiLine: true);
            SkipFirstLine();
            return;
        }
        _issues.Add(new LoadIssue(_path, Offset(_start), _line, string.Create(CultureInfo.InvariantCulture,
            $"a line longer than {MaxRowBytes >> 20} MB; it is skipped")), Malformed);
        _line += span.Count((byte)'\n');
        _start = _end;
        _skippingLine = true;
    }

    private void SkipRestOfLine()
    {
        var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (newline >= 0)
        {
            _start += newline + 1;
            _line++;
            _skippingLine = false;
            return;
        }
        _start = _end;
        if (_eof)
            _done = true;
        else
            Fill();
    }
}
