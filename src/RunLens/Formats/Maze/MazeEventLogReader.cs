using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Maze;

/// <summary>
/// Streams a Maze event log (<see cref="MazeEventLog"/>) as one record per episode, at step = the episode's position
/// in the file (0, 1, ...). Maze itself reduces events per episode before anything else: the episode statistics
/// of <c>BaseEnvEvents.reward</c> are <c>define_episode_stats(np.sum)</c> and <c>define_episode_stats(len)</c>
/// (maze/core/env/base_env_events.py), which is what its logs and TensorBoard plot per episode. So each record has,
/// for an event file <c>E.tsv</c>: <c>E.count</c> = the episode's rows, and <c>E.&lt;attribute&gt;</c> = the sum of
/// the attribute's numeric cells in the episode (for the reward: the return). Events grouped by name
/// (<c>BaseEnvEvents.kpi</c>: columns <c>name</c> and <c>value</c>, Maze's <c>define_stats_grouping("name")</c>)
/// give <c>E.&lt;name&gt;</c> = the sum of that name's values instead. Text cells (group keys, <c>None</c>) are not
/// summed; the episode id is the record's text field <c>episode_id</c>. env_time is not a step here: Maze's
/// notebook viewer plots env_time within episodes, which would put every episode at the same steps.
/// </summary>
internal sealed class MazeEventLogReader : IRecordReader
{
    private readonly MazeEventLog _log;
    private readonly FieldTable _fields;
    private readonly bool _ready;
    private readonly bool _grouped;
    private MazeEventRow? _pending;
    private long _episodes;
    private Episode? _last;

    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public MazeEventLogReader(RunFile file, FieldTable fields, ScanIssues issues)
    {
        _fields = fields;
        _log = MazeEventLog.Open(file.Path, issue => issues.Add(issue, "malformed Maze event row"));
        _ready = _log.ReadHeader();
        _grouped = _log.Attributes is ["name", "value"];
    }

    public long DiskPosition => _log.DiskPosition;

    /// <summary>One episode's sums, kept to re-emit the last record with its text.</summary>
    private sealed record Episode(long Step, long Offset, string Id, List<(string Name, double Value)> Values);

    public bool Read(RecordBuffer record, bool wantText)
    {
        if (!_ready)
            return false;
        var first = _pending ?? _log.Next();
        if (first is null)
            return false;
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        var order = new List<string>();
        var rows = 0L;
        var row = first;
        while (row is not null && row.EpisodeId == first.EpisodeId)
        {
            rows++;
            Accumulate(row, sums, order);
            row = _log.Next();
        }
        _pending = row;
        var values = new List<(string, double)>(order.Count + 1) { ($"{_log.Event}.count", rows) };
        values.AddRange(order.Select(name => (name, sums[name])));
        _last = new Episode(_episodes++, first.Line, first.EpisodeId, values);
        Emit(record, _last, wantText);
        return true;
    }

    public bool ReadLastRecord(RecordBuffer record)
    {
        if (_last is null)
            return false;
        Emit(record, _last, wantText: true);
        return true;
    }

    private void Accumulate(MazeEventRow row, Dictionary<string, double> sums, List<string> order)
    {
        if (_grouped)
        {
            if (MazeEventLog.TryNumber(row.Cells[1], out var value))
                Add($"{_log.Event}.{row.Cells[0]}", value, sums, order);
            return;
        }
        for (var i = 0; i < row.Cells.Length; i++)
        {
            if (MazeEventLog.TryNumber(row.Cells[i], out var value))
                Add($"{_log.Event}.{_log.Attributes[i]}", value, sums, order);
        }
    }

    private static void Add(string name, double value, Dictionary<string, double> sums, List<string> order)
    {
        if (sums.TryGetValue(name, out var sum))
        {
            sums[name] = sum + value;
            return;
        }
        sums[name] = value;
        order.Add(name);
    }

    private void Emit(RecordBuffer record, Episode episode, bool wantText)
    {
        // The line of the episode's first row stands in for the offset: the reader counts lines, not bytes.
        record.Begin(episode.Offset, wantText);
        record.SetStep(episode.Step);
        foreach (var (name, value) in episode.Values)
            record.Add(_fields.FlatField(name), value);
        if (wantText)
            record.AddText(_fields.FlatField("episode_id"), episode.Id);
    }

    public void Dispose() => _log.Dispose();
}

/// <summary>A Maze event log (<c>event_logs/*.tsv</c>, <see cref="MazeEventLogReader"/>).</summary>
internal sealed record MazeEventLogSource() : RecordSource(MazeFormat.EventLog)
{
    public static MazeEventLogSource Instance { get; } = new();

    public override IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues) =>
        new MazeEventLogReader(file, fields, issues);
}
