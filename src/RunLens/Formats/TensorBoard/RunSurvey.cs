using System.Globalization;

namespace RunLens.Formats.TensorBoard;

/// <summary>
/// What a pass over a run's events finds, event by event, in the order TensorBoard reads them (see
/// <see cref="TensorBoardRunFiles"/> for the rules): the cuts of each file, the steps that go back, restarts, the tags
/// of data not loaded, late hparams. The run's survey feeds it every event of every file; the reader of a run's only
/// file, when the light pass found the cuts (<see cref="TensorBoardRunFiles.Survey.ReaderNotes"/>), feeds it the
/// events it decodes anyway, for the notes, so no event is decoded twice.
/// </summary>
internal sealed class RunSurvey(IReadOnlyList<FileInfo> files, TensorBoardDiscards mode)
{
    // The tags met so far, each with its highest step (TagInfo.SurveyMaxStep: the decoder's own table, so no lookup per value).
    private readonly List<TagInfo> _tags = [];
    private readonly PurgeCuts.Builder[] _cuts = files.Select(_ => new PurgeCuts.Builder()).ToArray();
    private readonly List<GoBack> _goBacks = [];
    private readonly List<(int File, long Offset, long Step)> _restarts = [];
    private readonly List<(string Kind, string Tag)> _ignored = [];
    private readonly HashSet<string> _ignoredTags = new(StringComparer.Ordinal);
    private readonly List<string> _lateHParams = [];

    // EventAccumulator's state: the run's file version and the step of the last summary event.
    private double? _fileVersion;
    private long _mostRecentStep = -1;

    private sealed class GoBack(int file, long offset, long step, long previous)
    {
        public int File { get; } = file;

        public long Offset { get; } = offset;

        public long Step { get; } = step;

        public long Previous { get; } = previous;

        public int Count { get; set; }

        public long LastOffset { get; set; } = -1;

        public SortedSet<string> Tags { get; } = new(StringComparer.Ordinal);
    }

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
                _lateHParams.Add(Invariant($"{files[file].Name} (byte {offset})"));
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
            _goBacks.Add(g = new GoBack(file, offset, step, state.SurveyMaxStep));
        if (g.LastOffset != offset)
        {
            g.Count++;
            g.LastOffset = offset;
        }
        g.Tags.Add(state.Name);
    }

    /// <summary>The cuts of each file. A discard in a file applies to every earlier file whole (their values were all read before it).</summary>
    public PurgeCuts[] Cuts()
    {
        var perFile = new PurgeCuts[files.Count];
        var later = new Dictionary<string, long>(StringComparer.Ordinal);
        var laterAll = long.MaxValue;
        for (var file = files.Count - 1; file >= 0; file--)
        {
            perFile[file] = _cuts[file].Build(later, laterAll);
            foreach (var (tag, step) in _cuts[file].Lowest())
                later[tag] = later.TryGetValue(tag, out var s) ? Math.Min(s, step) : step;
            laterAll = Math.Min(laterAll, _cuts[file].LowestAll);
        }
        return perFile;
    }

    /// <summary>The notes about each file: restarts, steps going back, and (on the first) data not loaded and late hparams.</summary>
    /// <summary>True when an event met so far discards points read before it (a restart, steps going back under a discarding rule).</summary>
    public bool Discards => _cuts.Any(c => c.LowestAll != long.MaxValue || c.Lowest().Any());

    public List<string>[] Notes()
    {
        var notes = files.Select(_ => new List<string>()).ToArray();
        foreach (var (file, offset, step) in _restarts)
            notes[file].Add(Invariant($"TensorBoard purge: a SessionLog START (a run resumed with purge_step) at step {step} in {files[file].Name} (byte {offset}) discards every tag's points read before it at steps >= {step}, as TensorBoard's EventAccumulator does"));
        foreach (var g in _goBacks)
        {
            var what = g.Count == 1 ? "" : Invariant($" ({g.Count} times in this file)");
            var first = Invariant($"steps go back in {files[g.File].Name}{what}, first at byte {g.Offset} (step {g.Step} after {g.Previous}; tags {string.Join(", ", g.Tags)})");
            notes[g.File].Add(mode switch
            {
                TensorBoardDiscards.DataServer => first + ": as TensorBoard's data server shows the run, each tag's earlier points at steps at least the new step are discarded",
                TensorBoardDiscards.None => first + "; every point kept (TensorBoardDiscards.None)",
                _ => IsVersioned(_fileVersion)
                    ? first + "; kept, as TensorBoard's EventAccumulator keeps them in file_version 2 logs (it discards only at a SessionLog START)"
                    : first + ": without a file version, TensorBoard's EventAccumulator discards those tags' points read before at steps at least the new step",
            });
        }
        if (files.Count > 0)
        {
            foreach (var group in _ignored.GroupBy(i => i.Kind))
                notes[0].Add($"not loaded ({group.Key}): {string.Join(", ", group.Select(g => g.Tag))}");
            if (_lateHParams.Count > 0)
                notes[0].Add(Invariant($"hparams summaries after the first {TensorBoardRunFiles.HeadBytes / 1024} KiB of a file ({string.Join(", ", _lateHParams)}) are not in the run's configuration: listing reads only the head of each event file"));
        }
        return notes;
    }

    private void Ignore(in DecodedValue value)
    {
        if (value.Kind is not (ValueKind.Image or ValueKind.Audio or ValueKind.Other) || !_ignoredTags.Add(value.Tag.Name))
            return;
        var kind = value.Kind switch
        {
            ValueKind.Image => "images",
            ValueKind.Audio => "audio",
            _ => value.Tag.Plugin is { } plugin ? $"'{plugin}' plugin data" : "non-scalar tensors",
        };
        _ignored.Add((kind, value.Tag.Name));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
