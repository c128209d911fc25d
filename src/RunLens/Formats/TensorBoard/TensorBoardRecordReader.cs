using System.Globalization;
using Google.Protobuf;
using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.TensorBoard;

/// <summary>
/// Streams a TensorBoard event file (<c>events.out.tfevents.*</c>, <see cref="FileFormats.TensorBoard"/>): one
/// <c>Event</c> with a summary is one record, its step <c>Event.step</c> and its wall time <c>Event.wall_time</c>.
/// Each <c>Summary.Value</c> adds a field named by its tag: <c>simple_value</c> and one-element numeric tensors as
/// numbers, histograms as <c>&lt;tag&gt;/count</c>, <c>/mean</c>, <c>/min</c>, <c>/max</c>, <c>/std</c> (see
/// <see cref="HistogramStats"/>), text summaries as text values. Images, audio and other plugins' data are not
/// read (the run's pass notes their tags once), and events without such values (the file version, graphs, session logs,
/// hparams) are not records. Values TensorBoard's reader discards (a resumed run's orphaned points: <see cref="TensorBoardRunFiles"/>)
/// are left out.
/// </summary>
internal sealed class TensorBoardRecordReader : IFollowingReader
{
    private readonly TfRecordFrames _frames;
    private readonly FieldTable _fields;
    private readonly ScanIssues _issues;
    private readonly string _path;
    private readonly EventDecoder _decoder = new(new TagTable());
    private readonly PurgeCuts _cuts;
    private long _lastOffset = -1;

    // This file's part of the run's notes, made from the events this reader decodes when a light pass left them to the
    // readers, and the run's ledger that joins the parts (null after the full pass, which made the notes).
    private readonly FileSurvey? _part;
    private readonly RunLedger? _ledger;
    private bool _noted;

    // While following: the end of the bytes there were was reached, and then more came to a file that is not the run's
    // last read (a later file's reader took this one's facts as they were), so the run is read again.
    private bool _atEnd;
    private bool _unsettled;

    // Text summaries met (tag: count), noted once at the end of the file: they are values, but no series.
    private SortedDictionary<string, long>? _textTags;

    /// <param name="file">The event file.</param>
    /// <param name="cuts">The values of the file TensorBoard's reader discards.</param>
    /// <param name="fields">The scan's fields.</param>
    /// <param name="issues">Where problems and notes go.</param>
    /// <param name="part">After a light pass: this file's part of the run's notes, which takes in every event read
    /// (<see cref="TensorBoardRunFiles.Survey.ReaderNotes"/>).</param>
    /// <param name="ledger">With <paramref name="part"/>: the run's ledger, which gives the run's notes once every file has its part.</param>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public TensorBoardRecordReader(RunFile file, PurgeCuts cuts, FieldTable fields, ScanIssues issues, FileSurvey? part = null, RunLedger? ledger = null)
    {
        _path = file.Path;
        _fields = fields;
        _issues = issues;
        _cuts = cuts;
        _part = part;
        _ledger = ledger;
        _frames = new TfRecordFrames(file.Path, issues);
    }

    public long DiskPosition => _frames.DiskPosition;

    /// <summary>
    /// A file of a run whose cuts a light pass found can be followed: appended events are read as they come, and the
    /// notes are made from the readers' parts. An appended event that discards points read before it (a restart at a
    /// step already read), a summary without a file version, or bytes appended to a file that is not the run's last
    /// read unsettle it, and the run is read again.
    /// </summary>
    public bool CanFollow => _part is not null;

    /// <inheritdoc />
    public bool Following
    {
        get => _frames.Following;
        set => _frames.Following = value;
    }

    /// <inheritdoc />
    public bool Settled => _frames.Settled && !_unsettled && _part?.Unsettled != true;

    /// <inheritdoc />
    public long PendingBytes => _frames.Pending;

    /// <inheritdoc />
    public void ReportEnd(ScanIssues issues)
    {
        foreach (var note in _ledger?.Notes() ?? [])
            issues.Note(note);
        if (_textTags is not null)
            issues.Note(TextNote(_textTags));
    }

    public bool Read(RecordBuffer record, bool wantText)
    {
        while (_frames.Next(out var offset, out var start, out var length))
        {
            if (_atEnd)
            {
                _atEnd = false;
                _unsettled |= _ledger?.HasLaterPart(_path) == true;
            }
            if (Fill(record, _frames.Buffer, start, length, offset, wantText, survey: true))
            {
                _lastOffset = offset;
                return true;
            }
        }
        _atEnd = true;
        if (_part is not null)
            _ledger?.Keep(_path, _part, _part.Light(_frames.DiskPosition - _frames.Pending));
        // Notes are made at the file's end; a followed file's end is not here yet (ReportEnd gives them meanwhile).
        if (!Following)
        {
            NoteSurvey();
            NoteText();
        }
        return false;
    }

    /// <summary>
    /// Gives the run's notes made from the readers' parts, once, at the end of the file, when every file of the run has
    /// its part (the last reader of a scan to end gives them; notes are a set, so several giving them is no harm).
    /// </summary>
    private void NoteSurvey()
    {
        if (_ledger is null || _noted)
            return;
        _noted = true;
        foreach (var note in _ledger.Notes() ?? [])
            _issues.Note(note);
    }

    /// <summary>Says which text summaries the file holds (ML-Agents writes its hyperparameters as one), once.</summary>
    private void NoteText()
    {
        if (_textTags is null)
            return;
        _issues.Note(TextNote(_textTags));
        _textTags = null;
    }

    private string TextNote(SortedDictionary<string, long> textTags)
    {
        var tags = string.Join(", ", textTags.Take(10).Select(t => string.Create(CultureInfo.InvariantCulture, $"'{t.Key}' ({t.Value})")));
        var more = textTags.Count > 10 ? string.Create(CultureInfo.InvariantCulture, $" and {textTags.Count - 10} more") : "";
        return $"{Path.GetFileName(_path)}: text summaries {tags}{more} are read as text values (in sampled rows and tables), not as series";
    }

    public bool ReadLastRecord(RecordBuffer record)
    {
        if (_lastOffset < 0 || !_frames.TryReadAt(_lastOffset, out var data))
            return false;
        return Fill(record, data, 0, data.Length, _lastOffset, wantText: true, survey: false);
    }

    /// <summary>Decodes one event into the record; false when it holds nothing that is read (not a record). <paramref name="survey"/>
    /// is false when the event is read again (the last record), so the survey takes in each event once.</summary>
    private bool Fill(RecordBuffer record, byte[] buffer, int start, int length, long offset, bool wantText, bool survey)
    {
        try
        {
            _decoder.Decode(buffer, start, length, wantText);
        }
        catch (InvalidProtocolBufferException ex)
        {
            _issues.Add(new LoadIssue(_path, offset, null, string.Create(CultureInfo.InvariantCulture,
                $"record is not a valid Event proto although its checksum holds ({ex.Message}); record skipped, the rest loads")), "malformed event");
            return false;
        }
        if (survey)
            _part?.Event(offset, _decoder);
        if (!_decoder.HasSummary || _decoder.Count == 0)
            return false;
        var step = _decoder.Step;
        record.Begin(offset, wantText);
        record.SetStep(step);
        record.WallTime = _decoder.WallTime;
        var any = false;
        foreach (ref readonly var value in _decoder.Values)
        {
            if (value.Kind is not (ValueKind.Scalar or ValueKind.Histogram or ValueKind.Text) || Purged(value.Tag, offset, step))
                continue;
            any = true;
            switch (value.Kind)
            {
                case ValueKind.Scalar:
                    record.Add(FieldOf(value.Tag), value.Number);
                    break;
                case ValueKind.Histogram:
                    AddHistogram(record, value.Tag, value.Histogram);
                    break;
                default:
                    if (wantText && value.Text is { } text)
                        record.AddText(FieldOf(value.Tag), text);
                    _textTags ??= new(StringComparer.Ordinal);
                    _textTags[value.Tag.Name] = _textTags.GetValueOrDefault(value.Tag.Name) + 1;
                    break;
            }
        }
        return any;
    }

    private bool Purged(TagInfo tag, long offset, long step)
    {
        if (_cuts.IsEmpty)
            return false;
        if (_cuts.All?.Drops(offset, step) == true)
            return true;
        if (!tag.CutsLooked)
        {
            tag.Cuts = _cuts.For(tag.Name);
            tag.CutsLooked = true;
        }
        return tag.Cuts?.Drops(offset, step) == true;
    }

    private int FieldOf(TagInfo tag)
    {
        if (tag.Field == TagInfo.Unassigned)
            tag.Field = _fields.FlatField(tag.Name);
        return tag.Field;
    }

    private void AddHistogram(RecordBuffer record, TagInfo tag, HistogramStats stats)
    {
        var ids = tag.HistogramFields ??=
        [
            _fields.FlatField(tag.Name + "/count"), _fields.FlatField(tag.Name + "/mean"), _fields.FlatField(tag.Name + "/min"),
            _fields.FlatField(tag.Name + "/max"), _fields.FlatField(tag.Name + "/std"),
        ];
        record.Add(ids[0], stats.Count);
        // An empty histogram has a count and nothing else to summarise.
        if (stats.Count <= 0)
            return;
        record.Add(ids[1], stats.Mean);
        record.Add(ids[2], stats.Min);
        record.Add(ids[3], stats.Max);
        record.Add(ids[4], stats.Std);
    }

    public void Dispose() => _frames.Dispose();
}
