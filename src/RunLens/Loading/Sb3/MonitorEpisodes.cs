using RunLens.Fields;
using RunLens.Loading.Json;

namespace RunLens.Loading.Sb3;

/// <summary>
/// The training episodes of a run's monitor files (one file per environment of a vectorised run), merged the way
/// SB3's <c>load_results</c> and <c>ts2xy(..., "timesteps")</c> merge them: every file's episodes in the order they
/// ended in wall-clock time (<c>t_start + t</c>; a tie keeps file order), each with
/// <see cref="Episode.TrainingStep"/> = the run's environment steps when it ended (the sum of the lengths of every
/// episode of every environment that ended before it, and its own) and <see cref="Episode.Time"/> = seconds since
/// the earliest <c>t_start</c> of the run. <see cref="Episode.Source"/> names the file. The per-environment series,
/// with each file's own step count, are the monitor records of the scan (<see cref="MonitorRecordReader"/>).
/// </summary>
internal sealed class MonitorEpisodes : IEpisodeSource
{
    private readonly IReadOnlyList<RunFile> _files;
    private readonly FieldMap _map;

    /// <param name="files">The run's monitor files, at least one, in a fixed order (ties in time keep it).</param>
    /// <param name="map">The run's field map (monitor columns are found through it like the scan finds them).</param>
    public MonitorEpisodes(IReadOnlyList<RunFile> files, FieldMap map)
    {
        if (files.Count == 0)
            throw new ArgumentException("At least one monitor file is needed.", nameof(files));
        _files = files;
        _map = map;
    }

    /// <summary>The first monitor file (the source reads them all).</summary>
    public RunFile File => _files[0];

    private sealed record Row(int File, double Return, long Length, double Time, bool? Success);

    public IEnumerable<Episode> Read(List<LoadIssue> issues)
    {
        var rows = new List<Row>();
        var starts = new double[_files.Count];
        for (var f = 0; f < _files.Count; f++)
            starts[f] = ReadFile(f, rows, issues);
        var known = starts.Where(double.IsFinite).ToList();
        var earliest = known.Count > 0 ? known.Min() : 0;
        // As load_results: absolute end time t + t_start, sorted; then less the earliest start. A file without
        // t_start is taken to start with the earliest one (its reader reported the missing header).
        var absolute = rows.Select(r => r.Time + (double.IsFinite(starts[r.File]) ? starts[r.File] : earliest)).ToArray();
        var order = Enumerable.Range(0, rows.Count)
            .OrderBy(i => double.IsNaN(absolute[i]) ? double.PositiveInfinity : absolute[i])
            .ThenBy(i => rows[i].File)
            .ThenBy(i => i);
        var episodes = new List<Episode>(rows.Count);
        long steps = 0;
        foreach (var i in order)
        {
            var row = rows[i];
            steps += row.Length;
            episodes.Add(new Episode(0, row.Return, row.Length)
            {
                Success = row.Success,
                TrainingStep = steps,
                Time = double.IsNaN(absolute[i]) ? null : absolute[i] - earliest,
                Source = _files[row.File].RelativePath,
                Kind = EpisodeKinds.Training,
            });
        }
        return episodes;
    }

    /// <summary>Reads one file's rows; returns its <c>t_start</c> (NaN when unknown or unreadable).</summary>
    private double ReadFile(int f, List<Row> rows, List<LoadIssue> issues)
    {
        var file = _files[f];
        var fields = new FieldTable(_map);
        var scanIssues = new ScanIssues();
        var record = new RecordBuffer();
        var (returnId, lengthId, timeId, successId) = (fields.FlatField(MonitorRecordReader.ReturnField),
            fields.FlatField(MonitorRecordReader.LengthField), fields.FlatField(MonitorRecordReader.TimeField),
            fields.FlatField(MonitorRecordReader.SuccessField));
        var start = double.NaN;
        try
        {
            using var reader = new MonitorRecordReader(file.Path, fields, scanIssues);
            while (reader.Read(record, wantText: false))
            {
                var length = record.ValueOf(lengthId);
                var success = record.ValueOf(successId);
                rows.Add(new Row(f, record.ValueOf(returnId), double.IsFinite(length) && length >= 0 ? (long)length : 0,
                    record.ValueOf(timeId), double.IsNaN(success) ? null : success != 0));
            }
            start = reader.StartTime;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            scanIssues.Add(new LoadIssue(file.Path, null, null, $"cannot read: {ex.Message}; its episodes are not loaded"), reason: null);
        }
        scanIssues.EndFile();
        issues.AddRange(scanIssues.Issues);
        return start;
    }
}
