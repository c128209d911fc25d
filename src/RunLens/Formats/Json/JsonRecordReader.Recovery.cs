using System.Globalization;
using RunLens.Loading;

namespace RunLens.Formats.Json;

internal sealed partial class JsonRecordReader
{
    /// <summary>Where skipping began after a bad record, and why.</summary>
    private sealed record Resync(long Offset, long Line, string Reason);

    private void Truncated()
    {
        var bytes = _end - _start;
        _issues.Add(Issue(_start, string.Create(CultureInfo.InvariantCulture,
            $"the last record is cut off ({bytes} bytes without an end); the run may still be writing, or was killed. Every record before it loaded")),
            "truncated");
        _start = _end;
        _mode = Mode.Done;
    }

    private void FinishAtEnd()
    {
        // A broken last record followed only by whitespace: the resync never met a record, so say so here.
        if (_resync is not null)
            EndResync(null);
        _mode = Mode.Done;
    }

    /// <summary>Starts skipping after a broken record: one record counted as skipped, the issue is written on resume.</summary>
    private void BeginResync(string reason)
    {
        _resync = new Resync(Offset(_start), LineAt(_start), Clean(reason));
        _issues.Count("invalid JSON");
        _start++;
        _afterRecord = false;
    }

    /// <summary>
    /// Looks for the next place a record can start: in an array, an object not preceded by ':' (a nested value); in a
    /// stream, an object at the start of a line. The candidate must parse whole to be accepted.
    /// </summary>
    private bool TryResync(RecordBuffer record, bool wantText)
    {
        while (true)
        {
            var found = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'{');
            if (found < 0)
            {
                _start = _end;
                if (_eof)
                    EndResync(null);
                return false;
            }
            var candidate = _start + found;
            if (!CanStartRecord(candidate))
            {
                _start = candidate + 1;
                continue;
            }
            _start = candidate;
            var outcome = ParseHere(record, wantText, out var length);
            if (outcome == ParseOutcome.NeedMore)
            {
                if (_eof)
                {
                    EndResync(null);
                    return false;
                }
                if (WindowFull)
                {
                    // A candidate longer than the window: reading resumes here, and the record is read in passing
                    // (if it proves broken, that is reported on its own).
                    EndResync(_start);
                    if (_mode is Mode.Unknown or Mode.AfterArray)
                        _mode = Mode.Array;
                    return ReadOversized(record, wantText);
                }
                Fill();
                return false;
            }
            if (outcome == ParseOutcome.Invalid)
            {
                _start = candidate + 1;
                continue;
            }
            EndResync(candidate);
            RememberLast(length);
            _start += length;
            _afterRecord = true;
            if (_mode is Mode.Unknown or Mode.AfterArray)
                _mode = Mode.Array;
            return true;
        }
    }

    private bool CanStartRecord(int position)
    {
        var before = _buffer.AsSpan(0, position);
        if (_mode == Mode.Stream)
        {
            // JSON lines: a record starts a line. At the very front of the buffer we cannot look back; accept.
            var i = before.LastIndexOfAnyExcept(" \t\r"u8);
            return i < 0 || before[i] == '\n';
        }
        // Arrays: anything but a property value (an object after ':') may be the next record.
        var j = before.LastIndexOfAnyExcept(" \t\r\n"u8);
        var previous = j >= 0 ? before[j] : _lastSignificantBeforeBuffer;
        return previous != ':';
    }

    private void EndResync(int? resumedAt)
    {
        var resync = _resync!;
        _resync = null;
        var message = resumedAt is { } at
            ? string.Create(CultureInfo.InvariantCulture,
                $"invalid JSON: {resync.Reason}; skipped {Offset(at) - resync.Offset} bytes, reading resumed at byte {Offset(at)} (line {LineAt(at)})")
            : NoRecordAfter(resync);
        _issues.Add(new LoadIssue(_path, resync.Offset, resync.Line, message), reason: null);
        if (resumedAt is null)
            _mode = Mode.Done;
    }

    private string NoRecordAfter(Resync resync) => string.Create(CultureInfo.InvariantCulture,
        $"invalid JSON: {resync.Reason}; no valid record after it, the rest of the file ({Offset(_end) - resync.Offset} bytes) is skipped");

    /// <summary>Utf8JsonReader's messages end with positions relative to the record; ours name the file position.</summary>
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.TrimEnd('.', ' ');
    }
}
