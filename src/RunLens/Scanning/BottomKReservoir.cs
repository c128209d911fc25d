namespace RunLens.Scanning;

/// <summary>
/// A uniform sample without replacement of at most k rows: every record gets a deterministic pseudo-random key and
/// the k smallest keys are kept (bottom-k sampling; the same distribution as reservoir Algorithm R, but mergeable:
/// the union of two samples' k smallest is the sample of the union). The scanner asks <see cref="Wants"/> before
/// parsing, so only records that may enter the sample are turned into rows. Separately, the latest row is kept and
/// always included, as TensorBoard's reservoir always keeps the most recent item.
/// </summary>
internal sealed class BottomKReservoir
{
    private readonly int _capacity;
    private readonly PriorityQueue<Entry, (ulong Key, ulong Order)> _heap;

    public BottomKReservoir(int capacity)
    {
        _capacity = capacity;
        _heap = new PriorityQueue<Entry, (ulong, ulong)>(Comparer<(ulong Key, ulong Order)>.Create((a, b) => b.CompareTo(a)));
    }

    public (long Step, ulong Order, RecordRow Row)? Latest { get; private set; }

    /// <summary>True when a record with this key would enter the sample now.</summary>
    public bool Wants(ulong key) =>
        _capacity > 0 && (_heap.Count < _capacity || key < _heap.Peek().Key);

    public void Offer(ulong key, ulong order, RecordRow row)
    {
        if (_capacity == 0)
            return;
        if (_heap.Count < _capacity)
        {
            _heap.Enqueue(new Entry(key, order, row), (key, order));
            return;
        }
        var top = _heap.Peek();
        if ((key, order).CompareTo((top.Key, top.Order)) < 0)
            _heap.EnqueueDequeue(new Entry(key, order, row), (key, order));
    }

    /// <summary>Keeps the row if it is later (by step, then order) than the latest so far.</summary>
    public void OfferLatest(long step, ulong order, RecordRow row)
    {
        if (Latest is not { } latest || (step, order).CompareTo((latest.Step, latest.Order)) > 0)
            Latest = (step, order, row);
    }

    public void Merge(BottomKReservoir other)
    {
        foreach (var (entry, _) in other._heap.UnorderedItems)
            Offer(entry.Key, entry.Order, entry.Row);
        if (other.Latest is { } l)
            OfferLatest(l.Step, l.Order, l.Row);
    }

    public BottomKReservoir Clone()
    {
        var copy = new BottomKReservoir(_capacity);
        copy.Merge(this);
        return copy;
    }

    /// <summary>The sample, sorted by step, with the latest row replacing the largest key if it is not already in.</summary>
    public IReadOnlyList<RecordRow> Build()
    {
        var entries = _heap.UnorderedItems.Select(e => e.Element).OrderBy(e => (e.Key, e.Order)).ToList();
        if (Latest is { } latest && _capacity > 0 && !entries.Any(e => e.Order == latest.Order && e.Row.File == latest.Row.File))
        {
            if (entries.Count == _capacity)
                entries.RemoveAt(entries.Count - 1);
            entries.Add(new Entry(0, latest.Order, latest.Row));
        }
        return entries.Select(e => e.Row).OrderBy(r => r.Step).ThenBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Ordinal).ToList();
    }

    private readonly record struct Entry(ulong Key, ulong Order, RecordRow Row);
}
