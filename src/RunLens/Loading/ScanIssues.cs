namespace RunLens.Loading;

/// <summary>
/// Collects one worker's problems and skipped-record counts. Counts are always exact; the issue list keeps at most
/// <see cref="MaxPerFile"/> issues per file and then one line saying how many more there were, so a file of a
/// million bad lines cannot exhaust memory.
/// </summary>
internal sealed class ScanIssues
{
    public const int MaxPerFile = 50;

    private int _inFile;
    private int _suppressed;
    private string? _file;

    public List<LoadIssue> Issues { get; } = [];

    public Dictionary<string, long> Skipped { get; } = new(StringComparer.Ordinal);

    /// <summary>Facts found while reading that are not problems (points a tool's reader discards), each once.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Adds a note unless it is already there.</summary>
    public void Note(string note)
    {
        if (!Notes.Contains(note))
            Notes.Add(note);
    }

    /// <summary>
    /// Problems that cost data: every issue added here, except reports of data kept in another form
    /// (<see cref="Report"/>). A mirror check trusts a read with none.
    /// </summary>
    public long Damage { get; private set; }

    /// <summary>Adds an issue, counting one skipped record under <paramref name="reason"/> when given.</summary>
    public void Add(LoadIssue issue, string? reason)
    {
        Damage++;
        Record(issue, reason);
    }

    /// <summary>
    /// Adds an issue that reports data kept in another form (cells that are not numbers, kept as text): the user
    /// should know, but nothing was lost, so it is not <see cref="Damage"/>.
    /// </summary>
    public void Report(LoadIssue issue) => Record(issue, reason: null);

    private void Record(LoadIssue issue, string? reason)
    {
        if (reason is not null)
            Count(reason);
        if (_file != issue.File)
        {
            EndFile();
            _file = issue.File;
        }
        if (_inFile++ < MaxPerFile)
            Issues.Add(issue);
        else
            _suppressed++;
    }

    /// <summary>Counts one skipped record.</summary>
    public void Count(string reason)
    {
        Skipped.TryGetValue(reason, out var n);
        Skipped[reason] = n + 1;
    }

    /// <summary>
    /// Takes over the issues and skipped counts another collector gathered (a reader that reads several files at
    /// once keeps one collector per file, so each file's cap and "more problems" line stay its own).
    /// </summary>
    public void AddFrom(ScanIssues other)
    {
        EndFile();
        other.EndFile();
        Issues.AddRange(other.Issues);
        Damage += other.Damage;
        foreach (var note in other.Notes)
            Note(note);
        foreach (var (reason, count) in other.Skipped)
        {
            Skipped.TryGetValue(reason, out var n);
            Skipped[reason] = n + count;
        }
    }

    /// <summary>
    /// A copy that goes on where this one stands (the same file open, the same count towards its cap): what a
    /// followed file's reader would report if the file ended now is added to the copy, never to the original.
    /// </summary>
    public ScanIssues Clone()
    {
        var copy = new ScanIssues { _inFile = _inFile, _suppressed = _suppressed, _file = _file, Damage = Damage };
        copy.Issues.AddRange(Issues);
        copy.Notes.AddRange(Notes);
        foreach (var (reason, count) in Skipped)
            copy.Skipped[reason] = count;
        return copy;
    }

    /// <summary>Closes the current file: writes how many issues were not listed.</summary>
    public void EndFile()
    {
        if (_file is not null && _suppressed > 0)
            Issues.Add(new LoadIssue(_file, null, null, FormattableString.Invariant($"{_suppressed} more problems in this file are not listed")));
        _file = null;
        _inFile = 0;
        _suppressed = 0;
    }
}
