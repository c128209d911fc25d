using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Sb3;

/// <summary>
/// The training episodes of a run's monitor files (one file per environment of a vectorised run), merged the way
/// SB3's <c>load_results</c> and <c>ts2xy(..., "timesteps")</c> merge them, through the same
/// <see cref="MonitorMergeReader"/> as the scan: every file's episodes in the order they ended in wall-clock time
/// (<c>t_start + t</c>; a tie keeps file order), each with <see cref="Episode.TrainingStep"/> = the run's environment
/// steps when it ended (the sum of the lengths of every episode of every environment that ended before it, and its
/// own) and <see cref="Episode.Time"/> = seconds since the earliest <c>t_start</c> of the run.
/// <see cref="Episode.Source"/> names the episode's own file.
/// </summary>
internal sealed class MonitorEpisodes : IEpisodeSource
{
    private readonly IReadOnlyList<string> _sources;
    private readonly FieldMap _map;

    /// <param name="group">The run's monitor files, a <see cref="FileFormats.Sb3Monitors"/> group.</param>
    /// <param name="sources">The files' paths relative to the loaded folder, in the group's order (the episodes' <see cref="Episode.Source"/>).</param>
    /// <param name="map">The run's field map (monitor columns are found through it like the scan finds them).</param>
    public MonitorEpisodes(RunFile group, IReadOnlyList<string> sources, FieldMap map)
    {
        File = group;
        _sources = sources;
        _map = map;
    }

    /// <summary>The group of monitor files.</summary>
    public RunFile File { get; }

    public IEnumerable<Episode> Read(List<LoadIssue> issues)
    {
        var fields = new FieldTable(_map);
        var scanIssues = new ScanIssues();
        var record = new RecordBuffer();
        var (returnId, lengthId, successId) = (fields.FlatField(MonitorRecordReader.ReturnField),
            fields.FlatField(MonitorRecordReader.LengthField), fields.FlatField(MonitorRecordReader.SuccessField));
        var episodes = new List<Episode>();
        using (var reader = new MonitorMergeReader(File.DiskPaths, fields, scanIssues))
        {
            while (reader.Read(record, wantText: false))
            {
                var length = record.ValueOf(lengthId);
                var success = record.ValueOf(successId);
                episodes.Add(new Episode(0, record.ValueOf(returnId), double.IsFinite(length) && length >= 0 ? (long)length : 0)
                {
                    Success = double.IsNaN(success) ? null : success != 0,
                    TrainingStep = record.StepOf(fields, episodes.Count, out _),
                    Time = double.IsNaN(reader.CurrentTime) ? null : reader.CurrentTime,
                    Source = _sources[reader.CurrentFile],
                    Kind = EpisodeKinds.Training,
                });
            }
        }
        scanIssues.EndFile();
        issues.AddRange(scanIssues.Issues);
        return episodes;
    }
}
