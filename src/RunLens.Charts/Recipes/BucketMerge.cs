namespace RunLens;

/// <summary>Merges neighbouring step buckets exactly (counts and sums add, min/max combine) to cap points per trace.</summary>
internal static class BucketMerge
{
    public static (IReadOnlyList<StepBucket> Buckets, int Factor) ToAtMost(IReadOnlyList<StepBucket> buckets, int maxPoints)
    {
        if (buckets.Count <= maxPoints)
            return (buckets, 1);
        var factor = (buckets.Count + maxPoints - 1) / maxPoints;
        var merged = new List<StepBucket>(maxPoints);
        for (var start = 0; start < buckets.Count; start += factor)
            merged.Add(Merge(buckets, start, Math.Min(buckets.Count, start + factor)));
        return (merged, factor);
    }

    private static StepBucket Merge(IReadOnlyList<StepBucket> buckets, int from, int to)
    {
        var acc = buckets[from];
        double weightedStep = acc.MeanStep * acc.Count;
        for (var i = from + 1; i < to; i++)
        {
            var b = buckets[i];
            weightedStep += b.MeanStep * b.Count;
            var hasAcc = acc.Count > 0;
            var hasB = b.Count > 0;
            acc = new StepBucket(
                acc.StepStart, b.StepEnd, acc.Count + b.Count, acc.NonFinite + b.NonFinite, 0,
                acc.Sum + b.Sum,
                hasAcc && hasB ? Math.Min(acc.Min, b.Min) : hasAcc ? acc.Min : b.Min,
                hasAcc && hasB ? Math.Max(acc.Max, b.Max) : hasAcc ? acc.Max : b.Max,
                hasAcc ? acc.FirstStep : b.FirstStep, hasAcc ? acc.First : b.First,
                hasB ? b.LastStep : acc.LastStep, hasB ? b.Last : acc.Last);
        }
        var meanStep = acc.Count > 0 ? weightedStep / acc.Count : (acc.StepStart + acc.StepEnd - 1) / 2.0;
        return acc with { MeanStep = meanStep };
    }
}
