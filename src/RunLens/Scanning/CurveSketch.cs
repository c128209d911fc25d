using System.Runtime.CompilerServices;

namespace RunLens.Scanning;

/// <summary>
/// The exact summary of one field over steps: at most <c>capacity</c> buckets of width 2^shift steps, bucket i
/// covering [i·2^shift, (i+1)·2^shift). When a step falls outside the window and the range no longer fits, the width
/// doubles and neighbouring buckets merge. Because boundaries are absolute powers of two, the result depends only on
/// the values and steps seen, not on their order or on how the data was split: merging two sketches gives the
/// sketch of all the data (up to floating-point rounding of sums).
/// </summary>
internal sealed partial class CurveSketch
{
    private readonly int _capacity;
    private Bucket[] _buckets = new Bucket[16];
    [ThreadStatic]
    private static Bucket[]? t_spare;
    private int _shift;
    private long _lo;
    private int _used;
    private double _sum;
    private double _compensation;

    public CurveSketch(string name, int capacity)
    {
        Name = name;
        _capacity = capacity;
    }

    public string Name { get; }

    public SortedSet<string> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>The lookup name (role) the field answers to; its name when none.</summary>
    public string Alias { get; set; } = "";

    public long Count { get; private set; }

    public long NonFinite { get; private set; }

    /// <summary>The compensated (Neumaier) sum of the finite values.</summary>
    public double Sum => _sum + _compensation;

    public int Shift => _shift;

    // Inlined by hand into the commit loop (see FastNumber.TryParse on why profile-guided inlining is not relied on).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(long step, double value, ulong order)
    {
        // One unsigned compare for "inside the window" (an empty window has _used 0, so nothing is inside).
        var index = (step >> _shift) - _lo;
        if ((ulong)index >= (ulong)_used)
        {
            Cover(step >> _shift, step >> _shift);
            index = (step >> _shift) - _lo;
        }
        ref var bucket = ref _buckets[index];
        if (!double.IsFinite(value))
        {
            bucket.NonFinite++;
            NonFinite++;
            return;
        }
        Count++;
        AddToSum(value);
        bucket.Add(step, value, order);
    }

    private void AddToSum(double value)
    {
        var t = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
        _sum = t;
    }

    /// <summary>
    /// Widens the window to hold absolute indices [lo, hi] at the current shift, doubling the width only when the
    /// range no longer fits. Growing to the right (steps usually increase) just extends the window in place.
    /// </summary>
    private void Cover(long lo, long hi)
    {
        if (_used > 0)
        {
            lo = Math.Min(lo, _lo);
            hi = Math.Max(hi, _lo + _used - 1);
        }
        var extra = 0;
        while ((hi >> extra) - (lo >> extra) + 1 > _capacity)
            extra++;
        var newLo = lo >> extra;
        var newUsed = (int)((hi >> extra) - newLo + 1);
        if (extra == 0 && (_used == 0 || newLo == _lo))
        {
            if (_buckets.Length < newUsed)
                Array.Resize(ref _buckets, Math.Min(Math.Max(newUsed, _buckets.Length * 2), Math.Max(_capacity, newUsed)));
            _lo = newLo;
            _used = newUsed;
            return;
        }
        Rebin(extra, newLo, newUsed);
    }

    /// <summary>Moves the buckets to width 2^(current+extra) and a window starting at <paramref name="newLo"/>.</summary>
    private void Rebin(int extraShift, long newLo, int newUsed)
    {
        var size = _buckets.Length;
        while (size < newUsed)
            size *= 2;
        size = Math.Max(Math.Min(Math.Max(size, newUsed), Math.Max(_capacity, newUsed)), 16);
        // Re-binned into the array the thread's previous re-bin left over (any sketch's), cleared, instead of a new
        // one: a worker that reads files out of step order moves its windows left again and again, and a fresh
        // 1,024-bucket array (96 KB) each time was 29 MB of a 500 MB scan's 225 MB of allocations. One spare array
        // per thread, not per sketch, so a run of a thousand fields costs no more memory.
        var fresh = t_spare is { } spare && spare.Length == size ? spare : new Bucket[size];
        Array.Clear(fresh);
        for (var i = 0; i < _used; i++)
        {
            if (_buckets[i].IsEmpty)
                continue;
            var target = ((_lo + i) >> extraShift) - newLo;
            fresh[target].Merge(_buckets[i]);
        }
        t_spare = _buckets;
        _buckets = fresh;
        _shift += extraShift;
        _lo = newLo;
        _used = newUsed;
    }

    /// <summary>Adds every value summarised by <paramref name="other"/>.</summary>
    public void Merge(CurveSketch other)
    {
        Sources.UnionWith(other.Sources);
        // As in a field table: a name that plays a role in some files only plays none.
        if (Alias != other.Alias)
            Alias = Name;
        Count += other.Count;
        NonFinite += other.NonFinite;
        AddToSum(other._sum);
        AddToSum(other._compensation);
        if (other._used == 0)
            return;
        if (other._shift > _shift)
        {
            if (_used > 0)
                Rebin(other._shift - _shift, _lo >> (other._shift - _shift), (int)(((_lo + _used - 1) >> (other._shift - _shift)) - (_lo >> (other._shift - _shift)) + 1));
            else
                _shift = other._shift;
        }
        var extra = _shift - other._shift;
        var otherLo = other._lo >> extra;
        var otherHi = (other._lo + other._used - 1) >> extra;
        if (_used == 0 || otherLo < _lo || otherHi >= _lo + _used)
            Cover(otherLo, otherHi);
        extra = _shift - other._shift;
        for (var i = 0; i < other._used; i++)
        {
            if (!other._buckets[i].IsEmpty)
                _buckets[((other._lo + i) >> extra) - _lo].Merge(other._buckets[i]);
        }
    }

    public CurveSketch Clone()
    {
        var copy = new CurveSketch(Name, _capacity)
        {
            _buckets = (Bucket[])_buckets.Clone(),
            _shift = _shift,
            _lo = _lo,
            _used = _used,
            _sum = _sum,
            _compensation = _compensation,
            Count = Count,
            NonFinite = NonFinite,
            Alias = Alias,
        };
        copy.Sources.UnionWith(Sources);
        return copy;
    }

    public FieldCurve ToFieldCurve()
    {
        var buckets = new List<StepBucket>();
        double min = double.NaN, max = double.NaN;
        for (var i = 0; i < _used; i++)
        {
            ref readonly var b = ref _buckets[i];
            if (b.IsEmpty)
                continue;
            var index = _lo + i;
            buckets.Add(b.ToStepBucket(index << _shift, (index + 1) << _shift));
            if (b.Count > 0)
            {
                min = double.IsNaN(min) ? b.Min : Math.Min(min, b.Min);
                max = double.IsNaN(max) ? b.Max : Math.Max(max, b.Max);
            }
        }
        return new FieldCurve(Name, Sources.ToList(), Count, NonFinite, Sum, min, max, 1L << _shift, buckets)
        {
            Alias = Alias.Length > 0 ? Alias : Name,
        };
    }
}
