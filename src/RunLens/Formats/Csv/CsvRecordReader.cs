using System.Buffers;
using System.Globalization;
using System.Text;
using RunLens.Fields;
using RunLens.Formats.Numbers;
using RunLens.Loading;

namespace RunLens.Formats.Csv;

/// <summary>A comment line met before the header (see <see cref="CsvOptions.LeadingComments"/>).</summary>
/// <param name="Line">The 1-based line.</param>
/// <param name="Offset">The byte offset of the line (in the decompressed stream for gzip).</param>
/// <param name="Text">The line's text after the <c>#</c>.</param>
internal sealed record CsvComment(long Line, long Offset, string Text);

/// <summary>
/// Streams the rows of a CSV file with a header row (SB3 and Ray Tune <c>progress.csv</c>, PokemonRed
/// <c>agent_stats</c>, pandas <c>to_csv</c> output), plain or gzip, through one pooled buffer.
/// </summary>
/// <remarks>
/// <para>The rules, chosen to read what Python's <c>csv</c> module and pandas write:</para>
/// <list type="bullet">
/// <item>UTF-8 with or without a byte order mark; LF or CRLF line ends, mixed within a file too (SB3 monitor files
/// end their first line with LF and the rows with CRLF). Blank lines are ignored.</item>
/// <item>RFC 4180 quoting: a cell starting with a quote runs to the closing quote (commas and line breaks inside
/// it belong to the cell, a doubled quote is one quote). A quote elsewhere in a cell is an ordinary character.</item>
/// <item>The first non-blank line is the header, unless every one of its cells is a number: then the file has no
/// header (<c>np.savetxt</c>, pandas' <c>header=False</c>), its columns are <c>column0</c>, <c>column1</c>, ...
/// (0-based, as pandas' <c>header=None</c> names them) and that row is data. Cells are fields by their column's name
/// (<see cref="FieldTable.FlatField"/>), so files of one run may order their columns differently. An unnamed first
/// column is pandas' row index and is dropped; another unnamed column is named <c>column&lt;n&gt;</c> (1-based).</item>
/// <item>A row equal to the header, byte for byte, is not a record: it is the boundary between episodes of a file
/// that a writer appended to after each reset (PokemonRed's <c>agent_stats</c>). They are counted in
/// <see cref="RepeatedHeaders"/>.</item>
/// <item>An empty cell has no value. A number (invariant culture; <c>nan</c>, <c>inf</c>, <c>-inf</c>,
/// <c>Infinity</c>; <c>True</c>/<c>False</c> as 1/0) is a value; any other cell is text, collected only when text
/// is wanted. When no column has a step name of the <see cref="FieldMap"/>, a column named like a step count whose
/// first buffered values are whole and never go down is the x axis (<see cref="CsvColumns.StepColumn"/>).
/// Text cells are counted per column: at the end of the file each column that had any is reported once,
/// with the count and the first one's line and text. A row without any number (only text or empty cells) is no
/// data record: it is counted as skipped (<c>no numeric cells</c>).</item>
/// <item>A row with more cells than the header, or a quoted cell followed by something other than a comma or the row
/// end, or a quote never closed, is malformed: it is reported with its line and offset and skipped. When such a row
/// spans several lines (a stray quote swallowed line breaks), only its first line is skipped and reading resumes on
/// the next line, so one bad quote costs one line, not the rest of the file.</item>
/// <item>A row with fewer cells than the header loads, its missing columns without values, and is reported (the
/// writer and the header disagree). The exception is the last line of the file when it has no line end: it was cut
/// off (a run still writing, or killed), so it is reported and skipped, since its last cell may be a cut number.</item>
/// </list>
/// <para>Why not Sep (nietras.SeparatedValues 0.18), measured in issue 15: on 200 MB of SB3 <c>progress.csv</c>, Sep
/// parsing every cell as a double took 1.3-1.4 CPU-s, this reader (numbers by <see cref="FastFloat"/>) 0.8; and Sep's
/// quoting is not Python's: a quote inside an unquoted cell (<c>x"y,2</c>), or an unclosed one, opens a quoted section
/// that swallows every line after it; Python's <c>csv</c> and this reader read <c>x"y</c>, and an unclosed quote costs one line.</para>
/// </remarks>
internal sealed partial class CsvRecordReader : IFollowingReader
{
    /// <summary>The longest row read; a longer line is reported and skipped.</summary>
    public const int MaxRowBytes = 8 << 20;

    private const int InitialBufferSize = 64 << 10;
    private const string Malformed = "malformed CSV row";
    private const string Truncated = "truncated";
    private const string NoNumbers = "no numeric cells";

    private readonly CountingStream _raw;
    private readonly Stream _stream;
    private readonly string _path;
    private readonly FieldTable _fields;
    private readonly ScanIssues _issues;
    private readonly CsvOptions _options;
    private readonly List<CsvComment> _comments = [];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private byte[] _scratch = new byte[256];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _done;
    private bool _bomChecked;
    private bool _skippingLine;
    private long _bufferOffset;
    private long _line = 1;
    private byte[]? _header;
    private int[] _columns = [];
    private string[] _columnNames = [];
    private int[] _textCells = [];
    private (long Line, long Offset, string Text)[] _firstText = [];
    private bool _textReported;
    private bool _starved;
    private bool _stepRuleSettled = true;

    /// <summary>Opens a CSV file (gzip when its name ends in <c>.gz</c>).</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public CsvRecordReader(string path, FieldTable fields, ScanIssues issues, CsvOptions? options = null)
        : this(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan),
            path, fields, issues, options, () => File.OpenRead(path))
    {
    }

    private CsvRecordReader(Stream raw, string path, FieldTable fields, ScanIssues issues, CsvOptions? options, Func<Stream>? reopen)
    {
        _path = path;
        _fields = fields;
        _issues = issues;
        _options = options ?? CsvOptions.Default;
        _raw = new CountingStream(raw);
        _stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GzipFileStream(new BufferedStream(_raw, 1 << 16), reopen)
            : _raw;
    }

    /// <summary>
    /// A reader over a stream that is not a file of its own, such as an entry of Ray Tune's <c>results.zip</c>.
    /// <paramref name="displayPath"/> names it in issues (for example <c>results.zip!trial_1/progress.csv</c>) and
    /// decides gzip by its <c>.gz</c> ending. The stream is opened now and disposed with the reader.
    /// </summary>
    public static CsvRecordReader Open(Func<Stream> open, string displayPath, FieldTable fields, ScanIssues issues, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentException.ThrowIfNullOrEmpty(displayPath);
        return new CsvRecordReader(open(), displayPath, fields, issues, options, open);
    }

    /// <summary>Bytes read from disk so far (compressed bytes for gzip).</summary>
    public long DiskPosition => _raw.BytesRead;

    /// <summary>The header's column names as they became fields (after renames; the dropped index column is "").</summary>
    public IReadOnlyList<string> Columns => _columnNames;

    /// <summary>The comment lines before the header, when <see cref="CsvOptions.LeadingComments"/> allows them.</summary>
    public IReadOnlyList<CsvComment> Comments => _comments;

    /// <summary>How many rows so far repeated the header (episode boundaries of files appended to after each reset).</summary>
    public int RepeatedHeaders { get; private set; }

    /// <inheritdoc />
    public int Restarts => RepeatedHeaders;

    /// <summary>True when the file's first row was data, not a header (see the remarks); its columns are <c>column0</c>, ...</summary>
    public bool Headerless { get; private set; }

    /// <summary>0 when the file was skipped whole (its header is malformed), else 1.</summary>
    public int FilesRead => _skippedWhole ? 0 : 1;

    private bool _skippedWhole;

    /// <summary>The column found by rule to be the x axis (see <see cref="CsvColumns.StepColumn"/>), or -1.</summary>
    public int StepColumn { get; private set; } = -1;

    /// <summary>Gives the record the step of the rule's step column, when the file has one and the row a value there.</summary>
    private void SetRuleStep(RecordBuffer record)
    {
        if (StepColumn < 0)
            return;
        var value = record.ValueOf(_columns[StepColumn]);
        if (double.IsFinite(value) && Math.Abs(value) < 9.2e18)
            record.SetStep((long)Math.Floor(value));
    }

    private enum Outcome { Row, Skip, SkipLine, Stop }

    /// <inheritdoc />
    public bool Read(RecordBuffer record, bool wantText)
    {
        while (!_done)
        {
            // Following a growing file: the end of what it holds now is not its end; go on from here next time.
            if (_starved)
            {
                _starved = false;
                return false;
            }
            if (_skippingLine)
            {
                SkipRestOfLine();
                continue;
            }
            var found = FindRowEnd(out var contentEnd, out var next, out var newlines, out var terminated, out var inQuote);
            if (found == RowEnd.None)
            {
                _done = true;
                break;
            }
            if (found == RowEnd.NeedMore)
            {
                if (_end - _start >= MaxRowBytes)
                    TooLong(inQuote);
                else
                    Fill();
                continue;
            }
            var rowStart = _start;
            var outcome = Handle(rowStart, contentEnd, newlines, terminated, inQuote, record, wantText);
            switch (outcome)
            {
                case Outcome.SkipLine:
                    SkipFirstLine();
                    continue;
                case Outcome.Stop:
                    _done = true;
                    _skippedWhole = _header is null;
                    ReportTextCells();
                    return false;
            }
            _start = next;
            _line += newlines;
            if (outcome == Outcome.Row)
                return true;
        }
        ReportTextCells();
        return false;
    }

    private long Offset(int position) => _bufferOffset + position;

    /// <summary>Decides what the row is: a comment, the header, a repeated header, a record, or malformed.</summary>
    private Outcome Handle(int rowStart, int contentEnd, int newlines, bool terminated, bool unclosed, RecordBuffer record, bool wantText)
    {
        var row = _buffer.AsSpan(rowStart, contentEnd - rowStart);
        if (row.Trim(" \t\r"u8).IsEmpty)
            return Outcome.Skip;
        var multiLine = newlines > (terminated ? 1 : 0);
        if (_header is null)
        {
            if (_options.LeadingComments && row[0] == '#')
            {
                _comments.Add(new CsvComment(_line, Offset(rowStart), Encoding.UTF8.GetString(row[1..])));
                return Outcome.Skip;
            }
            var header = ReadHeader(row, unclosed, rowStart);
            if (header != Outcome.Row)
                return header;
            // A headerless file: this first row is data.
        }
        if (row.SequenceEqual(_header))
        {
            RepeatedHeaders++;
            return Outcome.Skip;
        }
        record.Begin(Offset(rowStart), wantText);
        ParseRow(row, record, wantText, countText: true, out var cells, out var error);
        if (unclosed && error is null)
            error = "a quoted cell is not closed before the end of the file";
        if (error is not null)
            return ReportMalformed(rowStart, error, multiLine);
        if (cells < _columns.Length)
        {
            if (!terminated)
            {
                _issues.Add(new LoadIssue(_path, Offset(rowStart), _line, string.Create(CultureInfo.InvariantCulture,
                    $"the last line is cut off: {cells} of {_columns.Length} cells and no line end (the run may still be writing, or was killed); it is skipped, every row before it loaded")),
                    Truncated);
                return Outcome.Skip;
            }
            _issues.Add(new LoadIssue(_path, Offset(rowStart), _line, string.Create(CultureInfo.InvariantCulture,
                $"the row has {cells} of the header's {_columns.Length} cells; it loads without values for the missing columns")), reason: null);
        }
        if (record.Count == 0)
        {
            // Only text or empty cells: nothing to plot. The text cells are reported per column at the end; a reader
            // that does not report text cells (SB3's monitor) would drop the row silently, so it is reported here.
            if (_options.ReportTextCells)
                _issues.Count(NoNumbers);
            else
                _issues.Add(new LoadIssue(_path, Offset(rowStart), _line, "the row has no number in any cell; it is skipped"), NoNumbers);
            return Outcome.Skip;
        }
        SetRuleStep(record);
        RememberLast(rowStart, contentEnd - rowStart);
        return Outcome.Row;
    }

    private Outcome ReportMalformed(int rowStart, string error, bool multiLine)
    {
        var message = multiLine
            ? string.Create(CultureInfo.InvariantCulture,
                $"malformed row: {error}; the row runs over several lines, so only line {_line} is skipped and reading resumes at line {_line + 1}")
            : $"malformed row: {error}; the row is skipped";
        _issues.Add(new LoadIssue(_path, Offset(rowStart), _line, message), Malformed);
        return multiLine ? Outcome.SkipLine : Outcome.Skip;
    }

    /// <summary>
    /// Adds a data row's values to <paramref name="record"/>. <paramref name="error"/> says why it is malformed
    /// (too many cells, bad quoting); <paramref name="cells"/> counts its cells. False when nothing was added
    /// because of an error. Text cells are counted per column when <paramref name="countText"/> (not when the last
    /// row is parsed again).
    /// </summary>
    private bool ParseRow(ReadOnlySpan<byte> row, RecordBuffer record, bool wantText, bool countText, out int cells, out string? error)
    {
        error = null;
        cells = 0;
        var reader = new CsvCells(row);
        while (reader.Next(out var cell, out var escaped))
        {
            if (cells >= _columns.Length)
            {
                cells++;
                continue;
            }
            var column = cells++;
            var field = _columns[column];
            if (field < 0)
                continue;
            var bytes = escaped ? CsvCells.Unescape(cell, ref _scratch) : cell;
            switch (CsvValue.Parse(bytes, out var value))
            {
                case CsvValueKind.Number:
                    record.Add(field, value);
                    break;
                case CsvValueKind.Text:
                    if (countText && _textCells[column]++ == 0)
                        _firstText[column] = (_line, record.Offset, Encoding.UTF8.GetString(bytes));
                    if (wantText)
                        record.AddText(field, Encoding.UTF8.GetString(bytes));
                    break;
            }
        }
        if (reader.Error is not null)
            error = reader.Error;
        else if (cells > _columns.Length)
            error = string.Create(CultureInfo.InvariantCulture, $"{cells} cells but the header has {_columns.Length}");
        return error is null;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _raw.Dispose();
        if (_buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
