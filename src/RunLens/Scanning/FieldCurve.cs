using System.Globalization;

namespace RunLens;

/// <summary>
/// One numeric field over a whole scan: exact totals and a curve of step buckets. Nothing is sampled: every value
/// of every record is in exactly one bucket, so spikes are never lost (see <see cref="StepBucket.Max"/>).
/// </summary>
/// <param name="Name">The field's name as its tool wrote it, for example <c>reward</c> or <c>rollout/ep_rew_mean</c> (a
/// nested JSON field is its dotted path, <c>rewards.total</c>).</param>
/// <param name="Sources">The names as written that make this field (its own name).</param>
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
    private readonly string? _alias;

    /// <summary>
    /// The lookup name the field answers to (see <see cref="FieldMap"/>): <c>rewards.total</c> for a log's
    /// <c>reward</c>, <c>position.x</c> for <c>x</c>; its <see cref="Name"/> when it plays no role.
    /// </summary>
    public string Alias { get => _alias ?? Name; init => _alias = value == Name ? null : value; }

    /// <summary>The mean of the finite values, or NaN when there are none.</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>True for reward fields: the total and its components (those answering to <c>rewards.*</c>).</summary>
    public bool IsReward => Alias.StartsWith(FieldMap.RewardPrefix, StringComparison.Ordinal);

    /// <summary>True when the field plays the total reward (answers to <see cref="FieldMap.RewardTotal"/>).</summary>
    public bool IsRewardTotal => Alias == FieldMap.RewardTotal;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: n={Count}, mean={Mean:G6}, min={Min:G6}, max={Max:G6}, {Buckets.Count} buckets of {BucketWidth} steps");
}
