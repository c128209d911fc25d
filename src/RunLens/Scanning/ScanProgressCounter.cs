namespace RunLens.Scanning;

/// <summary>Totals shared by the workers of one scan, read by the progress timer.</summary>
internal sealed class ScanProgressCounter(int filesTotal, long bytesTotal)
{
    private long _bytes;
    private long _records;
    private int _files;

    public void Add(long bytes, long records, int files)
    {
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Add(ref _records, records);
        Interlocked.Add(ref _files, files);
    }

    public ScanProgress Snapshot() =>
        new(Volatile.Read(ref _files), filesTotal, Volatile.Read(ref _bytes), bytesTotal, Volatile.Read(ref _records));
}
