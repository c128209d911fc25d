using System.Text;
using RunLens.Formats.Mlflow;

namespace RunLens.Formats.Maze;

/// <summary>
/// One Maze event log file as <c>LogEventsWriterTSV</c> writes it (maze/core/log_events/log_events_writer_tsv.py):
/// one file per event, named after the event's interface method (<c>BaseEnvEvents.reward.tsv</c>); a header row
/// <c>episode_id, env_time</c>, then the event's attributes sorted by name; one tab-separated row per event, each
/// cell Python's <c>str()</c> of the value. Rows of one episode are written together when the episode ends, so an
/// episode's rows are contiguous. Enumerates the valid rows; a row with the wrong number of cells or no episode id
/// is reported with its line and skipped.
/// </summary>
internal sealed class MazeEventLog : IDisposable
{
    /// <summary>The columns every Maze event log starts with.</summary>
    public static readonly string[] Leading = ["episode_id", "env_time"];

    private readonly FileStream _file;
    private readonly StreamReader _reader;
    private readonly Action<LoadIssue> _report;
    private long _line;

    private MazeEventLog(string path, FileStream file, Action<LoadIssue> report)
    {
        Path = path;
        _file = file;
        _report = report;
        _reader = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        Event = System.IO.Path.GetFileNameWithoutExtension(path);
    }

    public string Path { get; }

    /// <summary>The event's name: the file name without <c>.tsv</c> (Maze's <c>interface_method.__qualname__</c>).</summary>
    public string Event { get; }

    /// <summary>The attribute columns (after <c>episode_id</c> and <c>env_time</c>); empty until the header is read.</summary>
    public IReadOnlyList<string> Attributes { get; private set; } = [];

    /// <summary>Bytes read from disk so far.</summary>
    public long DiskPosition => _file.Position;

    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static MazeEventLog Open(string path, Action<LoadIssue> report) =>
        new(path, new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan), report);

    /// <summary>Reads the header; false (reported) when the file does not start with Maze's columns.</summary>
    public bool ReadHeader()
    {
        var header = NextLine();
        if (header is null)
            return false;
        var columns = header.Split('\t');
        if (columns.Length < 3 || columns[0] != Leading[0] || columns[1] != Leading[1])
        {
            _report(new LoadIssue(Path, 0, _line, $"the header '{Shorten(header)}' is not a Maze event log header (episode_id, env_time, then the event's attributes, tab-separated); nothing is read from this file"));
            return false;
        }
        Attributes = columns[2..];
        return true;
    }

    /// <summary>The next valid row: its line, episode id, env time text and attribute cells. Null at the end.</summary>
    public MazeEventRow? Next()
    {
        while (NextLine() is { } line)
        {
            if (line.Length == 0)
                continue;
            var cells = line.Split('\t');
            if (cells.Length != Attributes.Count + 2)
            {
                _report(new LoadIssue(Path, null, _line, FormattableString.Invariant(
                    $"{cells.Length} tab-separated cells where the header has {Attributes.Count + 2}: '{Shorten(line)}'; row skipped")));
                continue;
            }
            if (cells[0].Length == 0)
            {
                _report(new LoadIssue(Path, null, _line, $"no episode_id: '{Shorten(line)}'; row skipped"));
                continue;
            }
            return new MazeEventRow(_line, cells[0], cells[1], cells[2..]);
        }
        return null;
    }

    /// <summary>
    /// A cell as a number, as Python's <c>str()</c> wrote it: a float or int (<c>nan</c>, <c>inf</c> included) or a
    /// bool (<c>True</c>/<c>False</c> as 1/0). False for text (a group attribute such as a KPI name) and <c>None</c>.
    /// </summary>
    public static bool TryNumber(string cell, out double value)
    {
        switch (cell)
        {
            case "True":
                value = 1;
                return true;
            case "False":
                value = 0;
                return true;
            default:
                return PythonNumbers.TryParseFloat(cell, out value);
        }
    }

    private string? NextLine()
    {
        try
        {
            var line = _reader.ReadLine();
            if (line is null)
                return null;
            _line++;
            return line.EndsWith('\r') ? line[..^1] : line;
        }
        catch (IOException ex)
        {
            _report(new LoadIssue(Path, null, _line + 1, $"cannot read further: {ex.Message}; the rows before it loaded"));
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";

    public void Dispose() => _reader.Dispose();
}

/// <summary>One row of a Maze event log.</summary>
/// <param name="Line">The 1-based line.</param>
/// <param name="EpisodeId">The episode's id (a UUID, or what the env gave).</param>
/// <param name="EnvTime">The env time as written (an integer, or <c>None</c>).</param>
/// <param name="Cells">The attribute cells in header order.</param>
internal sealed record MazeEventRow(long Line, string EpisodeId, string EnvTime, string[] Cells);
