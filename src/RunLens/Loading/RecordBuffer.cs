using System.Runtime.CompilerServices;
using RunLens.Fields;

namespace RunLens.Loading;

/// <summary>
/// The fields of the record being parsed, reused for every record so the hot path does not allocate. Values are
/// committed only when the whole record parsed, so a record that breaks half-way leaves no partial trace.
/// Text values are collected only when the record was asked for whole (it will become a sampled row).
/// </summary>
internal sealed class RecordBuffer
{
    private int[] _fields = new int[64];
    private double[] _values = new double[64];
    private int[] _slotOf = new int[256];
    private int[] _stampOf = new int[256];
    private int _stamp;
    private long _step;
    private bool _hasStep;

    public int Count { get; private set; }

    /// <summary>Byte offset of the record in its file (decompressed stream for gzip).</summary>
    public long Offset { get; set; }

    /// <summary>True when text values should be collected.</summary>
    public bool WantText { get; private set; }

    public List<(int Field, string Text)> Texts { get; } = [];

    /// <summary>
    /// True when a name or text of the record held bytes that are not UTF-8 and reads with U+FFFD in their place (the
    /// record's numbers are unaffected; the reader counts such records for its file's issue).
    /// </summary>
    public bool TextRepaired { get; set; }

    /// <summary>
    /// Seconds since the Unix epoch when the record was written, for formats that carry it outside the fields
    /// (TensorBoard's <c>wall_time</c>, MLflow's timestamp); NaN when unknown.
    /// </summary>
    public double WallTime { get; set; } = double.NaN;

    public ReadOnlySpan<int> Fields => _fields.AsSpan(0, Count);

    public ReadOnlySpan<double> Values => _values.AsSpan(0, Count);

    public void Begin(long offset, bool wantText)
    {
        Count = 0;
        Offset = offset;
        WantText = wantText;
        Texts.Clear();
        TextRepaired = false;
        _hasStep = false;
        WallTime = double.NaN;
        // A new stamp invalidates every slot at once; on wrap-around, clear the stamps for real.
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_stampOf);
            _stamp = 1;
        }
    }

    /// <summary>Adds a value; a field given twice in one record (say flat <c>x</c> and nested <c>position.x</c>) keeps the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int field, double value)
    {
        if (field < 0)
            return;
        if (field >= _stampOf.Length)
            Grow(ref _slotOf, ref _stampOf, field);
        if (_stampOf[field] == _stamp)
        {
            _values[_slotOf[field]] = value;
            return;
        }
        if (Count == _fields.Length)
        {
            Array.Resize(ref _fields, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }
        _stampOf[field] = _stamp;
        _slotOf[field] = Count;
        _fields[Count] = field;
        _values[Count++] = value;
    }

    public void AddText(int field, string text)
    {
        if (field >= 0)
            Texts.Add((field, text));
    }

    /// <summary>
    /// Gives the record's step directly, for formats whose step is not a field (TensorBoard's <c>Event.step</c>,
    /// MLflow's step column). It wins over step fields.
    /// </summary>
    public void SetStep(long step)
    {
        _step = step;
        _hasStep = true;
    }

    /// <summary>True when the format gave the step directly (<see cref="SetStep"/>): then no step field counts.</summary>
    public bool HasGivenStep => _hasStep;

    /// <summary>The value of a field in this record, or NaN when it is absent.</summary>
    public double ValueOf(int field) =>
        field >= 0 && field < _stampOf.Length && _stampOf[field] == _stamp ? _values[_slotOf[field]] : double.NaN;

    /// <summary>True when the record has a value for the field.</summary>
    public bool Has(int field) => field >= 0 && field < _stampOf.Length && _stampOf[field] == _stamp;

    /// <summary>
    /// The record's step: the value of its best-ranked step field (see <see cref="FieldMap.StepFields"/>), floored.
    /// A record without one gets its position in the file, and <paramref name="hadStep"/> says so.
    /// </summary>
    public long StepOf(FieldTable fields, long ordinal, out bool hadStep)
    {
        if (_hasStep)
        {
            hadStep = true;
            return _step;
        }
        var best = int.MaxValue;
        var step = double.NaN;
        var ranks = fields.StepRanks;
        for (var i = 0; i < Count; i++)
        {
            var rank = ranks[_fields[i]];
            if (rank >= 0 && rank < best && double.IsFinite(_values[i]))
                (best, step) = (rank, _values[i]);
        }
        hadStep = best != int.MaxValue && Math.Abs(step) < 9.2e18;
        return hadStep ? (long)Math.Floor(step) : ordinal;
    }

    private static void Grow(ref int[] slots, ref int[] stamps, int field)
    {
        var size = Math.Max(field + 1, stamps.Length * 2);
        Array.Resize(ref slots, size);
        Array.Resize(ref stamps, size);
    }
}
