using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Scanning;

/// <summary>
/// Following one file of a live run: a worker of its own reads what the file holds now, keeps its reader open at
/// the end, and reads only what was appended on each <see cref="Continue"/>. Its state at any moment merges into a
/// total as the state of a full read of the file as it is then would (see <see cref="SnapshotInto"/>).
/// </summary>
internal sealed partial class ScanWorker
{
    private FileCursor? _followed;
    private IFollowingReader? _following;

    /// <summary>
    /// Reads the file as far as it goes now. True when its reader follows it (kept open for <see cref="Continue"/>);
    /// false when the format cannot be followed or the file cannot be opened: the file was read to its end and closed.
    /// </summary>
    public bool Follow(RunFile file)
    {
        if (Open(file) is not { } cursor)
            return false;
        if (cursor.Reader is IFollowingReader { CanFollow: true } following)
        {
            following.Following = true;
            (_followed, _following) = (cursor, following);
            ReadRecords(cursor);
            return true;
        }
        using (cursor.Reader)
        {
            ReadRecords(cursor);
            Close(cursor);
        }
        return false;
    }

    /// <summary>Reads what was appended to the followed file since the last read; <paramref name="listed"/> is the file as listed now.</summary>
    public void Continue(RunFile? listed = null)
    {
        if (listed is not null)
            _following?.Relisted(listed);
        if (_followed is { } cursor)
            ReadRecords(cursor);
    }

    /// <summary>Records read so far, followed or not.</summary>
    public long Records => _state.Records;

    /// <summary>Bytes read from the followed file so far (0 once closed).</summary>
    public long FollowedBytes => _followed?.Reader.DiskPosition ?? 0;

    /// <summary>Bytes at the end of the followed file that are not a whole record yet.</summary>
    public long PendingBytes => _following?.PendingBytes ?? 0;

    /// <summary>False when the reader decided something from fewer records than a full read would see (see <see cref="IFollowingReader.Settled"/>).</summary>
    public bool Settled => _following?.Settled ?? true;

    /// <summary>Stops following: reads to the end as a read that never followed would (reporting a cut-off last record) and closes the file.</summary>
    public void StopFollowing()
    {
        if (_followed is not { } cursor)
            return;
        _following!.Following = false;
        using (cursor.Reader)
        {
            ReadRecords(cursor);
            Close(cursor);
        }
        (_followed, _following) = (null, null);
    }

    /// <summary>Closes the followed file without reading further (it was replaced, or the scan is dropped).</summary>
    public void Abandon()
    {
        _followed?.Reader.Dispose();
        (_followed, _following) = (null, null);
    }

    private void Close(FileCursor cursor)
    {
        OfferLatest(cursor);
        _state.Bytes += cursor.Reader.DiskPosition;
        _state.Files += cursor.Reader.FilesRead;
        _state.FileSamples.Add(cursor.Sampler.ToSample(cursor.Ordinal));
        _issues.EndFile();
    }

    /// <summary>
    /// Adds this worker's file, as a full read of it ending here would give it, to <paramref name="total"/>; the worker
    /// does not change and goes on following. Reservoir and visit counts are merged from, not copied first.
    /// </summary>
    public void SnapshotInto(ScanState total)
    {
        var view = ScanState.Sharing(_state);
        view.Files = _state.Files;
        view.Records = _state.Records;
        view.RecordsWithoutStep = _state.RecordsWithoutStep;
        view.Bytes = _state.Bytes;
        view.StepMin = _state.StepMin;
        view.StepMax = _state.StepMax;
        view.FileSamples.AddRange(_state.FileSamples);
        for (var id = 0; id < _sketches.Length; id++)
        {
            if (_sketches[id] is not { } sketch)
                continue;
            sketch.Sources.UnionWith(_fields.SourcesOf(id));
            sketch.Alias = _fields.Aliases[id];
            view.Fields.Add(sketch.Name, sketch);
        }
        var issues = _issues.Clone();
        if (_followed is { } cursor)
        {
            view.Bytes += cursor.Reader.DiskPosition;
            view.Files += cursor.Reader.FilesRead;
            view.FileSamples.Add(cursor.Sampler.ToSample(cursor.Ordinal));
            _following!.ReportEnd(issues);
        }
        if (_fields.Overflowed)
            issues.Add(new LoadIssue("(scan)", null, null, $"more than {FieldTable.MaxFields} distinct fields; the rest are not tracked"), reason: null);
        issues.EndFile();
        view.Issues.AddRange(issues.Issues);
        view.Notes.AddRange(issues.Notes);
        foreach (var (reason, count) in issues.Skipped)
            view.Skipped[reason] = count;
        total.MergeFrom(view);
        if (_followed is { } open && open.Ordinal > 0 && _options.ReservoirSize > 0 && open.Reader.ReadLastRecord(_record))
        {
            var step = _record.StepOf(_fields, open.Ordinal - 1, out _);
            total.Reservoir.OfferLatest(step, SampleKeys.Order(open.FileKey, open.Ordinal - 1), MakeRow(open.File.RelativePath, open.Ordinal - 1, step));
        }
    }
}
