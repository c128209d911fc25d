using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Scanning;

/// <summary>
/// One thread's share of a scan: reads whole files into its own state. Fields are tracked by this worker's ids on
/// the hot path and named only when the state is handed over, so nothing is looked up by string per value.
/// </summary>
internal sealed partial class ScanWorker
{
    private readonly ScanOptions _options;
    private readonly ScanProgressCounter _progress;
    private readonly FieldTable _fields;
    private readonly RecordBuffer _record = new();
    private readonly ScanIssues _issues = new();
    // By field id; an array rather than a list, as every value of every record indexes it.
    private CurveSketch?[] _sketches = new CurveSketch?[64];
    private readonly ScanState _state;
    private readonly Dictionary<string, int[]> _shapes = new(StringComparer.Ordinal);
    private int[]? _lastIds;
    private int[] _xIds = [], _yIds = [], _mapIds = [];
    private int _knownFields = -1;
    // What each record shape needs, worked out once: a JSON file's records nearly always share one shape, and a
    // TensorBoard file's events take turns among one shape per tag. Direct-mapped by the shape's ids; a shape that
    // meets another in its slot is planned again, which costs time, never a wrong result.
    private readonly RecordPlan?[] _plans = new RecordPlan?[256];
    // The sampler of the file read last, emptied for the next: its arrays are reused.
    private StrideSampler? _spareSampler;

    public ScanWorker(FieldMap map, ScanOptions options, ScanProgressCounter progress)
    {
        _options = options;
        _progress = progress;
        _fields = new FieldTable(map);
        _state = new ScanState(options);
    }

    /// <summary>Reads one file to its end. Problems become issues; nothing here throws for bad data.</summary>
    public void ScanFile(RunFile file)
    {
        if (Open(file) is not { } cursor)
            return;
        using (cursor.Reader)
        {
            ReadRecords(cursor);
            OfferLatest(cursor);
            _state.Bytes += cursor.Reader.DiskPosition;
            _progress.Add(cursor.Reader.DiskPosition - cursor.LastDisk, cursor.Ordinal - cursor.Reported, files: 1);
            // Files read, not entries listed: a group of monitor files counts each file, a file skipped whole none.
            _state.Files += cursor.Reader.FilesRead;
        }
        _state.FileSamples.Add(cursor.Sampler.ToSample(cursor.Ordinal));
        _spareSampler = cursor.Sampler;
        _issues.EndFile();
    }

    /// <summary>Opens a file's reader; null (with the issue reported) when it cannot be opened.</summary>
    private FileCursor? Open(RunFile file)
    {
        try
        {
            var reader = file.Open(_fields, _issues);
            var sampler = _spareSampler?.Restart(file.RelativePath) ?? new StrideSampler(_options.PerFileSamples, file.RelativePath, _fields.Names);
            _spareSampler = null;
            return new FileCursor(file, reader, _options, sampler);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _issues.Add(new LoadIssue(file.Path, null, null, $"cannot open: {ex.Message}"), "unreadable file");
            _issues.EndFile();
            return null;
        }
    }

    /// <summary>Reads records until the reader has no more: to the file's end, or to the end of what a followed file holds now.</summary>
    private void ReadRecords(FileCursor cursor)
    {
        var reader = cursor.Reader;
        var sampler = cursor.Sampler;
        var fileKey = cursor.FileKey;
        var ordinal = cursor.Ordinal;
        while (true)
        {
            var key = SampleKeys.RecordKey(cursor.KeyBase, ordinal);
            var toReservoir = _state.Reservoir.Wants(key);
            var toSampler = sampler.Wants(ordinal);
            if (!reader.Read(_record, toReservoir || toSampler))
                break;
            var step = Commit(fileKey, ordinal);
            if (toReservoir)
            {
                var row = MakeRow(cursor.File.RelativePath, ordinal, step);
                _state.Reservoir.Offer(key, SampleKeys.Order(fileKey, ordinal), row);
                if (toSampler)
                    sampler.Add(row);
            }
            else if (toSampler)
            {
                sampler.Keep(ordinal, _record.Offset, step, SharedIds(_record.Fields), _record.Values, Text());
            }
            ordinal++;
            if ((ordinal & 0xFFFF) == 0)
            {
                _options.Cancellation.ThrowIfCancellationRequested();
                var disk = reader.DiskPosition;
                _progress.Add(disk - cursor.LastDisk, ordinal - cursor.Reported, files: 0);
                (cursor.LastDisk, cursor.Reported) = (disk, ordinal);
            }
        }
        cursor.Ordinal = ordinal;
    }

    /// <summary>Offers the file's last record, with its text, as the reservoir's latest row.</summary>
    private void OfferLatest(FileCursor cursor)
    {
        var ordinal = cursor.Ordinal;
        if (ordinal > 0 && _options.ReservoirSize > 0 && cursor.Reader.ReadLastRecord(_record))
        {
            var step = _record.StepOf(_fields, ordinal - 1, out _);
            _state.Reservoir.OfferLatest(step, SampleKeys.Order(cursor.FileKey, ordinal - 1), MakeRow(cursor.File.RelativePath, ordinal - 1, step));
        }
    }

    /// <summary>Where one file's reading stands: its reader, how many records it gave, its evenly spaced rows.</summary>
    private sealed class FileCursor(RunFile file, IRecordReader reader, ScanOptions options, StrideSampler sampler)
    {
        public RunFile File { get; } = file;
        public IRecordReader Reader { get; } = reader;
        public ulong FileKey { get; } = SampleKeys.FileKey(file.RelativePath);
        public ulong KeyBase { get; } = SampleKeys.RecordKeyBase(options.Seed, SampleKeys.FileKey(file.RelativePath));
        public StrideSampler Sampler { get; } = sampler;
        public long Ordinal { get; set; }
        public long Reported { get; set; }
        public long LastDisk { get; set; }
    }

    /// <summary>Adds the parsed record to the curves and counts; returns its step.</summary>
    private long Commit(ulong fileKey, long ordinal)
    {
        var fields = _record.Fields;
        var index = RecordPlan.Slot(fields) & (_plans.Length - 1);
        var plan = _plans[index];
        if (plan is null || !plan.Fits(fields, _fields.FieldCount))
            _plans[index] = plan = NewPlan(fields);
        var values = _record.Values;
        var step = plan.StepSlots.Length > 0 && !_record.HasGivenStep
            ? plan.StepOf(values, ordinal, out var hadStep)
            : _record.StepOf(_fields, ordinal, out hadStep);
        if (!hadStep)
            _state.RecordsWithoutStep++;
        _state.Records++;
        if (step < _state.StepMin)
            _state.StepMin = step;
        if (step > _state.StepMax)
            _state.StepMax = step;
        var order = SampleKeys.Order(fileKey, ordinal);
        var sketches = plan.Sketches;
        for (var i = 0; i < sketches.Length && i < values.Length; i++)
            sketches[i].Add(step, values[i], order);
        if (plan.X >= 0 && plan.Y >= 0)
            CountVisit(values[plan.X], values[plan.Y], plan.Map >= 0 ? values[plan.Map] : double.NaN);
        return step;
    }

    /// <summary>
    /// The plan for records of this shape, with the sketch of each field made where missing. The position roles are
    /// ranked again here, as a new field (and only then) may change which field plays them.
    /// </summary>
    private RecordPlan NewPlan(ReadOnlySpan<int> fields)
    {
        if (_knownFields != _fields.FieldCount)
        {
            _knownFields = _fields.FieldCount;
            (_xIds, _yIds, _mapIds) = (_fields.Ranked(FieldMap.PositionX), _fields.Ranked(FieldMap.PositionY), _fields.Ranked(FieldMap.PositionMap));
        }
        var sketches = new CurveSketch[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (field >= _sketches.Length)
                Array.Resize(ref _sketches, Math.Max(field + 1, _sketches.Length * 2));
            sketches[i] = _sketches[field] ??= new CurveSketch(_fields.Names[field], _options.Buckets);
        }
        return RecordPlan.For(fields, _fields, sketches, _xIds, _yIds, _mapIds);
    }

    private void CountVisit(double x, double y, double map)
    {
        if (!InCellRange(x) || !InCellRange(y))
            return;
        _state.Visits.Add(InCellRange(map) ? (int)Math.Floor(map) : ScanState.NoMap, (int)Math.Floor(x), (int)Math.Floor(y));
    }

    private static bool InCellRange(double v) => v is >= int.MinValue + 1.0 and <= int.MaxValue;

    private RecordRow MakeRow(string file, long ordinal, long step)
    {
        var values = new RowValues<double>(_fields.Names, SharedIds(_record.Fields), _record.Values.ToArray());
        return new RecordRow(file, _record.Offset, ordinal, step, values, Text() ?? RowValues<string>.Empty);
    }

    /// <summary>The record's text fields, or null when it has none.</summary>
    private RowValues<string>? Text() => _record.Texts.Count == 0 ? null
        : new RowValues<string>(_fields.Names, _record.Texts.Select(t => t.Field).ToArray(), _record.Texts.Select(t => t.Text).ToArray());

    /// <summary>One id array per record shape: rows of the same shape share it.</summary>
    private int[] SharedIds(ReadOnlySpan<int> ids)
    {
        if (_lastIds is { } last && ids.SequenceEqual(last))
            return last;
        var key = string.Join(',', ids.ToArray());
        if (!_shapes.TryGetValue(key, out var shared))
        {
            shared = ids.ToArray();
            _shapes.Add(key, shared);
        }
        return _lastIds = shared;
    }

    /// <summary>Hands the worker's state over with names as written (and their aliases); the worker is done after this.</summary>
    public ScanState Finish()
    {
        for (var id = 0; id < _sketches.Length; id++)
        {
            if (_sketches[id] is not { } sketch)
                continue;
            sketch.Sources.UnionWith(_fields.SourcesOf(id));
            sketch.Alias = _fields.Aliases[id];
            _state.Fields.Add(sketch.Name, sketch);
        }
        if (_fields.Overflowed)
            _issues.Add(new LoadIssue("(scan)", null, null, $"more than {FieldTable.MaxFields} distinct fields; the rest are not tracked"), reason: null);
        _issues.EndFile();
        _state.Issues.AddRange(_issues.Issues);
        foreach (var note in _issues.Notes)
        {
            if (!_state.Notes.Contains(note))
                _state.Notes.Add(note);
        }
        foreach (var (reason, count) in _issues.Skipped)
            _state.Skipped[reason] = count;
        return _state;
    }
}
