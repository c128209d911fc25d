using System.Globalization;
using System.Text.Json;
using RunLens.Fields;
using RunLens.Formats.Csv;
using RunLens.Loading;

namespace RunLens.Formats.Sb3;

/// <summary>
/// Streams an SB3/OpenAI-baselines <c>*.monitor.csv</c>: a first line <c>#{"t_start": ..., "env_id": ...}</c> (or
/// <c># {...}</c>), then a <c>r,l,t</c> header (plus <c>is_success</c> and any <c>info_keywords</c>), then one row per
/// finished episode of one environment.
/// </summary>
/// <remarks>
/// Each row is a record with the fields <c>episode/return</c> (<c>r</c>), <c>episode/length</c> (<c>l</c>),
/// <c>episode/time</c> (<c>t</c>, seconds since <c>t_start</c>), <c>is_success</c> and the extra columns under their
/// own names. Its step is the number of environment steps this file's environment had taken when the episode
/// ended: the running sum of <c>l</c> over the file (SB3's <c>ts2xy(..., "timesteps")</c> on this file alone). Its
/// wall time is <c>t_start + t</c>. An SB3 run's monitor files are not read with this step: they are one
/// <see cref="FileFormats.Sb3Monitors"/> file whose <see cref="MonitorMergeReader"/> merges them (with this reader
/// per file) at the run-wide step; a monitor file read on its own (beside other formats' logs) keeps this one.
/// </remarks>
internal sealed class MonitorRecordReader : IRecordReader
{
    /// <summary>The field of the episode return (<c>r</c>).</summary>
    public const string ReturnField = "episode/return";

    /// <summary>The field of the episode length in steps (<c>l</c>).</summary>
    public const string LengthField = "episode/length";

    /// <summary>The field of the episode's end time in seconds since <c>t_start</c> (<c>t</c>).</summary>
    public const string TimeField = "episode/time";

    /// <summary>The field of SB3's success flag (1 or 0), present for goal-conditioned environments.</summary>
    public const string SuccessField = "is_success";

    // Text in r or t is reported row by row below, with what it costs the episode; not again per column.
    private static readonly CsvOptions Options = new() { LeadingComments = true, ColumnName = Rename, ReportTextCells = false };

    private readonly CsvRecordReader _csv;
    private readonly string _path;
    private readonly ScanIssues _issues;
    private readonly int _lengthId;
    private readonly int _timeId;
    private readonly int _returnId;
    private bool _headerRead;
    private long _steps;
    private long _lastStep;
    private double _lastWallTime = double.NaN;
    private bool _missingLengthReported;

    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public MonitorRecordReader(string path, FieldTable fields, ScanIssues issues)
    {
        _csv = new CsvRecordReader(path, fields, issues, Options);
        _path = path;
        _issues = issues;
        _lengthId = fields.FlatField(LengthField);
        _timeId = fields.FlatField(TimeField);
        _returnId = fields.FlatField(ReturnField);
    }

    /// <summary>The environment's start, seconds since the Unix epoch (<c>t_start</c>); NaN when the header lacks it.</summary>
    public double StartTime { get; private set; } = double.NaN;

    /// <summary>The environment id of the header (<c>env_id</c>), when given.</summary>
    public string? EnvId { get; private set; }

    /// <inheritdoc />
    public long DiskPosition => _csv.DiskPosition;

    /// <inheritdoc />
    public int FilesRead => _csv.FilesRead;

    /// <inheritdoc />
    public bool Read(RecordBuffer record, bool wantText)
    {
        var read = _csv.Read(record, wantText);
        if (!_headerRead)
            ReadHeader();
        if (!read)
            return false;
        var length = record.ValueOf(_lengthId);
        if (double.IsFinite(length) && length >= 0)
            _steps += (long)length;
        else if (!_missingLengthReported)
        {
            _missingLengthReported = true;
            _issues.Add(new LoadIssue(_path, record.Offset, null,
                "an episode row without a valid length 'l': its step is the previous episode's (reported once per file)"), reason: null);
        }
        record.SetStep(_steps);
        // A cell of r or t that is not a number (damage, a stray text) would otherwise vanish from the metric
        // silently: the row loads without it, and the issue says which value is missing.
        if (!record.Has(_returnId) || !record.Has(_timeId))
        {
            var missing = !record.Has(_returnId) ? (record.Has(_timeId) ? "return 'r'" : "return 'r' and time 't'") : "time 't'";
            _issues.Add(new LoadIssue(_path, record.Offset, null,
                $"an episode row without a numeric {missing}: the row loads without it"), reason: null);
        }
        var time = record.ValueOf(_timeId);
        if (!double.IsNaN(StartTime) && double.IsFinite(time))
            record.WallTime = StartTime + time;
        _lastStep = _steps;
        _lastWallTime = record.WallTime;
        return true;
    }

    /// <inheritdoc />
    public bool ReadLastRecord(RecordBuffer record)
    {
        if (!_csv.ReadLastRecord(record))
            return false;
        record.SetStep(_lastStep);
        record.WallTime = _lastWallTime;
        return true;
    }

    /// <summary>Monitor columns under the names of the episode fields.</summary>
    private static string Rename(string column) => column switch
    {
        "r" => ReturnField,
        "l" => LengthField,
        "t" => TimeField,
        _ => column,
    };

    /// <summary>Parses the <c>#{...}</c> line with System.Text.Json: <c>t_start</c> and <c>env_id</c>.</summary>
    private void ReadHeader()
    {
        _headerRead = true;
        if (_csv.Comments.Count == 0)
        {
            if (_csv.Columns.Count > 0)
            {
                _issues.Add(new LoadIssue(_path, 0, 1,
                    "no '#{\"t_start\": ...}' line before the header: episodes load without the environment's start time"), reason: null);
            }
            return;
        }
        var comment = _csv.Comments[0];
        try
        {
            using var doc = JsonDocument.Parse(comment.Text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new JsonException("not a JSON object");
            if (doc.RootElement.TryGetProperty("t_start", out var start) && start.ValueKind == JsonValueKind.Number)
                StartTime = start.GetDouble();
            if (doc.RootElement.TryGetProperty("env_id", out var env) && env.ValueKind == JsonValueKind.String)
                EnvId = env.GetString();
        }
        catch (JsonException ex)
        {
            _issues.Add(new LoadIssue(_path, comment.Offset, comment.Line, string.Create(CultureInfo.InvariantCulture,
                $"the monitor header line is not a JSON object ({ex.Message}); episodes load without the environment's start time")), reason: null);
        }
    }

    public void Dispose() => _csv.Dispose();
}
