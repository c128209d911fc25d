namespace RunLens.Formats.TensorBoard;

/// <summary>
/// What the readers of a run's event files found, per file: their parts of the notes (<see cref="FileSurvey"/>) and the
/// light pass's facts (<see cref="LightFile"/>). The run's notes are made from the parts once every file has one. A live
/// scan lists the run again on every update, and each listing hands the ledger on to the next
/// (<see cref="TensorBoardRunFiles.Continue"/>), so a followed file's reader keeps its part, a new file's reader adds
/// its own, and no file followed is passed over again.
/// </summary>
internal sealed class RunLedger(IReadOnlyList<FileInfo> files, TensorBoardDiscards mode)
{
    private readonly object _gate = new();
    // Each file's light facts with the file's last write time when they covered all of it: a file rewritten to the same
    // length (a replaced log) is not taken for the one the facts are about.
    private readonly Dictionary<string, (LightFile Light, DateTime Written)> _light = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileSurvey> _parts = new(StringComparer.Ordinal);
    private IReadOnlyList<FileInfo> _files = files;
    private (long Events, List<string> Notes)? _fullPass;

    /// <summary>The run's files as last listed, in the order TensorBoard reads them.</summary>
    public void List(IReadOnlyList<FileInfo> files)
    {
        lock (_gate)
            _files = files;
    }

    /// <summary>The light pass's facts of <paramref name="file"/> when they cover it as it is now (its length and last
    /// write time), else the pass over it, kept for the next listing.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public LightFile LightOf(FileInfo file)
    {
        var now = new FileInfo(file.FullName);
        var (length, written) = (now.Length, now.LastWriteTimeUtc);
        lock (_gate)
        {
            if (_light.TryGetValue(file.FullName, out var kept) && kept.Light.Length == length && kept.Written == written)
                return kept.Light;
        }
        var light = LightFile.Read(file.FullName);
        Keep(file.FullName, light, length, written);
        return light;
    }

    /// <summary>Keeps the part a reader of <paramref name="path"/> makes (a followed file's reader goes on adding to it),
    /// and its light facts when they cover the file as it is now.</summary>
    public void Keep(string path, FileSurvey part, LightFile light)
    {
        lock (_gate)
            _parts[path] = part;
        try
        {
            var now = new FileInfo(path);
            Keep(path, light, now.Length, now.LastWriteTimeUtc);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not kept: the next listing's pass reads the file itself.
        }
    }

    private void Keep(string path, LightFile light, long length, DateTime written)
    {
        lock (_gate)
        {
            if (light.Length == length)
                _light[path] = (light, written);
            else
                _light.Remove(path);
        }
    }

    /// <summary>True when a file after <paramref name="path"/> in the run has a part: its reader took this file's facts as they were.</summary>
    public bool HasLaterPart(string path)
    {
        lock (_gate)
        {
            var at = IndexOf(path);
            for (var i = at + 1; at >= 0 && i < _files.Count; i++)
            {
                if (_parts.ContainsKey(_files[i].FullName))
                    return true;
            }
            return false;
        }
    }

    /// <summary>The run's notes, or null until every file has a part.</summary>
    public IReadOnlyList<string>? Notes()
    {
        lock (_gate)
        {
            var parts = new List<FileSurvey>(_files.Count);
            foreach (var file in _files)
            {
                if (!_parts.TryGetValue(file.FullName, out var part))
                    return null;
                parts.Add(part);
            }
            if (RunNotes.Combine(_files, parts, mode) is { } notes)
                return notes;
            // A file repeated the steps of an earlier one at length (FileSurvey.MaxKept): a pass over the run says what
            // its parts cannot, made again only when the readers have read more.
            var events = parts.Sum(p => p.Events);
            if (_fullPass is not { } full || full.Events != events)
                _fullPass = full = (events, [.. TensorBoardRunFiles.FullPass(_files, mode).Notes.SelectMany(n => n)]);
            return full.Notes;
        }
    }

    private int IndexOf(string path)
    {
        for (var i = 0; i < _files.Count; i++)
        {
            if (string.Equals(_files[i].FullName, path, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }
}
