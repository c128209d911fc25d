using System.Globalization;

namespace RunLens;

/// <summary>
/// One numeric field over a whole scan: exact totals and a curve of step buckets. Nothing is sampled: every value
/// of every record is in exactly one bucket, so spikes are never lost (see <see cref="StepBucket.Max"/>).
/// </summary>
/// <param name="Name">The canonical field name, for example <c>rewards.total</c>.</param>
/// <param name="Sources">The paths as written in the logs that map to this field, for example <c>total</c> and <c>rewards.total</c>.</param>
/// <param name="Count">Finite values.</param>
/// <param name="NonFinite">NaN and infinite values.</param>
/// <param name="Sum">The sum of the finite values (compensated summation).</param>
/// <param name="Min">The smallest finite value, or NaN.</param>
/// <param name="Max">The largest finite value, or NaN.</param>
/// <param name="BucketWidth">Steps per bucket (a power of two).</param>
/// <param name="Buckets">The non-empty buckets, in step order.</param>
public sealed record FieldCurve(
    string Name, IReadOnlyList<string> Sources, long Count, long NonFinite, double Sum, double Min, double Max,
    long BucketWidth, IReadOnlyList<StepBucket> Buckets)
{
    /// <summary>The mean of the finite values, or NaN when there are none.</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>True for reward fields: the total and its components (<c>rewards.*</c>).</summary>
    public bool IsReward => Name.StartsWith(FieldMap.RewardPrefix, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: n={Count}, mean={Mean:G6}, min={Min:G6}, max={Max:G6}, {Buckets.Count} buckets of {BucketWidth} steps");
}
