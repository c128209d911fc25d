using System.Globalization;
using Google.Protobuf;

namespace RunLens.Formats.TensorBoard;

/// <summary>
/// The event files of one TensorBoard run and what a pass over all of them finds: the points TensorBoard's default
/// reader discards, hyperparameters, the tags of data that is not loaded. Listing a run reads none of it (only the
/// head of each file, for hyperparameters: <see cref="Head"/>); the pass runs once, when a file of the run is first
/// read, and every reader of the run (scans run files in parallel) takes its file's cuts from it.
/// </summary>
/// <remarks>
/// <para>Which points are discarded is <see cref="LoadOptions.TensorBoardDiscards"/>'s choice. By default it is
/// TensorBoard's <c>EventAccumulator</c> (<c>tensorboard.backend.event_processing.event_accumulator</c>, the reader
/// TensorBoard's Python API gives, <c>purge_orphaned_data</c> on): in a run whose <c>file_version</c> is 2 or more,
/// every SessionLog START (a run resumed with <c>SummaryWriter(purge_step=N)</c> writes one at N) discards every
/// tag's values read before it at steps at least its step, and steps that otherwise go back are kept; in a run
/// without a file version, a summary event at a step below the last one discards its own tags' values read before it
/// at steps at least its step. <see cref="TensorBoardDiscards.DataServer"/> follows the Rust data server instead
/// (per tag, every value preempts that tag's earlier values at steps not below its own); <see cref="TensorBoardDiscards.None"/>
/// keeps everything. Files are read in ordinal name order.</para>
/// </remarks>
internal sealed class TensorBoardRunFiles
{
    /// <summary>How much of each event file listing reads for hyperparameters: writers put them first (SB3's
    /// <c>HParam</c> at the first dump, torch's <c>add_hparams</c> in a run of its own).</summary>
    public const int HeadBytes = 64 * 1024;

    private readonly Lazy<Survey> _survey;

    public TensorBoardRunFiles(IReadOnlyList<FileInfo> files, TensorBoardDiscards mode)
    {
        Files = files;
        _survey = new(() => Run(files, mode), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The run's event files in the order TensorBoard reads them.</summary>
    public IReadOnlyList<FileInfo> Files { get; }

    /// <summary>The pass over every file, made on first use.</summary>
    public Survey Result => _survey.Value;

    /// <summary>True once the pass was made (tests check that listing does not make it).</summary>
    public bool Surveyed => _survey.IsValueCreated;

    /// <summary>What the pass found, per file: the cuts its reader applies, notes about it, problems met.</summary>
    public sealed record Survey(IReadOnlyList<PurgeCuts> Cuts, IReadOnlyList<string>[] Notes, IReadOnlyList<LoadIssue> Issues);

    /// <summary>
    /// The hyperparameters of the hparams plugin found in the first <see cref="HeadBytes"/> of each file. Problems are
    /// reported as issues; nothing else is read.
    /// </summary>
    public static HParamsCollector Head(IReadOnlyList<FileInfo> files, List<LoadIssue> issues)
    {
        var hparams = new HParamsCollector();
        var decoder = new EventDecoder(new TagTable());
        foreach (var file in files)
        {
            ForEachEvent(file, decoder, issues, HeadBytes, offset =>
            {
                foreach (ref readonly var value in decoder.Values)
                    CollectHParams(value, decoder, hparams, file, offset, issues);
            });
        }
        return hparams;
    }

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

    private static Survey Run(IReadOnlyList<FileInfo> files, TensorBoardDiscards mode)
    {
        var issues = new List<LoadIssue>();
        var decoder = new EventDecoder(new TagTable());
        // The tags met so far, each with its highest step (TagInfo.SurveyMaxStep: the survey's own table, so no lookup per value).
        var tags = new List<TagInfo>();
        var cuts = files.Select(_ => new PurgeCuts.Builder()).ToArray();
        var goBacks = new List<GoBack>();
        var restarts = new List<(int File, long Offset, long Step)>();
        var ignored = new List<(string Kind, string Tag)>();
        var ignoredTags = new HashSet<string>(StringComparer.Ordinal);
        var lateHParams = new List<string>();
        // EventAccumulator's state: the run's file version and the step of the last summary event.
        double? fileVersion = null;
        long mostRecentStep = -1;
        for (var file = 0; file < files.Count; file++)
        {
            var index = file;
            ForEachEvent(files[file], decoder, issues, long.MaxValue, offset =>
            {
                var step = decoder.Step;
                if (decoder.FileVersion is { } version)
                    fileVersion = ParseFileVersion(version);
                // Python's `if self.file_version and self.file_version >= 2`: None and 0 are false.
                var versioned = fileVersion is { } v && v != 0 && v >= 2;
                if (mode == TensorBoardDiscards.EventAccumulator && versioned && decoder.SessionStatus == TensorBoardProto.SessionLog.Start)
                {
                    cuts[index].AddAll(offset, step);
                    restarts.Add((index, offset, step));
                    // What the restart discarded is gone: steps from its step on are new, not steps going back.
                    foreach (var state in tags)
                        state.SurveyMaxStep = Math.Min(state.SurveyMaxStep, step - 1);
                }
                if (!decoder.HasSummary)
                    return;
                var byTags = mode == TensorBoardDiscards.EventAccumulator && !versioned && step < mostRecentStep;
                foreach (ref readonly var value in decoder.Values)
                {
                    if (value.Kind == ValueKind.HParams && offset >= HeadBytes && value.ContentLength > 0)
                        lateHParams.Add(Invariant($"{files[index].Name} (byte {offset})"));
                    Ignore(value, ignored, ignoredTags);
                    if (value.Kind is not (ValueKind.Scalar or ValueKind.Histogram or ValueKind.Text))
                        continue;
                    var state = value.Tag;
                    if (!state.SurveySeen)
                    {
                        state.SurveySeen = true;
                        tags.Add(state);
                    }
                    if (byTags)
                        cuts[index].Add(value.Tag.Name, offset, step);
                    if (state.SurveyMaxStep >= step)
                    {
                        if (mode == TensorBoardDiscards.DataServer)
                            cuts[index].Add(value.Tag.Name, offset, step);
                        var g = goBacks.Count > 0 && goBacks[^1].File == index ? goBacks[^1] : null;
                        if (g is null)
                            goBacks.Add(g = new GoBack(index, offset, step, state.SurveyMaxStep));
                        if (g.LastOffset != offset)
                        {
                            g.Count++;
                            g.LastOffset = offset;
                        }
                        g.Tags.Add(value.Tag.Name);
                    }
                    // The data server's preempted points are gone: its survivors all precede this step.
                    state.SurveyMaxStep = mode == TensorBoardDiscards.DataServer ? step : Math.Max(state.SurveyMaxStep, step);
                }
                mostRecentStep = step;
            });
        }
        // A discard in a file applies to every earlier file whole (their values were all read before it).
        var perFile = new PurgeCuts[files.Count];
        var later = new Dictionary<string, long>(StringComparer.Ordinal);
        var laterAll = long.MaxValue;
        for (var file = files.Count - 1; file >= 0; file--)
        {
            perFile[file] = cuts[file].Build(later, laterAll);
            foreach (var (tag, step) in cuts[file].Lowest())
                later[tag] = later.TryGetValue(tag, out var s) ? Math.Min(s, step) : step;
            laterAll = Math.Min(laterAll, cuts[file].LowestAll);
        }
        var notes = files.Select(_ => new List<string>()).ToArray();
        foreach (var (file, offset, step) in restarts)
            notes[file].Add(Invariant($"TensorBoard purge: a SessionLog START (a run resumed with purge_step) at step {step} in {files[file].Name} (byte {offset}) discards every tag's points read before it at steps >= {step}, as TensorBoard's EventAccumulator does"));
        foreach (var g in goBacks)
        {
            var what = g.Count == 1 ? "" : Invariant($" ({g.Count} times in this file)");
            var first = Invariant($"steps go back in {files[g.File].Name}{what}, first at byte {g.Offset} (step {g.Step} after {g.Previous}; tags {string.Join(", ", g.Tags)})");
            notes[g.File].Add(mode switch
            {
                TensorBoardDiscards.DataServer => first + ": as TensorBoard's data server shows the run, each tag's earlier points at steps at least the new step are discarded",
                TensorBoardDiscards.None => first + "; every point kept (TensorBoardDiscards.None)",
                _ => fileVersion is { } fv && fv != 0 && fv >= 2
                    ? first + "; kept, as TensorBoard's EventAccumulator keeps them in file_version 2 logs (it discards only at a SessionLog START)"
                    : first + ": without a file version, TensorBoard's EventAccumulator discards those tags' points read before at steps at least the new step",
            });
        }
        if (files.Count > 0)
        {
            foreach (var group in ignored.GroupBy(i => i.Kind))
                notes[0].Add($"not loaded ({group.Key}): {string.Join(", ", group.Select(g => g.Tag))}");
            if (lateHParams.Count > 0)
                notes[0].Add(Invariant($"hparams summaries after the first {HeadBytes / 1024} KiB of a file ({string.Join(", ", lateHParams)}) are not in the run's configuration: listing reads only the head of each event file"));
        }
        return new Survey(perFile, notes, issues);
    }

    /// <summary>TensorBoard's <c>ParseFileVersion</c>: the number after <c>brain.Event:</c>, or -1 when it is not one.</summary>
    public static double ParseFileVersion(string fileVersion)
    {
        var at = fileVersion.LastIndexOf("brain.Event:", StringComparison.Ordinal);
        var number = at < 0 ? fileVersion : fileVersion[(at + "brain.Event:".Length)..];
        return double.TryParse(number.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : -1;
    }

    private static void CollectHParams(in DecodedValue value, EventDecoder decoder, HParamsCollector hparams, FileInfo file, long offset, List<LoadIssue> issues)
    {
        if (value.Kind != ValueKind.HParams || value.ContentLength <= 0)
            return;
        try
        {
            hparams.Merge(decoder.Buffer, value.ContentStart, value.ContentLength);
        }
        catch (InvalidProtocolBufferException ex)
        {
            issues.Add(new LoadIssue(file.FullName, offset, null, $"hparams summary '{value.Tag.Name}' is not a valid HParamsPluginData ({ex.Message}); its hyperparameters are not read"));
        }
    }

    private static void Ignore(in DecodedValue value, List<(string Kind, string Tag)> ignored, HashSet<string> ignoredTags)
    {
        if (value.Kind is not (ValueKind.Image or ValueKind.Audio or ValueKind.Other) || !ignoredTags.Add(value.Tag.Name))
            return;
        var kind = value.Kind switch
        {
            ValueKind.Image => "images",
            ValueKind.Audio => "audio",
            _ => value.Tag.Plugin is { } plugin ? $"'{plugin}' plugin data" : "non-scalar tensors",
        };
        ignored.Add((kind, value.Tag.Name));
    }

    /// <summary>
    /// Reads the valid events of a file that start before <paramref name="limit"/> silently (the scan reports framing
    /// problems); I/O errors are issues.
    /// </summary>
    private static void ForEachEvent(FileInfo file, EventDecoder decoder, List<LoadIssue> issues, long limit, Action<long> onEvent)
    {
        try
        {
            using var frames = new TfRecordFrames(file.FullName, issues: null);
            while (frames.Next(out var offset, out var start, out var length) && offset < limit)
            {
                try
                {
                    decoder.Decode(frames.Buffer, start, length, wantText: false);
                }
                catch (InvalidProtocolBufferException)
                {
                    continue;
                }
                onEvent(offset);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(file.FullName, null, null, $"cannot read for TensorBoard's pre-pass: {ex.Message}; hparams and discarded points of this file are not known"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
