using System.Globalization;

namespace RunLens.Formats.Json;

internal sealed partial class JsonRecordReader
{
    private long _repairedRecords;
    private long _firstRepairOffset;
    private long? _firstRepairLine;
    private bool _repairsReported;

    /// <summary>Counts a record whose names or text held bytes that are not UTF-8 (read with U+FFFD in their place).</summary>
    private void CountRepair(long offset)
    {
        if (_repairedRecords++ > 0)
            return;
        _firstRepairOffset = offset;
        _firstRepairLine = offset >= _bufferOffset && offset - _bufferOffset <= _end ? LineAt((int)(offset - _bufferOffset)) : null;
    }

    /// <summary>
    /// One issue per file for every record whose text was repaired: the records loaded, so it is a report, not damage.
    /// Python's json, reading a file opened with <c>errors="replace"</c>, reads such text the same way (and its
    /// strict default fails on the whole file), so names with bad bytes are repaired alike, not dropped.
    /// </summary>
    private void ReportRepairs()
    {
        if (_repairsReported || _repairedRecords == 0)
            return;
        _repairsReported = true;
        _issues.Report(new LoadIssue(_path, _firstRepairOffset, _firstRepairLine, string.Create(CultureInfo.InvariantCulture,
            $"{_repairedRecords} record(s) hold text or names that are not valid UTF-8 (the first at byte {_firstRepairOffset}): read with U+FFFD in place of the bad bytes, as Python's json reads a file opened with errors=\"replace\"; every number in them loaded")));
    }
}
