using RunLens.Fields;

namespace RunLens.Scanning;

/// <summary>
/// What committing a record of one shape (the same field ids in the same order) takes, worked out once per shape
/// instead of once per record: the sketch each value goes to, the value slots of its step fields best rank first,
/// and the slots of the fields that play the position roles. Before, every record looked up each field's step rank,
/// each position role's fields (three stamp checks per candidate) and each value's sketch: about a fifth of the
/// time a scan of flat records spent on curves and visits. Valid while the field table does not grow (a new field
/// may change which field plays a role), as the per-record lookups it replaces were.
/// </summary>
internal sealed class RecordPlan
{
    private readonly int[] _ids;
    private readonly int _fieldCount;

    private RecordPlan(int[] ids, int fieldCount, CurveSketch[] sketches, int[] stepSlots, int x, int y, int map)
    {
        (_ids, _fieldCount, Sketches, StepSlots, X, Y, Map) = (ids, fieldCount, sketches, stepSlots, x, y, map);
    }

    /// <summary>The sketch of the value in each slot.</summary>
    public CurveSketch[] Sketches { get; }

    /// <summary>The slots of step fields, best rank first (equal ranks in slot order, as the record's own lookup).</summary>
    public int[] StepSlots { get; }

    /// <summary>The slot of the best-ranked field of each position role the record has, or -1.</summary>
    public int X { get; }

    /// <inheritdoc cref="X"/>
    public int Y { get; }

    /// <inheritdoc cref="X"/>
    public int Map { get; }

    /// <summary>True when a record with these field ids can use the plan.</summary>
    public bool Fits(ReadOnlySpan<int> ids, int fieldCount) => fieldCount == _fieldCount && ids.SequenceEqual(_ids);

    /// <summary>
    /// The plan for records with the field ids <paramref name="ids"/>; <paramref name="xIds"/>, <paramref name="yIds"/>
    /// and <paramref name="mapIds"/> are each role's candidate ids, best first.
    /// </summary>
    public static RecordPlan For(ReadOnlySpan<int> ids, FieldTable fields, CurveSketch[] sketches, int[] xIds, int[] yIds, int[] mapIds)
    {
        var ranks = fields.StepRanks;
        var steps = new List<(int Rank, int Slot)>();
        for (var i = 0; i < ids.Length; i++)
        {
            if (ranks[ids[i]] >= 0)
                steps.Add((ranks[ids[i]], i));
        }
        // By rank, equal ranks in slot order.
        steps.Sort();
        var ordered = steps.Select(s => s.Slot).ToArray();
        return new RecordPlan(ids.ToArray(), fields.FieldCount, sketches, ordered, SlotOf(ids, xIds), SlotOf(ids, yIds), SlotOf(ids, mapIds));
    }

    /// <summary>
    /// Where in a direct-mapped table of plans a shape goes (the caller masks it): a record of one field by its id,
    /// so the tags of a TensorBoard file never meet, others by a mix of their first and last ids and length.
    /// </summary>
    public static int Slot(ReadOnlySpan<int> ids) => ids.Length switch
    {
        0 => 0,
        1 => ids[0],
        _ => (int)((uint)(ids[0] * -1640531535 ^ ids[^1] * 40503 ^ ids.Length * 97) >> 8),
    };

    /// <summary>
    /// The record's step as <see cref="Loading.RecordBuffer.StepOf"/> gives it: the best-ranked step field with a finite
    /// value, floored; without one (or past a long's range) the record's position in its file, and
    /// <paramref name="hadStep"/> false.
    /// </summary>
    public long StepOf(ReadOnlySpan<double> values, long ordinal, out bool hadStep)
    {
        foreach (var slot in StepSlots)
        {
            var value = values[slot];
            if (!double.IsFinite(value))
                continue;
            hadStep = Math.Abs(value) < 9.2e18;
            return hadStep ? (long)Math.Floor(value) : ordinal;
        }
        hadStep = false;
        return ordinal;
    }

    /// <summary>The slot of the first of <paramref name="candidates"/> that the record has, or -1.</summary>
    private static int SlotOf(ReadOnlySpan<int> ids, int[] candidates)
    {
        foreach (var id in candidates)
        {
            var slot = ids.IndexOf(id);
            if (slot >= 0)
                return slot;
        }
        return -1;
    }
}
