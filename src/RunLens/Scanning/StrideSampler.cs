namespace RunLens.Scanning;

/// <summary>
/// Evenly spaced rows of one file in one pass without knowing its length: keep every stride-th record; when more
/// than <c>capacity</c> are kept, double the stride and drop the records that are no longer on it. The result is an
/// exact stride (a power of two) with between capacity/2 and capacity rows once the file has that many records.
/// </summary>
/// <remarks>
/// A record is kept as its values in one growing array (<see cref="Keep"/>) and becomes a <see cref="RecordRow"/> only
/// when the sample is taken: about half of the records kept are dropped again as the stride doubles (a file of 7,000
/// records keeps 400 to end with 100), and building a row object for each was a third of a flat scan's allocation.
/// </remarks>
internal sealed class StrideSampler(int capacity, string file, IReadOnlyList<string> names)
{
    private string _file = file;
    private readonly List<Kept> _kept = [];
    private double[] _values = [];
    private int _used;

    /// <summary>The stride of the records kept: a power of two.</summary>
    public long Stride { get; private set; } = 1;

    /// <summary>Whether the record at <paramref name="ordinal"/> is on the stride (its values are then wanted).</summary>
    public bool Wants(long ordinal) => capacity > 0 && (ordinal & (Stride - 1)) == 0;

    /// <summary>Keeps a row already built (for the reservoir too).</summary>
    public void Add(RecordRow row)
    {
        if (MakeRoom(row.Ordinal))
            _kept.Add(new Kept(row.Ordinal, row.Offset, row.Step, [], 0, 0, null, row));
    }

    /// <summary>Keeps a record's values, copied; <paramref name="ids"/> is shared between records of one shape.</summary>
    public void Keep(long ordinal, long offset, long step, int[] ids, ReadOnlySpan<double> values, RowValues<string>? text)
    {
        if (!MakeRoom(ordinal))
            return;
        if (_used + values.Length > _values.Length)
            Array.Resize(ref _values, Math.Max(Math.Max(64, 2 * _values.Length), _used + values.Length));
        values.CopyTo(_values.AsSpan(_used));
        _kept.Add(new Kept(ordinal, offset, step, ids, _used, values.Length, text, null));
        _used += values.Length;
    }

    /// <summary>The rows kept so far, as a sample of <paramref name="records"/> records; the sampler can go on after.</summary>
    public FileSample ToSample(long records)
    {
        var rows = new List<RecordRow>(_kept.Count);
        foreach (var kept in _kept)
            rows.Add(kept.Row ?? new RecordRow(_file, kept.Offset, kept.Ordinal, kept.Step,
                new RowValues<double>(names, kept.Ids, _values.AsSpan(kept.Start, kept.Count).ToArray()), kept.Text ?? RowValues<string>.Empty));
        return new FileSample(_file, records, Stride, rows);
    }

    /// <summary>Empties the sampler for another file, keeping its arrays (a scan of many small files reuses one per thread).</summary>
    public StrideSampler Restart(string nextFile)
    {
        _file = nextFile;
        _kept.Clear();
        _used = 0;
        Stride = 1;
        return this;
    }

    /// <summary>Doubles the stride when full, dropping what is off it; whether <paramref name="ordinal"/> is still on it.</summary>
    private bool MakeRoom(long ordinal)
    {
        if (_kept.Count == capacity)
        {
            Stride *= 2;
            var mask = Stride - 1;
            var write = 0;
            _used = 0;
            for (var read = 0; read < _kept.Count; read++)
            {
                var kept = _kept[read];
                if ((kept.Ordinal & mask) != 0)
                    continue;
                if (kept.Count > 0)
                {
                    // Kept values move down in order, so a copy never overwrites values still to be moved.
                    Array.Copy(_values, kept.Start, _values, _used, kept.Count);
                    kept = kept with { Start = _used };
                    _used += kept.Count;
                }
                _kept[write++] = kept;
            }
            _kept.RemoveRange(write, _kept.Count - write);
        }
        return (ordinal & (Stride - 1)) == 0;
    }

    private readonly record struct Kept(long Ordinal, long Offset, long Step, int[] Ids, int Start, int Count, RowValues<string>? Text, RecordRow? Row);
}
