using RunLens.Scanning;

namespace RunLens;

/// <summary>
/// Everything a scan accumulates, keyed by names as written so that states from different threads, files or scans
/// merge. Mutable while a worker fills it; a <see cref="ScanResult"/> owns one and never changes it.
/// </summary>
internal sealed class ScanState
{
    public ScanState(ScanOptions options)
        : this(options, new BottomKReservoir(options.ReservoirSize), new VisitTable())
    {
    }

    private ScanState(ScanOptions options, BottomKReservoir reservoir, VisitTable visits)
    {
        Options = options;
        Reservoir = reservoir;
        Visits = visits;
    }

    /// <summary>
    /// A state with the counts of none, sharing <paramref name="state"/>'s reservoir and visit counts (not copies): a
    /// followed file's view at one moment, filled in by its worker and only merged from.
    /// </summary>
    public static ScanState Sharing(ScanState state) => new(state.Options, state.Reservoir, state.Visits);

    public ScanOptions Options { get; }

    public int Files { get; set; }

    public long Records { get; set; }

    public long RecordsWithoutStep { get; set; }

    public long Bytes { get; set; }

    public long StepMin { get; set; } = long.MaxValue;

    public long StepMax { get; set; } = long.MinValue;

    public Dictionary<string, CurveSketch> Fields { get; } = new(StringComparer.Ordinal);

    public BottomKReservoir Reservoir { get; private set; }

    public VisitTable Visits { get; }

    public List<FileSample> FileSamples { get; } = [];

    public List<LoadIssue> Issues { get; } = [];

    public List<string> Notes { get; } = [];

    public Dictionary<string, long> Skipped { get; } = new(StringComparer.Ordinal);

    /// <summary>A new state holding both; neither input changes.</summary>
    public static ScanState Merged(ScanState a, ScanState b)
    {
        if (a.Options.ReservoirSize != b.Options.ReservoirSize || a.Options.Seed != b.Options.Seed
            || a.Options.Buckets != b.Options.Buckets || a.Options.PerFileSamples != b.Options.PerFileSamples)
            throw new ArgumentException("Only scans with the same reservoir size, per-file samples, bucket count and seed can merge.");
        var merged = new ScanState(a.Options);
        merged.MergeFrom(a);
        merged.MergeFrom(b);
        return merged;
    }

    /// <summary>Adds another state's contents to this one (the other state is not changed).</summary>
    public void MergeFrom(ScanState other)
    {
        Files += other.Files;
        Records += other.Records;
        RecordsWithoutStep += other.RecordsWithoutStep;
        Bytes += other.Bytes;
        StepMin = Math.Min(StepMin, other.StepMin);
        StepMax = Math.Max(StepMax, other.StepMax);
        foreach (var (name, sketch) in other.Fields)
        {
            if (Fields.TryGetValue(name, out var mine))
                mine.Merge(sketch);
            else
                Fields.Add(name, sketch.Clone());
        }
        Reservoir.Merge(other.Reservoir);
        Visits.Merge(other.Visits);
        FileSamples.AddRange(other.FileSamples);
        Issues.AddRange(other.Issues);
        foreach (var note in other.Notes)
        {
            if (!Notes.Contains(note))
                Notes.Add(note);
        }
        foreach (var (reason, count) in other.Skipped)
        {
            Skipped.TryGetValue(reason, out var n);
            Skipped[reason] = n + count;
        }
    }

    public IReadOnlyList<LoadIssue> SortedIssues() =>
        Issues.OrderBy(i => i.File, StringComparer.Ordinal).ThenBy(i => i.Offset ?? long.MaxValue).ToList();

    public IReadOnlyList<FieldCurve> BuildFields() =>
        Fields.Values.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => f.ToFieldCurve()).ToList();

    public IReadOnlyList<RecordRow> BuildReservoir() => Reservoir.Build();

    public IReadOnlyList<PositionCount> BuildPositions()
    {
        var cells = new PositionCount[Visits.Count];
        var i = 0;
        foreach (var (map, x, y, count) in Visits.Entries())
            cells[i++] = new PositionCount(map == NoMap ? null : map, x, y, count);
        // Records without a map (null) first, as int.MinValue sorted first before.
        Array.Sort(cells, static (a, b) =>
            a.Map != b.Map ? Nullable.Compare(a.Map, b.Map) : a.Y != b.Y ? a.Y.CompareTo(b.Y) : a.X.CompareTo(b.X));
        return cells;
    }

    /// <summary>The map of records that carry none.</summary>
    public const int NoMap = int.MinValue;

    public IReadOnlyList<FileSample> SortedFileSamples() =>
        FileSamples.OrderBy(f => f.File, StringComparer.Ordinal).ToList();
}
