namespace RunLens.Formats.TensorBoard;

/// <summary>
/// One file's part of its run's notes (<see cref="RunSurvey"/>'s facts), made by the file's reader from the events it
/// decodes anyway, so no event of a run is decoded twice; <see cref="RunNotes.Combine"/> joins the parts in the run's
/// file order. Whether a value's step goes back depends on the tag's highest step in the earlier files, which a reader
/// of a later file (read in parallel) does not know. It knows a bound: <paramref name="bound"/>, the highest step of
/// any event of the earlier files (from the light pass). A tag is <em>open</em> until one of its values exceeds the
/// bound; from then on its highest step is this file's own and each value is judged here. The events with values of
/// open tags (and the restarts, which lower every tag's highest step) are kept to be judged when the parts are
/// combined: few, unless a file repeats the steps of an earlier one, and then at most <see cref="MaxKept"/> values
/// before the part gives up (<see cref="Overflowed"/>: the notes then come from a pass over the run).
/// </summary>
/// <param name="mode">The run's rule (the data server's only when the full pass found that it cuts nothing).</param>
/// <param name="fileVersion">The run's file version when this file begins.</param>
/// <param name="bound">The highest step of the earlier files' events, <see cref="long.MinValue"/> for the first.</param>
/// <param name="surveyed">The bytes of this file the light pass read: an event from there on was not surveyed, and is
/// checked for what would change points read before it (<see cref="Unsettled"/>).</param>
internal sealed class FileSurvey(TensorBoardDiscards mode, double? fileVersion, long bound, long surveyed)
{
    /// <summary>Values of open tags kept before the part gives up.</summary>
    public const int MaxKept = 1 << 16;

    private readonly List<TagInfo> _closed = [];
    private readonly List<Kept> _kept = [];
    private readonly List<KeptValue> _keptValues = [];
    private readonly List<KeptValue> _event = [];
    private readonly HashSet<string> _ignoredTags = new(StringComparer.Ordinal);
    private readonly List<LightMarker> _markers = [];
    private readonly SortedSet<string> _wentBack = new(StringComparer.Ordinal);
    private bool _summaryInSegment;

    // Steps going back in events with closed tags only: judged here.
    private int _count;
    private long _firstOffset = -1, _firstStep, _firstPrevious;

    /// <summary>An event kept for the combination: a restart, or an event with values of open tags.</summary>
    private readonly record struct Kept(long Offset, long Step, bool Restart, int First, int Count);

    /// <summary>A value kept: of an open tag (judged later), or of a closed one that went back (<paramref name="Previous"/> its tag's highest step).</summary>
    private readonly record struct KeptValue(TagInfo Tag, bool Open, long Previous);

    /// <summary>The run's file version after the events read so far.</summary>
    public double? FileVersion { get; private set; } = fileVersion;

    /// <summary>SessionLog STARTs that cut (offset, step).</summary>
    public List<(long Offset, long Step)> Restarts { get; } = [];

    /// <summary>Tags of data not loaded, first met first.</summary>
    public List<(string Kind, string Tag)> Ignored { get; } = [];

    /// <summary>Offsets of hparams summaries after the head listing reads.</summary>
    public List<long> LateHParams { get; } = [];

    /// <summary>The highest step of the events read, <see cref="long.MinValue"/> before any.</summary>
    public long MaxStep { get; private set; } = long.MinValue;

    /// <summary>The events taken in so far.</summary>
    public long Events { get; private set; }

    /// <summary>True when more than <see cref="MaxKept"/> values were kept: the notes need a pass over the run.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>
    /// True once an event past the surveyed bytes changes points read before it: a SessionLog START at a step no higher
    /// than a step read (it discards them), a summary without a file version (the light pass's cuts do not hold), or
    /// under the data server's rule a step that goes back (or may: below the earlier files' steps).
    /// </summary>
    public bool Unsettled { get; private set; }

    /// <summary>What the light pass would find in the bytes read so far (<paramref name="length"/> of them).</summary>
    public LightFile Light(long length) => new(length, [.. _markers], MaxStep);

    /// <summary>Takes in the event <paramref name="decoder"/> just decoded at byte <paramref name="offset"/>.</summary>
    public void Event(long offset, EventDecoder decoder)
    {
        Events++;
        var step = decoder.Step;
        var unsurveyed = offset >= surveyed;
        if (decoder.FileVersion is { } version)
        {
            FileVersion = TensorBoardRunFiles.ParseFileVersion(version);
            _markers.Add(new LightMarker(offset, LightMark.Version, FileVersion.Value, 0));
            _summaryInSegment = false;
        }
        var versioned = RunSurvey.IsVersioned(FileVersion);
        if (decoder.SessionStatus == TensorBoardProto.SessionLog.Start)
        {
            _markers.Add(new LightMarker(offset, LightMark.Start, 0, step));
            if (mode == TensorBoardDiscards.EventAccumulator && versioned)
            {
                if (unsurveyed && step <= Math.Max(bound, MaxStep))
                    Unsettled = true;
                Restarts.Add((offset, step));
                _kept.Add(new Kept(offset, step, Restart: true, 0, 0));
                // What the restart discarded is gone: steps from its step on are new, not steps going back.
                foreach (var tag in _closed)
                    tag.SurveyMaxStep = Math.Min(tag.SurveyMaxStep, step - 1);
            }
        }
        MaxStep = Math.Max(MaxStep, step);
        if (!decoder.HasSummary)
            return;
        if (!_summaryInSegment)
        {
            _summaryInSegment = true;
            _markers.Add(new LightMarker(offset, LightMark.Summary, 0, 0));
        }
        if (unsurveyed && mode == TensorBoardDiscards.EventAccumulator && !versioned)
            Unsettled = true;
        var open = false;
        foreach (ref readonly var value in decoder.Values)
        {
            // Values that are not read first: the rare ones, off the path of the scalars.
            if (value.Kind is not (ValueKind.Scalar or ValueKind.Histogram or ValueKind.Text))
            {
                Rare(value, offset);
                continue;
            }
            var tag = value.Tag;
            if (!tag.SurveySeen)
            {
                // Above every step of the earlier files: the tag's highest step is this value's, whatever they held.
                if (step > bound)
                {
                    tag.SurveySeen = true;
                    tag.SurveyMaxStep = step;
                    _closed.Add(tag);
                }
                else
                {
                    open = true;
                    _event.Add(new KeptValue(tag, Open: true, 0));
                    // Under the data server's rule a step going back cuts: one that may (below the earlier files' steps) unsettles.
                    Unsettled |= unsurveyed && mode == TensorBoardDiscards.DataServer;
                }
                continue;
            }
            if (tag.SurveyMaxStep >= step)
            {
                _event.Add(new KeptValue(tag, Open: false, tag.SurveyMaxStep));
                Unsettled |= unsurveyed && mode == TensorBoardDiscards.DataServer;
            }
            // The data server's preempted points are gone: its survivors all precede this step.
            tag.SurveyMaxStep = mode == TensorBoardDiscards.DataServer ? step : Math.Max(tag.SurveyMaxStep, step);
        }
        if (_event.Count == 0)
            return;
        if (open)
        {
            _kept.Add(new Kept(offset, step, Restart: false, _keptValues.Count, _event.Count));
            _keptValues.AddRange(_event);
            Overflowed |= _keptValues.Count > MaxKept;
        }
        else
        {
            _count++;
            if (_firstOffset < 0)
                (_firstOffset, _firstStep, _firstPrevious) = (offset, step, _event[0].Previous);
            foreach (var went in _event)
                _wentBack.Add(went.Tag.Name);
        }
        _event.Clear();
    }

    private void Rare(in DecodedValue value, long offset)
    {
        if (value.Kind == ValueKind.HParams && offset >= TensorBoardRunFiles.HeadBytes && value.ContentLength > 0)
            LateHParams.Add(offset);
        if (RunNotes.NotLoaded(value) is { } kind && _ignoredTags.Add(value.Tag.Name))
            Ignored.Add((kind, value.Tag.Name));
    }

    /// <summary>
    /// This file's steps going back, given each tag's highest step when the file begins (<paramref name="steps"/>,
    /// brought to the file's end here), or null when none go back.
    /// </summary>
    public GoBackNote? Resolve(int file, Dictionary<string, long> steps)
    {
        var count = _count;
        var (firstOffset, firstStep, firstPrevious) = (_firstOffset, _firstStep, _firstPrevious);
        var tags = new SortedSet<string>(_wentBack, StringComparer.Ordinal);
        foreach (var kept in _kept)
        {
            if (kept.Restart)
            {
                foreach (var tag in steps.Keys.ToList())
                    steps[tag] = Math.Min(steps[tag], kept.Step - 1);
                continue;
            }
            long? previous = null;
            for (var i = kept.First; i < kept.First + kept.Count; i++)
            {
                var value = _keptValues[i];
                var name = value.Tag.Name;
                var before = value.Previous;
                var went = true;
                if (value.Open)
                {
                    before = steps.GetValueOrDefault(name, long.MinValue);
                    went = before >= kept.Step;
                    steps[name] = mode == TensorBoardDiscards.DataServer ? kept.Step : Math.Max(before, kept.Step);
                }
                if (!went)
                    continue;
                previous ??= before;
                tags.Add(name);
            }
            if (previous is null)
                continue;
            count++;
            if (firstOffset < 0 || kept.Offset < firstOffset)
                (firstOffset, firstStep, firstPrevious) = (kept.Offset, kept.Step, previous.Value);
        }
        // A closed tag's highest step is this file's own from its closing on.
        foreach (var tag in _closed)
            steps[tag.Name] = tag.SurveyMaxStep;
        if (count == 0)
            return null;
        var note = new GoBackNote(file, firstOffset, firstStep, firstPrevious) { Count = count };
        note.Tags.UnionWith(tags);
        return note;
    }
}
