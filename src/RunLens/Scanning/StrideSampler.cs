namespace RunLens.Scanning;

/// <summary>
/// Evenly spaced rows of one file in one pass without knowing its length: keep every stride-th record; when more
/// than <c>capacity</c> are kept, double the stride and drop the records that are no longer on it. The result is an
/// exact stride (a power of two) with between capacity/2 and capacity rows once the file has that many records.
/// </summary>
internal sealed class StrideSampler(int capacity)
{
    private readonly List<RecordRow> _rows = [];

    public long Stride { get; private set; } = 1;

    public bool Wants(long ordinal) => capacity > 0 && (ordinal & (Stride - 1)) == 0;

    public void Add(RecordRow row)
    {
        if (_rows.Count == capacity)
        {
            Stride *= 2;
            var stride = Stride;
            _rows.RemoveAll(r => (r.Ordinal & (stride - 1)) != 0);
        }
        if ((row.Ordinal & (Stride - 1)) == 0)
            _rows.Add(row);
    }

    public FileSample ToSample(string file, long records) => new(file, records, Stride, _rows.ToList());
}
