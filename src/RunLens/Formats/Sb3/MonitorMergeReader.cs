using System.Globalization;
using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Sb3;

/// <summary>
/// Streams the monitor files of one SB3 run (one <c>*.monitor.csv</c> per environment of a vectorised run) as one
/// series of episodes, merged the way SB3's <c>load_results</c> and <c>ts2xy(..., "timesteps")</c> merge them:
/// every file's episodes in the order they ended in wall-clock time (<c>t_start + t</c>; a tie keeps file order,
/// then row order), each at step = the run's environment steps when it ended (the running sum of <c>l</c> over
/// the merged order). It is a k-way merge of the files, each read once, front to back, holding one row per file.
/// </summary>
/// <remarks>
/// <para>Each record has the fields of <see cref="MonitorRecordReader"/> (<c>episode/return</c>,
/// <c>episode/length</c>, <c>episode/time</c>, <c>is_success</c>, extra columns), plus <see cref="EnvField"/>, the
/// environment's index, so a user can still split the series by environment. Its wall time is <c>t_start + t</c>.
/// Problems are reported against the individual monitor file, with its line and offset.</para>
/// <para>As in <c>load_results</c>, each file's <c>t</c> is relative to its own <c>t_start</c>, the merge key is
/// <c>t + t_start</c> (the same double sum pandas makes), and <see cref="CurrentTime"/> subtracts the earliest
/// <c>t_start</c> of every header, files without episodes included. load_results sorts with pandas' default
/// (unstable) quicksort over files in <c>glob</c> order, so its order of equal times is not defined; here a tie keeps
/// the run's file order (by number), then row order.</para>
/// <para>A file whose header lacks <c>t_start</c> is taken to start with the earliest file of the run. A row
/// without a valid <c>t</c>, or one whose <c>t</c> is earlier than the row before it in the same file (a clock set
/// back; never seen in real logs), keeps its place right after that row: reported once per file, as a streaming
/// merge cannot move it earlier the way load_results' full sort would.</para>
/// <para>This is the one place the merged order is defined: the scan, <see cref="Run.Metric"/> and
/// <see cref="MonitorEpisodes"/> (<see cref="Run.Episodes"/>) all read through it.</para>
/// </remarks>
internal sealed class MonitorMergeReader : IRecordReader
{
    /// <summary>The field of the environment's index: the file name's leading number (<c>3.monitor.csv</c> is 3), or
    /// the file's position in the run's sorted monitor files when the names do not number them one each.</summary>
    public const string EnvField = "episode/env";

    private readonly Source[] _sources;
    private readonly ScanIssues _issues;
    private readonly int _lengthId;
    private readonly int _timeId;
    private readonly int _envId;
    // Files by their next row's end time, then file index (a tie keeps file order; rows of a file stay in order).
    private readonly PriorityQueue<int, (double Time, int File)> _queue = new();
    private bool _started;
    private bool _flushed;
    private long _steps;
    private int _lastFile = -1;

    /// <param name="paths">The monitor files, in the run's order (ties in time keep it).</param>
    /// <param name="fields">The field table every file's reader shares.</param>
    /// <param name="issues">Where problems go; each file's are added once the merge ends (or is disposed).</param>
    public MonitorMergeReader(IReadOnlyList<string> paths, FieldTable fields, ScanIssues issues)
    {
        _issues = issues;
        _lengthId = fields.FlatField(MonitorRecordReader.LengthField);
        _timeId = fields.FlatField(MonitorRecordReader.TimeField);
        _envId = fields.FlatField(EnvField);
        var envs = EnvIndexes(paths);
        _sources = new Source[paths.Count];
        for (var f = 0; f < paths.Count; f++)
        {
            var source = new Source(paths[f], envs[f]);
            try
            {
                source.Reader = new MonitorRecordReader(paths[f], fields, source.Issues);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                source.Issues.Add(new LoadIssue(paths[f], null, null, $"cannot open: {ex.Message}; this environment's episodes are not loaded, the others are"), "unreadable file");
            }
            _sources[f] = source;
        }
    }

    /// <summary>The index (in the given paths) of the file the last record came from.</summary>
    public int CurrentFile => _lastFile;

    /// <summary>
    /// The last record's end time, seconds since the earliest <c>t_start</c> of the run (<see cref="EarliestStart"/>);
    /// NaN when its row has no valid <c>t</c>.
    /// </summary>
    public double CurrentTime { get; private set; } = double.NaN;

    /// <summary>The earliest <c>t_start</c> of the files (0 when none has one); known after the first <see cref="Read"/>.</summary>
    public double EarliestStart { get; private set; }

    /// <inheritdoc />
    public long DiskPosition => _sources.Sum(s => s.Reader?.DiskPosition ?? 0);

    /// <summary>The monitor files opened and read (not those that could not be opened, nor those without a header).</summary>
    public int FilesRead => _sources.Sum(s => s.Reader?.FilesRead ?? 0);

    /// <inheritdoc />
    public bool Read(RecordBuffer record, bool wantText)
    {
        if (!_started)
            Start();
        if (!_queue.TryDequeue(out var f, out var at))
        {
            Flush();
            return false;
        }
        var source = _sources[f];
        var row = source.Head;
        Copy(row, record, wantText);
        var length = row.ValueOf(_lengthId);
        if (double.IsFinite(length) && length >= 0)
            _steps += (long)length;
        record.SetStep(_steps);
        record.Add(_envId, source.Env);
        CurrentTime = double.IsFinite(row.ValueOf(_timeId)) ? at.Time - EarliestStart : double.NaN;
        _lastFile = f;
        // The row just given stays in the spare buffer until this file gives another, for ReadLastRecord.
        (source.Head, source.Spare) = (source.Spare, source.Head);
        source.SpareStep = _steps;
        Advance(f);
        return true;
    }

    /// <inheritdoc />
    public bool ReadLastRecord(RecordBuffer record)
    {
        if (_lastFile < 0)
            return false;
        var source = _sources[_lastFile];
        Copy(source.Spare, record, wantText: true);
        record.SetStep(source.SpareStep);
        record.Add(_envId, source.Env);
        return true;
    }

    /// <summary>Reads every file's first row (and so its header, with <c>t_start</c>), then queues them.</summary>
    private void Start()
    {
        _started = true;
        var heads = new bool[_sources.Length];
        for (var f = 0; f < _sources.Length; f++)
            heads[f] = _sources[f].Reader is { } reader && reader.Read(_sources[f].Head, wantText: true);
        var starts = _sources.Select(s => s.Reader?.StartTime ?? double.NaN).Where(double.IsFinite).ToList();
        EarliestStart = starts.Count > 0 ? starts.Min() : 0;
        for (var f = 0; f < _sources.Length; f++)
        {
            var source = _sources[f];
            var start = source.Reader?.StartTime ?? double.NaN;
            source.LastKey = double.IsFinite(start) ? start : EarliestStart;
            if (heads[f])
                Enqueue(f);
        }
    }

    /// <summary>Reads the file's next row into its head and queues the file, unless it ended.</summary>
    private void Advance(int f)
    {
        var source = _sources[f];
        if (source.Reader!.Read(source.Head, wantText: true))
            Enqueue(f);
    }

    /// <summary>Queues the file under its head row's end time (see the remarks for rows without one or going back).</summary>
    private void Enqueue(int f)
    {
        var source = _sources[f];
        var row = source.Head;
        var start = source.Reader!.StartTime;
        var key = (double.IsFinite(start) ? start : EarliestStart) + row.ValueOf(_timeId);
        if (!double.IsFinite(key))
        {
            Report(source, ref source.ReportedNoTime, row.Offset,
                "an episode row without a valid time 't': ordered right after this environment's previous episode (reported once per file)");
            key = source.LastKey;
        }
        else if (key < source.LastKey)
        {
            Report(source, ref source.ReportedBackwards, row.Offset, string.Create(CultureInfo.InvariantCulture,
                $"episode time 't' goes back ({key - source.LastKey:G6} s): the episode is ordered right after this environment's previous one, where SB3's load_results would sort it earlier (reported once per file)"));
            key = source.LastKey;
        }
        source.LastKey = key;
        _queue.Enqueue(f, (key, f));
    }

    private static void Report(Source source, ref bool reported, long offset, string message)
    {
        if (reported)
            return;
        reported = true;
        source.Issues.Add(new LoadIssue(source.Path, offset, null, message), reason: null);
    }

    /// <summary>Copies a parsed row into the caller's buffer (text values only when asked for).</summary>
    private static void Copy(RecordBuffer from, RecordBuffer to, bool wantText)
    {
        to.Begin(from.Offset, wantText);
        var fields = from.Fields;
        var values = from.Values;
        for (var i = 0; i < fields.Length; i++)
            to.Add(fields[i], values[i]);
        if (wantText)
        {
            foreach (var (field, text) in from.Texts)
                to.AddText(field, text);
        }
        to.WallTime = from.WallTime;
    }

    /// <summary>Hands every file's issues to the caller's list, file by file (once).</summary>
    private void Flush()
    {
        if (_flushed)
            return;
        _flushed = true;
        foreach (var source in _sources)
            _issues.AddFrom(source.Issues);
    }

    /// <summary>Each file's environment index: the leading numbers of the names when they are all there and distinct, else positions.</summary>
    private static int[] EnvIndexes(IReadOnlyList<string> paths)
    {
        var numbers = paths.Select(p => LeadingNumber(System.IO.Path.GetFileName(p))).ToArray();
        return numbers.All(n => n is not null) && numbers.Distinct().Count() == numbers.Length
            ? numbers.Select(n => n!.Value).ToArray()
            : Enumerable.Range(0, paths.Count).ToArray();
    }

    private static int? LeadingNumber(string name)
    {
        var digits = name.TakeWhile(char.IsAsciiDigit).Count();
        return digits is > 0 and < 10 && int.TryParse(name.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    public void Dispose()
    {
        Flush();
        foreach (var source in _sources)
            source.Reader?.Dispose();
    }

    /// <summary>One file of the merge: its reader, its own issues, and two row buffers (next row, last given row).</summary>
    private sealed class Source(string path, int env)
    {
        public string Path { get; } = path;

        public int Env { get; } = env;

        public MonitorRecordReader? Reader { get; set; }

        public ScanIssues Issues { get; } = new();

        public RecordBuffer Head { get; set; } = new();

        public RecordBuffer Spare { get; set; } = new();

        /// <summary>The merged step of the row in <see cref="Spare"/>.</summary>
        public long SpareStep { get; set; }

        /// <summary>The end time (absolute) of the file's latest queued row, or its start before any.</summary>
        public double LastKey { get; set; }

        public bool ReportedNoTime;

        public bool ReportedBackwards;
    }
}
