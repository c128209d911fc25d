namespace RunLens.Formats.TensorBoard;

/// <summary>
/// What a pass over a run's events finds, event by event, in the order TensorBoard reads them (see
/// <see cref="TensorBoardRunFiles"/> for the rules): the cuts of each file, the steps that go back, restarts, the tags
/// of data not loaded, late hparams. The run's full pass feeds it every event of every file; it is made only when the
/// light pass cannot find the cuts (the data server's rule, a summary without a file version). Otherwise each file's
/// reader makes its part of the notes from the events it decodes anyway (<see cref="FileSurvey"/>).
/// </summary>
internal sealed class RunSurvey(IReadOnlyList<FileInfo> files, TensorBoardDiscards mode)
{
    // The tags met so far, each with its highest step (TagInfo.SurveyMaxStep: the decoder's own table, so no lookup per value).
    private readonly List<TagInfo> _tags = [];
    private readonly PurgeCuts.Builder[] _cuts = files.Select(_ => new PurgeCuts.Builder()).ToArray();
    private readonly List<GoBackNote> _goBacks = [];
    private readonly List<(int File, long Offset, long Step)> _restarts = [];
    private readonly List<(string Kind, string Tag)> _ignored = [];
    private readonly HashSet<string> _ignoredTags = new(StringComparer.Ordinal);
    private readonly List<(int File, long Offset)> _lateHParams = [];

    // EventAccumulator's state: the run's file version and the step of the last summary event.
    private double? _fileVersion;
    private long _mostRecentStep = -1;

    /// <summary>Python's <c>if self.file_version and self.file_version >= 2</c>: None and 0 are false.</summary>
    public static bool IsVersioned(double? fileVersion) => fileVersion is { } v && v != 0 && v >= 2;

    /// <summary>Takes in the event <paramref name="decoder"/> just decoded, at byte <paramref name="offset"/> of file <paramref name="file"/>.</summary>
    public void Event(int file, long offset, EventDecoder decoder)
    {
        var step = decoder.Step;
        if (decoder.FileVersion is { } version)
            _fileVersion = TensorBoardRunFiles.ParseFileVersion(version);
        var versioned = IsVersioned(_fileVersion);
        if (mode == TensorBoardDiscards.EventAccumulator && versioned && decoder.SessionStatus == TensorBoardProto.SessionLog.Start)
        {
            _cuts[file].AddAll(offset, step);
            _restarts.Add((file, offset, step));
            // What the restart discarded is gone: steps from its step on are new, not steps going back.
            foreach (var state in _tags)
                state.SurveyMaxStep = Math.Min(state.SurveyMaxStep, step - 1);
        }
        if (!decoder.HasSummary)
            return;
        var byTags = mode == TensorBoardDiscards.EventAccumulator && !versioned && step < _mostRecentStep;
        foreach (ref readonly var value in decoder.Values)
        {
            if (value.Kind == ValueKind.HParams && offset >= TensorBoardRunFiles.HeadBytes && value.ContentLength > 0)
                _lateHParams.Add((file, offset));
            Ignore(value);
            if (value.Kind is not (ValueKind.Scalar or ValueKind.Histogram or ValueKind.Text))
                continue;
            var state = value.Tag;
            if (!state.SurveySeen)
            {
                state.SurveySeen = true;
                _tags.Add(state);
            }
            if (byTags)
                _cuts[file].Add(state.Name, offset, step);
            if (state.SurveyMaxStep >= step)
                WentBack(file, offset, step, state);
            // The data server's preempted points are gone: its survivors all precede this step.
            state.SurveyMaxStep = mode == TensorBoardDiscards.DataServer ? step : Math.Max(state.SurveyMaxStep, step);
        }
        _mostRecentStep = step;
    }

    private void WentBack(int file, long offset, long step, TagInfo state)
    {
        if (mode == TensorBoardDiscards.DataServer)
            _cuts[file].Add(state.Name, offset, step);
        var g = _goBacks.Count > 0 && _goBacks[^1].File == file ? _goBacks[^1] : null;
        if (g is null)
            _goBacks.Add(g = new GoBackNote(file, offset, step, state.SurveyMaxStep));
        if (g.LastOffset != offset)
        {
            g.Count++;
            g.LastOffset = offset;
        }
        g.Tags.Add(state.Name);
    }

    /// <summary>The cuts of each file. A discard in a file applies to every earlier file whole (their values were all read before it).</summary>
    public PurgeCuts[] Cuts() => PurgeCuts.Builder.BuildRun(_cuts);

    /// <summary>The notes about each file: restarts, steps going back, and (on the first) data not loaded and late hparams.</summary>
    public List<string>[] Notes() => RunNotes.Write(files, mode, IsVersioned(_fileVersion), _restarts, _goBacks, _ignored, _lateHParams);

    private void Ignore(in DecodedValue value)
    {
        if (RunNotes.NotLoaded(value) is { } kind && _ignoredTags.Add(value.Tag.Name))
            _ignored.Add((kind, value.Tag.Name));
    }
}
