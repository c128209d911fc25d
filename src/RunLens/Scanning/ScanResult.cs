using System.Globalization;
using System.Text;
using RunLens.Display;
using RunLens.Fields;

namespace RunLens;

/// <summary>
/// What one pass over every record of a run (or of several runs) found: exact curves of every numeric field,
/// a uniform reservoir of whole rows, evenly spaced rows per file, visit counts per cell, and the counts that
/// say how much was read and what was skipped. Results merge: scanning two halves and merging equals scanning all.
/// </summary>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed partial class ScanResult : IDisplayDocument
{
    private readonly ScanState _state;
    private readonly Lazy<IReadOnlyList<FieldCurve>> _fields;
    private readonly Lazy<IReadOnlyList<RecordRow>> _reservoir;
    private readonly Lazy<IReadOnlyList<PositionCount>> _positions;

    internal ScanResult(ScanState state, TimeSpan elapsed)
    {
        _state = state;
        Elapsed = elapsed;
        _fields = new(() => _state.BuildFields());
        _reservoir = new(() => _state.BuildReservoir());
        _positions = new(() => _state.BuildPositions());
    }

    internal ScanState State => _state;

    /// <summary>Files read.</summary>
    public int Files => _state.Files;

    /// <summary>Valid records read. Every one is in the curves and the position counts.</summary>
    public long Records => _state.Records;

    /// <summary>Records that had no step field; their 0-based position in their file was used as the step.</summary>
    public long RecordsWithoutStep => _state.RecordsWithoutStep;

    /// <summary>Bytes read from disk (compressed bytes for <c>.gz</c> files).</summary>
    public long Bytes => _state.Bytes;

    /// <summary>Wall-clock time of the scan (the sum of the parts when results were merged).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The smallest step of any record, or null when there were none.</summary>
    public long? StepMin => _state.Records == 0 ? null : _state.StepMin;

    /// <summary>The largest step of any record, or null when there were none.</summary>
    public long? StepMax => _state.Records == 0 ? null : _state.StepMax;

    /// <summary>Records that could not be read, in total.</summary>
    public long Skipped => _state.Skipped.Values.Sum();

    /// <summary>Records that could not be read, by reason (for example <c>invalid JSON</c>, <c>truncated</c>).</summary>
    public IReadOnlyDictionary<string, long> SkippedByReason => _state.Skipped;

    /// <summary>
    /// Every problem found, each with its file and offset or line, in file order; then, under <c>(scan)</c>, a note
    /// for each lookup name that several logged names answer to (both <c>reward</c> and <c>rewards.total</c>),
    /// saying which one plays the role.
    /// </summary>
    public LoadIssues Issues =>
        new([.. _state.SortedIssues(), .. FieldRoles.Shared(Fields.Select(f => (f.Name, f.Alias))).Select(n => new LoadIssue("(scan)", null, null, n))]);

    /// <summary>
    /// Facts found while reading that are not problems in a file: the points a tool's own reader discards and this
    /// scan therefore left out (TensorBoard's preemption of a resumed run), data that is not loaded.
    /// </summary>
    public IReadOnlyList<string> Notes => _state.Notes.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Every numeric field, by its name as written (ordinal order). Each carries exact totals, a curve of step
    /// buckets and the <see cref="FieldCurve.Alias"/> it answers to.
    /// </summary>
    public IReadOnlyList<FieldCurve> Fields => _fields.Value;

    /// <summary>
    /// A uniform random sample of whole rows (at most <see cref="ScanOptions.ReservoirSize"/>), sorted by step.
    /// It always holds the latest row: the last record of the file whose last record has the largest step.
    /// Deterministic for a seed and a set of files, however the files were split across threads or scans.
    /// </summary>
    public IReadOnlyList<RecordRow> Reservoir => _reservoir.Value;

    /// <summary>Evenly spaced rows of each file, sorted by file.</summary>
    public IReadOnlyList<FileSample> FileSamples => _state.SortedFileSamples();

    /// <summary>Records per cell (map, x, y), over every record with a position, sorted by map, y and x.</summary>
    public IReadOnlyList<PositionCount> Positions => _positions.Value;

    /// <summary>The number of distinct cells (map, x, y) visited.</summary>
    public int DistinctPositions => _state.Visits.Count;

    /// <summary>The fraction of records that are in the reservoir sample.</summary>
    public double SamplingRatio => Records == 0 ? 1 : (double)Reservoir.Count / Records;

    /// <summary>The options the scan ran with.</summary>
    public ScanOptions Options => _state.Options;

    /// <summary>
    /// The field named so as written, else the one that plays the role the name stands for
    /// (<c>Field("rewards.total")</c> finds a log's <c>reward</c>; see <see cref="FieldMap"/>); null when none.
    /// </summary>
    public FieldCurve? Field(string name)
    {
        var answer = FieldRoles.Answer(Fields.Select(f => (f.Name, f.Alias)), name);
        return answer is null ? null : Fields.First(f => f.Name == answer);
    }

    /// <summary>
    /// This result and another one of different files, as if they had been scanned together. Both must have used the
    /// same sample sizes, seed and bucket count.
    /// </summary>
    public ScanResult Merge(ScanResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ScanResult(ScanState.Merged(_state, other._state), Elapsed + other.Elapsed);
    }

    /// <summary>The summary line, a table of the fields, skipped records by reason and the issues.</summary>
    public string ToHtml() => DisplayHtml.Scan(this);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        text.Append(ci, $"{Records:N0} records in {Files} files ({Bytes / 1e6:0.0} MB, {Elapsed.TotalSeconds:0.00} s)");
        if (StepMin is { } lo && StepMax is { } hi)
            text.Append(ci, $", steps {lo}..{hi}");
        text.Append(ci, $", {Fields.Count} fields, {DistinctPositions} cells");
        if (Skipped > 0)
            text.Append(ci, $", {Skipped} skipped");
        if (Issues.Count > 0)
            text.Append(ci, $", {Issues.Count} issues");
        return text.ToString();
    }
}
