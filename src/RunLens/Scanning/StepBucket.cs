namespace RunLens;

/// <summary>
/// The exact summary of every value of one field whose step falls in [<see cref="StepStart"/>, <see cref="StepEnd"/>).
/// Min, max, first and last are of finite values; non-finite values (NaN, infinities) are only counted.
/// </summary>
/// <param name="StepStart">First step covered (inclusive).</param>
/// <param name="StepEnd">End of the covered steps (exclusive).</param>
/// <param name="Count">Finite values in the bucket.</param>
/// <param name="NonFinite">NaN and infinite values in the bucket.</param>
/// <param name="MeanStep">The mean step of the bucket's finite values: where to draw the bucket on a step axis.</param>
/// <param name="Sum">The sum of the finite values.</param>
/// <param name="Min">The smallest finite value.</param>
/// <param name="Max">The largest finite value.</param>
/// <param name="FirstStep">The step of the earliest value.</param>
/// <param name="First">The earliest value (smallest step; ties broken by file and position in it).</param>
/// <param name="LastStep">The step of the latest value.</param>
/// <param name="Last">The latest value (largest step; ties broken the same way).</param>
public readonly record struct StepBucket(
    long StepStart, long StepEnd, long Count, long NonFinite, double MeanStep,
    double Sum, double Min, double Max, long FirstStep, double First, long LastStep, double Last)
{
    /// <summary>The mean of the finite values, or NaN when there are none.</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;
}
