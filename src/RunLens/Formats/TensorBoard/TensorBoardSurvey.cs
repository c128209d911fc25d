using System.Globalization;
using Google.Protobuf;

namespace RunLens.Formats.TensorBoard;

/// <summary>
/// The discovery pre-pass over one run's event files, in order: reads each event's step, file version, session log
/// and value kinds (no numbers are kept) to find TensorBoard's orphaned-data purges, the hparams summaries and the
/// tags of data that is not loaded. Scans read a run's files in parallel, so the purges found here are handed to each
/// file's reader as cuts in <see cref="RunFile.Part"/> (<see cref="PurgeCut"/>).
/// </summary>
/// <remarks>
/// The purge follows TensorBoard's <c>EventAccumulator._MaybePurgeOrphanedData</c> (with <c>purge_orphaned_data</c>
/// on, its default) exactly, over the run's files in the order TensorBoard reads them. The run's
/// <c>file_version</c> (<c>brain.Event:N</c>, parsed as TensorBoard's <c>ParseFileVersion</c>) decides how:
/// <list type="bullet">
/// <item>version 2 or later (every current writer): only a <c>SessionLog</c> <c>START</c> after the run's first one is
/// a restart; it discards every tag's data at steps at least its step, read before it.</item>
/// <item>no or an older version: a summary event whose step is less than the step of the last summary event is a
/// restart for its own tags; their data at steps at least its step, read before it, is discarded.</item>
/// </list>
/// Steps that go back without a purge (version 2 files without a restart) are kept, as TensorBoard keeps them, and
/// noted. TensorBoard's Rust data server (<c>--load_fast</c>) instead drops, per tag, earlier points at steps at least
/// each new point's step; that is not what this follows.
/// </remarks>
internal static class TensorBoardSurvey
{
    /// <summary>What the pre-pass found: per file its purge cuts (a <see cref="RunFile.Part"/> or null), notes, hparams.</summary>
    public sealed record Result(IReadOnlyList<string?> Parts, IReadOnlyList<string> Notes, HParamsCollector HParams);

    private sealed record Purge(int File, long Offset, long Step, long Previous, string[]? Tags)
    {
        public long Points { get; set; }
    }

    private sealed record GoBack(long Offset, long Step, long Previous)
    {
        public int Count { get; set; } = 1;
    }

    public static Result Run(IReadOnlyList<FileInfo> files, List<LoadIssue> issues)
    {
        var hparams = new HParamsCollector();
        var tags = new TagTable();
        var decoder = new EventDecoder(tags);
        var purges = new List<Purge>();
        var goBacks = new Dictionary<int, GoBack>();
        var ignored = new List<(string Kind, string Tag)>();
        var ignoredTags = new HashSet<string>(StringComparer.Ordinal);
        double? fileVersion = null;
        var seenStart = false;
        long mostRecentStep = -1;
        long sinceRestart = -1;

        for (var file = 0; file < files.Count; file++)
        {
            ForEachEvent(files[file], decoder, issues, offset =>
            {
                if (decoder.FileVersion is { } version)
                    fileVersion = ParseFileVersion(version);
                var step = decoder.Step;
                // Python's `if self.file_version and self.file_version >= 2`: None and 0 are false.
                if (fileVersion is { } v && v != 0 && v >= 2)
                {
                    if (decoder.SessionStatus == TensorBoardProto.SessionLog.Start)
                    {
                        if (seenStart)
                        {
                            purges.Add(new Purge(file, offset, step, mostRecentStep, null));
                            // What was orphaned is gone: steps after the restart compare with the restart's step.
                            sinceRestart = step;
                        }
                        seenStart = true;
                    }
                    if (decoder.HasSummary && step < sinceRestart)
                        NoteGoBack(goBacks, file, offset, step, sinceRestart);
                }
                else if (decoder.HasSummary && step < mostRecentStep)
                {
                    var names = new string[decoder.Count];
                    for (var i = 0; i < names.Length; i++)
                        names[i] = decoder.Values[i].Tag.Name;
                    purges.Add(new Purge(file, offset, step, mostRecentStep, [.. names.Distinct(StringComparer.Ordinal)]));
                }
                if (decoder.HasSummary)
                    mostRecentStep = sinceRestart = step;
                foreach (ref readonly var value in decoder.Values)
                    Collect(value, decoder, hparams, ignored, ignoredTags, files[file], offset, issues);
            });
        }

        if (purges.Count > 0)
            CountPurged(files, purges, issues);
        purges.RemoveAll(p => p.Points == 0);
        var parts = new string?[files.Count];
        for (var file = 0; file < files.Count; file++)
        {
            var cuts = purges.Where(p => p.File >= file)
                .Select(p => new PurgeCut(p.File == file ? p.Offset : long.MaxValue, p.Step, p.Tags)).ToList();
            parts[file] = PurgeCut.Encode(cuts);
        }
        return new Result(parts, Notes(files, purges, goBacks, ignored), hparams);
    }

    /// <summary>TensorBoard's <c>ParseFileVersion</c>: the number after <c>brain.Event:</c>, or -1 when it is not one.</summary>
    public static double ParseFileVersion(string fileVersion)
    {
        var at = fileVersion.LastIndexOf("brain.Event:", StringComparison.Ordinal);
        var number = at < 0 ? fileVersion : fileVersion[(at + "brain.Event:".Length)..];
        return double.TryParse(number.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : -1;
    }

    private static void NoteGoBack(Dictionary<int, GoBack> goBacks, int file, long offset, long step, long previous)
    {
        if (goBacks.TryGetValue(file, out var first))
            first.Count++;
        else
            goBacks[file] = new GoBack(offset, step, previous);
    }

    private static void Collect(in DecodedValue value, EventDecoder decoder, HParamsCollector hparams,
        List<(string Kind, string Tag)> ignored, HashSet<string> ignoredTags, FileInfo file, long offset, List<LoadIssue> issues)
    {
        switch (value.Kind)
        {
            case ValueKind.HParams when value.ContentLength > 0:
                try
                {
                    hparams.Merge(decoder.Buffer, value.ContentStart, value.ContentLength);
                }
                catch (InvalidProtocolBufferException ex)
                {
                    issues.Add(new LoadIssue(file.FullName, offset, null, $"hparams summary '{value.Tag.Name}' is not a valid HParamsPluginData ({ex.Message}); its hyperparameters are not read"));
                }
                break;
            case ValueKind.Image or ValueKind.Audio or ValueKind.Other when ignoredTags.Add(value.Tag.Name):
                var kind = value.Kind switch
                {
                    ValueKind.Image => "images",
                    ValueKind.Audio => "audio",
                    _ => value.Tag.Plugin is { } plugin ? $"'{plugin}' plugin data" : "non-scalar tensors",
                };
                ignored.Add((kind, value.Tag.Name));
                break;
        }
    }

    /// <summary>
    /// Counts the points each purge discards (TensorBoard's <c>num_expired</c>): every value read before it, of its tags,
    /// at steps at least its step, not already discarded by an earlier purge.
    /// </summary>
    private static void CountPurged(IReadOnlyList<FileInfo> files, List<Purge> purges, List<LoadIssue> issues)
    {
        var decoder = new EventDecoder(new TagTable());
        var last = purges.Max(p => p.File);
        for (var file = 0; file <= last; file++)
        {
            ForEachEvent(files[file], decoder, issues: null, offset =>
            {
                foreach (ref readonly var value in decoder.Values)
                {
                    if (value.Kind is ValueKind.None or ValueKind.HParams)
                        continue;
                    foreach (var purge in purges)
                    {
                        var after = purge.File > file || (purge.File == file && purge.Offset > offset);
                        if (after && decoder.Step >= purge.Step && (purge.Tags is null || purge.Tags.Contains(value.Tag.Name, StringComparer.Ordinal)))
                        {
                            purge.Points++;
                            break;
                        }
                    }
                }
            });
        }
    }

    /// <summary>Reads every valid event of a file silently (the scan reports framing problems); I/O errors are issues.</summary>
    private static void ForEachEvent(FileInfo file, EventDecoder decoder, List<LoadIssue>? issues, Action<long> onEvent)
    {
        try
        {
            using var frames = new TfRecordFrames(file.FullName, issues: null);
            while (frames.Next(out var offset, out var start, out var length))
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
            issues?.Add(new LoadIssue(file.FullName, null, null, $"cannot read for the discovery pre-pass: {ex.Message}; hparams and purges of this file are not known"));
        }
    }

    private static List<string> Notes(IReadOnlyList<FileInfo> files, List<Purge> purges, Dictionary<int, GoBack> goBacks,
        List<(string Kind, string Tag)> ignored)
    {
        var notes = new List<string>();
        foreach (var p in purges)
        {
            var where = Invariant($"{files[p.File].Name} (byte {p.Offset})");
            notes.Add(p.Tags is null
                ? Invariant($"TensorBoard purge: a SessionLog START (restart) at step {p.Step} in {where} discarded {p.Points} points read before it at steps >= {p.Step}")
                : Invariant($"TensorBoard purge: the step went back to {p.Step} (after {p.Previous}) in {where}; {p.Points} points of its tags ({string.Join(", ", p.Tags)}) read before it at steps >= {p.Step} discarded"));
        }
        foreach (var (file, g) in goBacks.OrderBy(g => g.Key))
        {
            notes.Add(Invariant($"steps go back {g.Count} times in {files[file].Name}, first at byte {g.Offset} (step {g.Step} after {g.Previous}); all points kept, as TensorBoard keeps them: for file_version 2 writers it purges only at a SessionLog START"));
        }
        foreach (var group in ignored.GroupBy(i => i.Kind))
            notes.Add($"not loaded ({group.Key}): {string.Join(", ", group.Select(g => g.Tag))}");
        return notes;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
