namespace RunLens.Samples;

/// <summary>
/// The truths accumulated while writing: per canonical field count, non-finite count, compensated sum, min and max;
/// records, step range and distinct cells. Tallies of parts merge in a fixed order, so the result is deterministic
/// however many threads wrote the parts.
/// </summary>
internal sealed class Tally
{
    public const int Step = 0, Env = 1, X = 2, Y = 3, Map = 4, Total = 5, Event = 6, Level = 7, Heal = 8, Badge = 9,
        Explore = 10, Dead = 11, Stuck = 12, Action = 13, Hp = 14, Timestamp = 15, FirstMetric = 16;

    public static readonly string[] MetricNames =
        ["reward_mean", "reward_std", "episode_length_mean", "policy_loss", "value_loss", "entropy"];

    public static readonly string[] Names =
    [
        "step", "env", "position.x", "position.y", "position.map", "rewards.total", "rewards.event", "rewards.level",
        "rewards.heal", "rewards.badge", "rewards.explore", "rewards.dead", "rewards.stuck", "info.action", "info.hp",
        "timestamp", .. MetricNames.Select(m => "metrics." + m),
    ];

    private readonly FieldTally[] _fields = new FieldTally[Names.Length];
    private readonly HashSet<long> _cells = [];

    public long Records { get; private set; }

    public long StepMin { get; private set; } = long.MaxValue;

    public long StepMax { get; private set; } = long.MinValue;

    public void AddGame(in GameStepRecord r, RecordLayout layout)
    {
        AddStep(r.Step);
        _fields[Env].Add(r.Env);
        _fields[X].Add(r.X);
        _fields[Y].Add(r.Y);
        _fields[Map].Add(r.Map);
        var w = r.Rewards;
        _fields[Total].Add(w.Total);
        _fields[Event].Add(w.Event);
        _fields[Level].Add(w.Level);
        _fields[Heal].Add(w.Heal);
        _fields[Badge].Add(w.Badge);
        _fields[Explore].Add(w.Explore);
        _fields[Dead].Add(w.Dead);
        _fields[Stuck].Add(w.Stuck);
        // The flat layout has no info block (see RecordLayout.Flat).
        if (layout == RecordLayout.Nested)
        {
            _fields[Action].Add(r.Action);
            _fields[Hp].Add(r.Hp);
        }
        _cells.Add(((long)r.Map << 32) | ((long)(uint)r.X << 16) | (uint)r.Y);
    }

    public void AddMetrics(long step, double timestamp, ReadOnlySpan<double> metrics)
    {
        AddStep(step);
        _fields[Timestamp].Add(timestamp);
        for (var i = 0; i < metrics.Length; i++)
            _fields[FirstMetric + i].Add(metrics[i]);
    }

    public void Merge(Tally other)
    {
        for (var i = 0; i < _fields.Length; i++)
            _fields[i].Merge(other._fields[i]);
        _cells.UnionWith(other._cells);
        Records += other.Records;
        StepMin = Math.Min(StepMin, other.StepMin);
        StepMax = Math.Max(StepMax, other.StepMax);
    }

    public ExpectedScan ToExpected()
    {
        var fields = new List<ExpectedField>();
        for (var i = 0; i < _fields.Length; i++)
        {
            ref readonly var f = ref _fields[i];
            if (f.Count + f.NonFinite > 0)
                fields.Add(new ExpectedField(Names[i], f.Count, f.NonFinite, f.Total, f.Count == 0 ? double.NaN : f.Min, f.Count == 0 ? double.NaN : f.Max));
        }
        fields.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return Records == 0
            ? new ExpectedScan(0, null, null, 0, fields)
            : new ExpectedScan(Records, StepMin, StepMax, _cells.Count, fields);
    }

    private void AddStep(long step)
    {
        Records++;
        _fields[Step].Add(step);
        StepMin = Math.Min(StepMin, step);
        StepMax = Math.Max(StepMax, step);
    }

    /// <summary>Count, min, max and a Neumaier-compensated sum of the finite values; non-finite ones are only counted.</summary>
    private struct FieldTally
    {
        public long Count, NonFinite;
        public double Sum, Compensation, Min, Max;

        public readonly double Total => Sum + Compensation;

        public void Add(double value)
        {
            if (!double.IsFinite(value))
            {
                NonFinite++;
                return;
            }
            if (Count == 0)
                (Min, Max) = (value, value);
            else
                (Min, Max) = (Math.Min(Min, value), Math.Max(Max, value));
            Count++;
            AddToSum(value);
        }

        public void Merge(in FieldTally other)
        {
            if (other.Count > 0)
            {
                (Min, Max) = Count == 0 ? (other.Min, other.Max) : (Math.Min(Min, other.Min), Math.Max(Max, other.Max));
                AddToSum(other.Sum);
                AddToSum(other.Compensation);
            }
            Count += other.Count;
            NonFinite += other.NonFinite;
        }

        private void AddToSum(double value)
        {
            var t = Sum + value;
            Compensation += Math.Abs(Sum) >= Math.Abs(value) ? (Sum - t) + value : (value - t) + Sum;
            Sum = t;
        }
    }
}
