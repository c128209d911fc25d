namespace RunLens.ChartsTests;

/// <summary>Tiny hand-checkable inputs for the recipes: field curves and position counts built directly.</summary>
internal static class Fixtures
{
    // A bucket of `count` values at one step range; mean = sum / count.
    public static StepBucket Bucket(long start, long width, long count, double sum, double min, double max) =>
        new(start, start + width, count, 0, start + (width - 1) / 2.0, sum, min, max, start, min, start + width - 1, max);

    public static FieldCurve Curve(string name, long width, params StepBucket[] buckets) =>
        new(name, [name], buckets.Sum(b => b.Count), buckets.Sum(b => b.NonFinite), buckets.Sum(b => b.Sum),
            buckets.Where(b => b.Count > 0).Select(b => b.Min).DefaultIfEmpty(double.NaN).Min(),
            buckets.Where(b => b.Count > 0).Select(b => b.Max).DefaultIfEmpty(double.NaN).Max(),
            width, buckets);

    /// <summary>rewards.total over 3 buckets of 4 steps, plus a rewards.explore component with a NaN-only bucket.</summary>
    public static IReadOnlyList<FieldCurve> SmallRewards() =>
    [
        Curve("loss", 4, Bucket(0, 4, 4, 2, 0.25, 1)),
        Curve("rewards.explore", 4,
            Bucket(0, 4, 4, 0.5, 0, 0.25),
            new StepBucket(4, 8, 0, 4, 0, 0, double.NaN, double.NaN, 4, double.NaN, 7, double.NaN),
            Bucket(8, 4, 4, 1, 0.25, 0.25)),
        Curve("rewards.total", 4, Bucket(0, 4, 4, 4, 0.5, 1.5), Bucket(4, 4, 4, 8, 1, 3), Bucket(8, 4, 4, 40, 2, 31)),
    ];

    public const double Spike = 1234.5678;

    /// <summary>
    /// 8 reward fields of 10,000,000 values each, as the 1024 exact buckets a scan would make (width 16,384 steps),
    /// with one 1000x spike in rewards.total's bucket 700. Deterministic (seeded).
    /// </summary>
    public static IReadOnlyList<FieldCurve> TenMillionPointRewards()
    {
        const int buckets = 1024;
        const long width = 16_384;
        var random = new Random(42);
        var fields = new List<FieldCurve>();
        foreach (var name in new[] { "total", "event", "level", "heal", "badge", "explore", "dead", "stuck" })
        {
            var list = new StepBucket[buckets];
            for (var i = 0; i < buckets; i++)
            {
                var count = i < 640 ? 9_766L : 9_765L;          // 640 * 9,766 + 384 * 9,765 = 10,000,000
                var mean = Math.Sin(i / 100.0) + random.NextDouble() * 0.1;
                var min = mean - random.NextDouble();
                var max = name == "total" && i == 700 ? Spike : mean + random.NextDouble();
                list[i] = new StepBucket(i * width, (i + 1) * width, count, 0, i * width + random.NextDouble() * width,
                    mean * count, min, max, i * width, min, (i + 1) * width - 1, max);
            }
            fields.Add(Curve("rewards." + name, width, list));
        }
        return fields;
    }
}
