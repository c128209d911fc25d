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
}
