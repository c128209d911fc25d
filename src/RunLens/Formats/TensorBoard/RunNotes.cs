using System.Globalization;

namespace RunLens.Formats.TensorBoard;

/// <summary>Steps going back in one file of a run: where first, how often, which tags (one per file, for its note).</summary>
internal sealed class GoBackNote(int file, long offset, long step, long previous)
{
    public int File { get; } = file;

    public long Offset { get; } = offset;

    public long Step { get; } = step;

    public long Previous { get; } = previous;

    public int Count { get; set; }

    public long LastOffset { get; set; } = -1;

    public SortedSet<string> Tags { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The notes a run's events give (restarts, steps going back, data not loaded, late hparams), written the same way
/// whether one pass over the run found the facts (<see cref="RunSurvey"/>) or each file's reader found its part
/// (<see cref="FileSurvey"/>, combined here in the run's file order).
/// </summary>
internal static class RunNotes
{
    /// <summary>What kind of data not loaded the value is ("images", ...), or null when it is read.</summary>
    public static string? NotLoaded(in DecodedValue value) => value.Kind switch
    {
        ValueKind.Image => "images",
        ValueKind.Audio => "audio",
        ValueKind.Other => value.Tag.Plugin is { } plugin ? $"'{plugin}' plugin data" : "non-scalar tensors",
        _ => null,
    };

    /// <summary>
    /// The notes of a run from its files' parts, each made by the reader of its file, in the run's file order; null when
    /// a part kept too little to say (<see cref="FileSurvey.Overflowed"/>).
    /// </summary>
    public static List<string>? Combine(IReadOnlyList<FileInfo> files, IReadOnlyList<FileSurvey> parts, TensorBoardDiscards mode)
    {
        if (parts.Any(p => p.Overflowed))
            return null;
        var restarts = new List<(int File, long Offset, long Step)>();
        var goBacks = new List<GoBackNote>();
        var ignored = new List<(string Kind, string Tag)>();
        var ignoredTags = new HashSet<string>(StringComparer.Ordinal);
        var late = new List<(int File, long Offset)>();
        // Each tag's highest step that still counts, as one pass over the run in file order has it when a file begins.
        var steps = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var file = 0; file < parts.Count; file++)
        {
            var part = parts[file];
            restarts.AddRange(part.Restarts.Select(r => (file, r.Offset, r.Step)));
            foreach (var (kind, tag) in part.Ignored)
            {
                if (ignoredTags.Add(tag))
                    ignored.Add((kind, tag));
            }
            late.AddRange(part.LateHParams.Select(offset => (file, offset)));
            if (part.Resolve(file, steps) is { } goBack)
                goBacks.Add(goBack);
        }
        var versioned = parts.Count > 0 && RunSurvey.IsVersioned(parts[^1].FileVersion);
        return [.. Write(files, mode, versioned, restarts, goBacks, ignored, late).SelectMany(n => n)];
    }

    /// <summary>The notes about each file: restarts, steps going back, and (on the first) data not loaded and late hparams.</summary>
    public static List<string>[] Write(IReadOnlyList<FileInfo> files, TensorBoardDiscards mode, bool versioned, IReadOnlyList<(int File, long Offset, long Step)> restarts,
        IReadOnlyList<GoBackNote> goBacks, IReadOnlyList<(string Kind, string Tag)> ignored, IReadOnlyList<(int File, long Offset)> lateHParams)
    {
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
                _ => versioned
                    ? first + "; kept, as TensorBoard's EventAccumulator keeps them in file_version 2 logs (it discards only at a SessionLog START)"
                    : first + ": without a file version, TensorBoard's EventAccumulator discards those tags' points read before at steps at least the new step",
            });
        }
        if (files.Count > 0)
        {
            foreach (var group in ignored.GroupBy(i => i.Kind))
                notes[0].Add($"not loaded ({group.Key}): {string.Join(", ", group.Select(g => g.Tag))}");
            if (lateHParams.Count > 0)
            {
                var where = string.Join(", ", lateHParams.Select(l => Invariant($"{files[l.File].Name} (byte {l.Offset})")));
                notes[0].Add(Invariant($"hparams summaries after the first {TensorBoardRunFiles.HeadBytes / 1024} KiB of a file ({where}) are not in the run's configuration: listing reads only the head of each event file"));
            }
        }
        return notes;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
