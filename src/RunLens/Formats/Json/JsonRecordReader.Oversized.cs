using System.Globalization;
using RunLens.Loading;

namespace RunLens.Formats.Json;

internal sealed partial class JsonRecordReader
{
    /// <summary>
    /// Reads the record at the cursor, which fills the whole window, in passing: a window at a time, keeping only a
    /// compact copy without its arrays and long strings (<see cref="OversizedRecord"/>), which is then parsed like
    /// any record. True when it loaded; false when it was skipped (with an issue) or the file ended inside it.
    /// </summary>
    private bool ReadOversized(RecordBuffer record, bool wantText)
    {
        // A followed file may hold only part of the record yet: what was passed so far is kept for the next read.
        if (_passing is null)
            (_passing, _passingOffset, _passingLine) = (new OversizedRecord(_window), Offset(_start), LineAt(_start));
        var (offset, line) = (_passingOffset, _passingLine);
        var oversized = _passing;
        while (true)
        {
            _start += oversized.Advance(_buffer.AsSpan(_start, _end - _start));
            if (oversized.Ended)
                break;
            if (_eof)
            {
                _issues.Add(new LoadIssue(_path, offset, line, string.Create(CultureInfo.InvariantCulture,
                    $"the last record is cut off ({oversized.Length} bytes without an end); the run may still be writing, or was killed. Every record before it loaded")),
                    "truncated");
                _mode = Mode.Done;
                EndPassing();
                return false;
            }
            Fill();
            if (_starved)
                return false;
        }
        using var done = oversized;
        _passing = null;
        _afterRecord = true;
        if (oversized.TooLarge)
        {
            _issues.Add(new LoadIssue(_path, offset, line, string.Create(CultureInfo.InvariantCulture,
                $"a record of {oversized.Length} bytes whose names and numbers alone (without its arrays and long strings) exceed the reader's window of {_window} bytes: skipped, reading resumed after it")),
                "record too large");
            return false;
        }
        var outcome = Parse(oversized.Copy, offset, record, wantText, out _);
        if (outcome != ParseOutcome.Complete)
        {
            _issues.Add(new LoadIssue(_path, offset, line, string.Create(CultureInfo.InvariantCulture,
                $"invalid JSON: {Clean(_lastError ?? "the record does not parse")} in a record of {oversized.Length} bytes; skipped, reading resumed after it")),
                "invalid JSON");
            return false;
        }
        // The copy is what parses again for the latest row; the rewritten copy when bare NaN/Infinity needed one.
        _lastRecordOffset = offset;
        _lastRecordHasMarkers = _parsedFromCopy;
        CopyLast(_parsedFromCopy ? _scratch.AsSpan(0, _scratchWritten) : oversized.Copy);
        _lastRecordInBuffer = false;
        var left = oversized.Strings > 0
            ? string.Create(CultureInfo.InvariantCulture,
                $"{oversized.Strings} string(s) longer than {oversized.StringLimit} bytes (the longest {oversized.LongestString} bytes) read as empty")
            : "every string kept";
        _issues.Report(new LoadIssue(_path, offset, line, string.Create(CultureInfo.InvariantCulture,
            $"a record of {oversized.Length} bytes, longer than the reader's window of {_window} bytes, was read in passing: {left}, its arrays skipped as in every record; its numbers loaded")));
        return true;
    }

    private OversizedRecord? _passing;
    private long _passingOffset;
    private long _passingLine;

    private void EndPassing()
    {
        _passing?.Dispose();
        _passing = null;
    }
}
