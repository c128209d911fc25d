using System.IO.Compression;
using RunLens.Fields;
using RunLens.Formats.Csv;
using RunLens.Formats.Json;
using RunLens.Formats.TensorBoard;
using RunLens.Loading;

namespace RunLens.Formats.RayTune;

/// <summary>
/// The <see cref="RunFile.Format"/> names of a Ray Tune trial's data files. A trial's <c>result.json</c>,
/// <c>progress.csv</c> and event files hold the same results; RunLens reads one of them (see
/// <see cref="RayTuneFormat"/>) through <see cref="RayRecordReader"/>, which gives every source the same field names.
/// </summary>
internal static class RayTuneFiles
{
    /// <summary><c>result.json</c>: JSON lines, one result per training iteration.</summary>
    public const string Result = "ray-tune-result";

    /// <summary><c>progress.csv</c>, on disk or inside a zip.</summary>
    public const string Progress = "ray-tune-progress";

    /// <summary>An <c>events.out.tfevents.*</c> file written by Tune's TensorBoard logger.</summary>
    public const string Events = "ray-tune-events";
}

/// <summary>A Ray Tune data file: <paramref name="Kind"/> is one of the <see cref="RayTuneFiles"/> names.</summary>
/// <param name="Kind">Which of a trial's files it is.</param>
/// <param name="ZipEntry">For a <c>progress.csv</c> inside a zip, the entry's name.</param>
internal sealed record RaySource(string Kind, string? ZipEntry = null) : RecordSource(Kind)
{
    public static RaySource Result { get; } = new(RayTuneFiles.Result);

    public static RaySource Progress { get; } = new(RayTuneFiles.Progress);

    public static RaySource Events { get; } = new(RayTuneFiles.Events);

    public override IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues) =>
        new RayRecordReader(file, this, fields, issues);

    public override bool ReadsPartOfFile => ZipEntry is not null;
}

/// <summary>
/// Reads one Ray Tune data file so that a trial reads the same whichever of its files it came from:
/// <list type="bullet">
/// <item><c>result.json</c> is read by the JSON reader (nested objects flatten to dotted names, bare <c>NaN</c> and
/// <c>Infinity</c> are numbers, arrays such as <c>hist_stats</c> are passed over).</item>
/// <item><c>progress.csv</c> columns are flattened by Tune with '/' (<c>info/learner/default_policy/cur_lr</c>); the
/// '/' become '.' so they match <c>result.json</c>'s dotted names. Before Ray 0.8 nested results were written as
/// Python <c>repr</c> dicts (<c>{'learner': {'cur_lr': 0.0005}}</c>); their numbers become dotted fields too
/// (see <see cref="PythonLiteral"/>).</item>
/// <item>Event-file tags lose Tune's <c>ray/tune/</c> prefix and their '/' become '.'.</item>
/// <item>The trial's <c>config</c>, which <c>result.json</c> (and old <c>progress.csv</c>) repeat in every result, is
/// not a metric: it is left out here and is the run's <see cref="RunInfo.Config"/> instead.</item>
/// </list>
/// The step is the default step field: <c>timesteps_total</c> (environment steps, the x-axis RLlib users plot), else
/// <c>training_iteration</c> for trainables that count no timesteps; event files keep their own step, which Tune set
/// the same way.
/// </summary>
internal sealed class RayRecordReader : IFollowingReader
{
    /// <summary>Field names as written: the inner reader's names must reach the mapping untouched.</summary>
    private static readonly FieldMap Verbatim = FieldMap.Default with
    {
        Aliases = new Dictionary<string, string>(StringComparer.Ordinal),
        PrefixAliases = new Dictionary<string, string>(StringComparer.Ordinal),
        RewardComponents = [],
    };

    private const int Unmapped = int.MinValue;
    private const int Dropped = -1;

    private readonly string _format;
    private readonly FieldTable _fields;
    private readonly FieldTable _innerFields = new(Verbatim);
    private readonly RecordBuffer _inner = new();
    private readonly IRecordReader _reader;
    private readonly List<(string Name, double Value)> _dictValues = [];
    private int[] _map = [];
    private string?[] _names = [];
    private FileStream? _zipFile;
    private bool _firstRecord = true;
    private bool _dictCells;

    public RayRecordReader(RunFile file, RaySource source, FieldTable fields, ScanIssues issues)
    {
        _format = source.Kind;
        _fields = fields;
        _reader = source.Kind switch
        {
            RayTuneFiles.Result => new JsonRecordReader(file.Path, _innerFields, issues),
            RayTuneFiles.Progress when source.ZipEntry is { } entry => OpenZipEntry(file.Path, entry, issues),
            RayTuneFiles.Progress => new CsvRecordReader(file.Path, _innerFields, issues),
            _ => OpenEvents(file, issues),
        };
    }

    /// <inheritdoc />
    public long DiskPosition => _zipFile?.Position ?? _reader.DiskPosition;

    // A trial's result.json and progress.csv grow as Tune writes them: followed by the reader inside (not a zip entry).
    private IFollowingReader? Inner => _zipFile is null ? _reader as IFollowingReader : null;

    /// <inheritdoc />
    public bool CanFollow => Inner?.CanFollow == true;

    /// <inheritdoc />
    public bool Following
    {
        get => Inner?.Following == true;
        set
        {
            if (Inner is { } inner)
                inner.Following = value;
        }
    }

    /// <inheritdoc />
    public bool Settled => Inner?.Settled != false;

    /// <inheritdoc />
    public long PendingBytes => Inner?.PendingBytes ?? 0;

    /// <inheritdoc />
    public void ReportEnd(ScanIssues issues) => Inner?.ReportEnd(issues);

    /// <inheritdoc />
    public bool Read(RecordBuffer record, bool wantText)
    {
        // Old progress.csv rows hold nested results as dict text: read the text of every row to get their numbers.
        if (!_reader.Read(_inner, wantText || _dictCells || _firstRecord))
            return false;
        Copy(record, wantText);
        return true;
    }

    /// <inheritdoc />
    public bool ReadLastRecord(RecordBuffer record)
    {
        if (!_reader.ReadLastRecord(_inner))
            return false;
        Copy(record, wantText: true);
        return true;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _zipFile?.Dispose();
    }

    /// <summary>
    /// A <c>progress.csv</c> inside a zip (the published <c>results.zip</c>), streamed through the zip's deflate
    /// stream. Issues name it <c>results.zip!progress.csv</c>; the disk position is the zip file's.
    /// </summary>
    private CsvRecordReader OpenZipEntry(string path, string entryName, ScanIssues issues)
    {
        _zipFile = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            var zip = new ZipArchive(_zipFile, ZipArchiveMode.Read, leaveOpen: true);
            var entry = zip.GetEntry(entryName);
            if (entry is null)
            {
                zip.Dispose();
                throw new IOException($"'{entryName}' is not in the zip file");
            }
            return CsvRecordReader.Open(() => new ZipEntryStream(zip, entry.Open()), path + "!" + entryName, _innerFields, issues);
        }
        catch (InvalidDataException ex)
        {
            _zipFile.Dispose();
            throw new IOException($"not a readable zip file: {ex.Message}", ex);
        }
        catch
        {
            _zipFile.Dispose();
            throw;
        }
    }

    /// <summary>Event files go to the TensorBoard reader; without one, the file is reported and reads as empty.</summary>
    private IRecordReader OpenEvents(RunFile file, ScanIssues issues)
    {
        try
        {
            return new TensorBoardRecordReader(file, PurgeCuts.None, _innerFields, issues);
        }
        catch (NotSupportedException ex)
        {
            issues.Add(new LoadIssue(file.Path, null, null, $"{ex.Message} The file is not read."), "unreadable file");
            return new NoRecords();
        }
    }

    private void Copy(RecordBuffer record, bool wantText)
    {
        record.Begin(_inner.Offset, wantText);
        record.WallTime = _inner.WallTime;
        if (_format == RayTuneFiles.Events)
        {
            var step = _inner.StepOf(_innerFields, 0, out var hadStep);
            if (hadStep)
                record.SetStep(step);
        }
        var fields = _inner.Fields;
        var values = _inner.Values;
        for (var i = 0; i < fields.Length; i++)
        {
            var id = Map(fields[i]);
            if (id >= 0)
                record.Add(id, values[i]);
        }
        var dicts = false;
        foreach (var (field, text) in _inner.Texts)
        {
            var id = Map(field);
            if (id < 0)
                continue;
            if (_format == RayTuneFiles.Progress && text.StartsWith('{') && ReadDict(record, _names[field]!, text))
            {
                dicts = true;
                continue;
            }
            if (wantText)
                record.AddText(id, text);
        }
        if (_firstRecord)
        {
            _dictCells = dicts;
            _firstRecord = false;
        }
    }

    /// <summary>Adds the numbers of a Python dict cell under the column's name; false when it is not one.</summary>
    private bool ReadDict(RecordBuffer record, string column, string text)
    {
        _dictValues.Clear();
        if (!PythonLiteral.TryReadDict(text, column, _dictValues))
            return false;
        foreach (var (name, value) in _dictValues)
            record.Add(_fields.FlatField(name), value);
        return true;
    }

    private int Map(int inner)
    {
        if (inner < 0)
            return Dropped;
        if (inner >= _map.Length)
        {
            var size = Math.Max(inner + 1, _map.Length * 2);
            var grown = new int[size];
            grown.AsSpan(_map.Length).Fill(Unmapped);
            _map.CopyTo(grown, 0);
            _map = grown;
            Array.Resize(ref _names, size);
        }
        if (_map[inner] == Unmapped)
        {
            _names[inner] = Name(_innerFields.Names[inner]);
            _map[inner] = _names[inner] is { } name ? _fields.FlatField(name) : Dropped;
        }
        return _map[inner];
    }

    /// <summary>The field name of a result key as this file writes it, or null for the config.</summary>
    private string? Name(string written)
    {
        var name = written;
        if (_format == RayTuneFiles.Events && name.StartsWith("ray/tune/", StringComparison.Ordinal))
            name = name["ray/tune/".Length..];
        name = name.Replace('/', '.');
        return name == "config" || name.StartsWith("config.", StringComparison.Ordinal) ? null : name;
    }

    /// <summary>Stands in for a file no reader exists for.</summary>
    private sealed class NoRecords : IRecordReader
    {
        public long DiskPosition => 0;

        public bool Read(RecordBuffer record, bool wantText) => false;

        public bool ReadLastRecord(RecordBuffer record) => false;

        public void Dispose()
        {
        }
    }

    /// <summary>A zip entry's stream that closes its zip archive with it.</summary>
    private sealed class ZipEntryStream(ZipArchive zip, Stream entry) : ReadOnlyStream(entry)
    {
        public override int Read(Span<byte> buffer) => Inner.Read(buffer);

        protected override void Dispose(bool disposing)
        {
            // The entry (disposed by the base) goes first, then the archive it reads from.
            base.Dispose(disposing);
            if (disposing)
                zip.Dispose();
        }
    }
}
