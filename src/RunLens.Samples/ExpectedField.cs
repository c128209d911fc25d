namespace RunLens.Samples;

/// <summary>What a scan must find for one canonical field (compare with <see cref="FieldCurve"/>).</summary>
/// <param name="Name">The canonical name, for example <c>rewards.total</c> or <c>metrics.reward_mean</c>.</param>
/// <param name="Count">Finite values written in valid records.</param>
/// <param name="NonFinite">NaN and infinite values written in valid records.</param>
/// <param name="Sum">The sum of the finite values (compensated summation, so compare with a relative tolerance
/// of about 1e-12; sums of integer fields are exact).</param>
/// <param name="Min">The smallest finite value, or NaN.</param>
/// <param name="Max">The largest finite value, or NaN.</param>
public sealed record ExpectedField(string Name, long Count, long NonFinite, double Sum, double Min, double Max);
