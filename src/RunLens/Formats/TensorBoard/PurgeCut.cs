namespace RunLens.Formats.TensorBoard;

/// <summary>
/// The values of one event file that TensorBoard's preemption discards, per tag. A value of a tag at step <c>s</c>,
/// read at byte <c>o</c>, is discarded when a later value of that tag (later in this file, or in a later file) has a
/// step of at most <c>s</c>. Per tag the file keeps the preempting values as (offset, step) with steps strictly
/// increasing (a later preemption at a lower step makes earlier ones redundant), so the check is a binary search,
/// and memory stays small even for a log that writes every value at step 0.
/// </summary>
internal sealed class PurgeCuts
{
    private readonly Dictionary<string, TagCuts> _byTag;

    private PurgeCuts(Dictionary<string, TagCuts> byTag, TagCuts? all)
    {
        _byTag = byTag;
        All = all;
    }

    /// <summary>No value of the file is discarded.</summary>
    public static PurgeCuts None { get; } = new(new Dictionary<string, TagCuts>(StringComparer.Ordinal), null);

    /// <summary>True when no value of the file is discarded.</summary>
    public bool IsEmpty => _byTag.Count == 0 && All is null;

    /// <summary>The cuts that apply to every tag (EventAccumulator's purge at a SessionLog START), or null.</summary>
    public TagCuts? All { get; }

    /// <summary>The cuts of one tag, or null when none of its values is discarded.</summary>
    public TagCuts? For(string tag) => _byTag.GetValueOrDefault(tag);

    /// <summary>Builds one file's cuts while the run's files are read in order.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, (List<long> Offsets, List<long> Steps)> _own = new(StringComparer.Ordinal);
        private readonly (List<long> Offsets, List<long> Steps) _all = ([], []);

        /// <summary>The lowest step of the cuts for every tag in this file, or <see cref="long.MaxValue"/>.</summary>
        public long LowestAll => _all.Steps.Count == 0 ? long.MaxValue : _all.Steps[0];

        /// <summary>Every tag's values read before byte <paramref name="offset"/> at steps at least <paramref name="step"/>
        /// are discarded. Offsets must not decrease.</summary>
        public void AddAll(long offset, long step) => Push(_all, offset, step);

        /// <summary>A value of <paramref name="tag"/> at <paramref name="step"/>, at byte <paramref name="offset"/> of this
        /// file, preempts the tag's earlier values at steps at least <paramref name="step"/>. Offsets must not decrease.</summary>
        public void Add(string tag, long offset, long step)
        {
            if (!_own.TryGetValue(tag, out var cuts))
                _own[tag] = cuts = ([], []);
            Push(cuts, offset, step);
        }

        private static void Push((List<long> Offsets, List<long> Steps) cuts, long offset, long step)
        {
            // A cut at a step no lower than this one's drops nothing this one does not.
            while (cuts.Steps.Count > 0 && cuts.Steps[^1] >= step)
            {
                cuts.Steps.RemoveAt(cuts.Steps.Count - 1);
                cuts.Offsets.RemoveAt(cuts.Offsets.Count - 1);
            }
            cuts.Offsets.Add(offset);
            cuts.Steps.Add(step);
        }

        /// <summary>The lowest step each tag's preemptions in this file reach (they apply whole to earlier files).</summary>
        public IEnumerable<(string Tag, long Step)> Lowest() => _own.Select(c => (c.Key, c.Value.Steps[0]));

        /// <summary>The cuts of each of a run's files, from their builders in the run's file order. A discard in a file
        /// applies to every earlier file whole (their values were all read before it).</summary>
        public static PurgeCuts[] BuildRun(IReadOnlyList<Builder> files)
        {
            var perFile = new PurgeCuts[files.Count];
            var later = new Dictionary<string, long>(StringComparer.Ordinal);
            var laterAll = long.MaxValue;
            for (var file = files.Count - 1; file >= 0; file--)
            {
                perFile[file] = files[file].Build(later, laterAll);
                foreach (var (tag, step) in files[file].Lowest())
                    later[tag] = later.TryGetValue(tag, out var s) ? Math.Min(s, step) : step;
                laterAll = Math.Min(laterAll, files[file].LowestAll);
            }
            return perFile;
        }

        /// <summary>The file's cuts: its own, and the lowest steps later files cut at, per tag and for every tag.</summary>
        public PurgeCuts Build(IReadOnlyDictionary<string, long> later, long laterAll)
        {
            var byTag = new Dictionary<string, TagCuts>(StringComparer.Ordinal);
            foreach (var (tag, cuts) in _own)
                byTag[tag] = new TagCuts([.. cuts.Offsets], [.. cuts.Steps], later.TryGetValue(tag, out var l) ? l : long.MaxValue);
            foreach (var (tag, step) in later)
                byTag.TryAdd(tag, new TagCuts([], [], step));
            var all = _all.Steps.Count > 0 || laterAll != long.MaxValue ? new TagCuts([.. _all.Offsets], [.. _all.Steps], laterAll) : null;
            return byTag.Count == 0 && all is null ? None : new PurgeCuts(byTag, all);
        }
    }
}

/// <summary>The preempting values of one tag for one file (see <see cref="PurgeCuts"/>).</summary>
/// <param name="offsets">Byte offsets in this file, increasing.</param>
/// <param name="steps">Their steps, strictly increasing.</param>
/// <param name="later">The lowest step a later file preempts at, or <see cref="long.MaxValue"/>.</param>
internal sealed class TagCuts(long[] offsets, long[] steps, long later)
{
    /// <summary>True when the tag's value at <paramref name="step"/>, read at byte <paramref name="offset"/>, is discarded.</summary>
    public bool Drops(long offset, long step)
    {
        if (step >= later)
            return true;
        // The first preempting value after this one has the lowest step of all that follow it.
        var i = Array.BinarySearch(offsets, offset + 1);
        if (i < 0)
            i = ~i;
        return i < offsets.Length && step >= steps[i];
    }
}
