namespace RunLens;
// TEMPORARY for helper worktrees only: lets the library compile while the scanner is written.
internal sealed class ScanState
{
    public int Files => 0; public long Records => 0; public long RecordsWithoutStep => 0; public long Bytes => 0;
    public long StepMin => 0; public long StepMax => 0;
    public IReadOnlyDictionary<string, long> Skipped { get; } = new Dictionary<string, long>();
    public ScanOptions Options { get; } = ScanOptions.Default;
    public Dictionary<(int, int, int), long> Visits { get; } = new();
    public IReadOnlyList<LoadIssue> SortedIssues() => throw new NotImplementedException();
    public IReadOnlyList<FieldCurve> BuildFields() => throw new NotImplementedException();
    public IReadOnlyList<RecordRow> BuildReservoir() => throw new NotImplementedException();
    public IReadOnlyList<PositionCount> BuildPositions() => throw new NotImplementedException();
    public IReadOnlyList<FileSample> SortedFileSamples() => throw new NotImplementedException();
    public static ScanState Merged(ScanState a, ScanState b) => throw new NotImplementedException();
}
internal static class Scanner
{
    public static ScanResult Scan(IReadOnlyList<RunFile> files, FieldMap map, ScanOptions options) => throw new NotImplementedException();
}
internal static class MetricReader
{
    public static Series Read(Run run, string name, FieldMap map) => throw new NotImplementedException();
}
/// <summary>Entry point.</summary>
public static class Runs
{
    /// <summary>Loads runs.</summary>
    public static RunSet Load(string path, LoadOptions? options = null) => throw new NotImplementedException();
}
