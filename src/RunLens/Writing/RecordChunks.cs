using System.Globalization;

namespace RunLens;

/// <summary>
/// One series of per-step record files, <c>&lt;prefix&gt;_0000.json</c>, <c>&lt;prefix&gt;_0001.json</c>, ...: a
/// chunk is closed (its array ended, the file flushed and closed) as soon as it holds the records it may hold, and the
/// next chunk is opened lazily by the next record, so no empty file is ever left. Numbering continues after the
/// chunks already in the folder, so a resumed run never overwrites its earlier records.
/// </summary>
internal sealed class RecordChunks : IDisposable
{
    private readonly string _folder;
    private readonly string _prefix;
    private readonly RunWriterOptions _options;
    private JsonLogWriter? _current;
    private int _nextChunk = -1;

    public RecordChunks(string folder, string prefix, RunWriterOptions options)
    {
        _folder = folder;
        _prefix = prefix;
        _options = options;
    }

    public void Write(in GameStepRecord record)
    {
        if (_current is null)
        {
            if (_nextChunk < 0)
                _nextChunk = FirstFreeChunk();
            var chunk = _nextChunk++;
            var gzip = _options.GzipEvery > 0 && (chunk + 1) % _options.GzipEvery == 0;
            var name = string.Create(CultureInfo.InvariantCulture, $"{_prefix}_{chunk:0000}.json{(gzip ? ".gz" : "")}");
            _current = JsonLogWriter.Create(Path.Combine(_folder, name), _options.Layout, _options.NonFinite);
        }
        _current.Write(record);
        if (_current.Records >= _options.RecordsPerFile)
            Close();
    }

    /// <summary>Pushes the open chunk's records to disk; a gzip chunk only when <paramref name="compressed"/> (see <see cref="RunWriterOptions.FlushInterval"/>).</summary>
    public void Flush(bool compressed = true)
    {
        if (_current is not null && (compressed || !_current.Compressed))
            _current.Flush();
    }

    public void Dispose() => Close();

    private void Close()
    {
        _current?.Dispose();
        _current = null;
    }

    private int FirstFreeChunk()
    {
        var next = 0;
        foreach (var path in Directory.EnumerateFiles(_folder, _prefix + "_*.json*"))
        {
            var name = Path.GetFileName(path);
            var end = name.IndexOf(".json", StringComparison.Ordinal);
            if (end <= _prefix.Length + 1)
                continue;
            var digits = name.AsSpan(_prefix.Length + 1, end - _prefix.Length - 1);
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var chunk))
                next = Math.Max(next, chunk + 1);
        }
        return next;
    }
}
