using System.Globalization;

namespace RunLens;

/// <summary>
/// How stable one metric of one run is (<see cref="TrainingStability.Stability"/>): per point the trailing rolling
/// mean and standard deviation, their coefficient of variation, and the step from which the rolling mean stays near
/// the final value. Every array has one value per point of the series.
/// </summary>
/// <param name="Run">The run's name.</param>
/// <param name="Metric">The metric's name.</param>
/// <param name="Steps">The steps of the points.</param>
/// <param name="Values">The values.</param>
/// <param name="RollingMean">The mean of the finite values among each point and the <see cref="Window"/> - 1 before it.</param>
/// <param name="RollingStd">The sample standard deviation (n - 1) of the same windows; NaN where a window holds fewer than two finite values.</param>
/// <param name="CoefficientOfVariation">RollingStd / |RollingMean|; NaN where the rolling mean is 0 or either is NaN.</param>
public sealed record SeriesStability(
    string Run, string Metric, long[] Steps, double[] Values, double[] RollingMean, double[] RollingStd, double[] CoefficientOfVariation)
{
    /// <summary>The rolling window in points.</summary>
    public int Window { get; init; }

    /// <summary>The tolerance, as a fraction of the final value's magnitude (see <see cref="BandHalfWidth"/>).</summary>
    public double Tolerance { get; init; }

    /// <summary>The points the final value is the mean of: the last <c>ceil(finalFraction x points)</c>, at least 1.</summary>
    public int FinalPoints { get; init; }

    /// <summary>The final value: the mean of the finite values among the last <see cref="FinalPoints"/> points; NaN when there are none.</summary>
    public double FinalValue { get; init; } = double.NaN;

    /// <summary>
    /// Half the width of the convergence band around <see cref="FinalValue"/>: <see cref="Tolerance"/> x |final value|;
    /// when the final value is 0, <see cref="Tolerance"/> x (max - min) of the finite values instead (a band relative to
    /// 0 would be empty).
    /// </summary>
    public double BandHalfWidth { get; init; } = double.NaN;

    /// <summary>
    /// The first step from which every finite rolling mean is within <see cref="BandHalfWidth"/> of
    /// <see cref="FinalValue"/>; null when the last finite rolling mean itself is outside the band (not converged)
    /// or the series has no finite value.
    /// </summary>
    public long? ConvergenceStep { get; init; }

    /// <summary>The index of <see cref="ConvergenceStep"/> in <see cref="Steps"/>, or null.</summary>
    public int? ConvergenceIndex { get; init; }

    /// <summary>The convergence rule with its numbers, in words.</summary>
    public string Rule => string.Create(CultureInfo.InvariantCulture,
        $"converged from the first step after which the rolling mean of {Window} points stays within ±{BandHalfWidth:G4} ")
        + string.Create(CultureInfo.InvariantCulture,
            $"({Tolerance * 100:G4}% of |final|) of the final value {FinalValue:G6} (the mean of the last {FinalPoints} points)");

    /// <inheritdoc />
    public override string ToString() =>
        $"{Run}/{Metric}: " + (ConvergenceStep is { } step
            ? string.Create(CultureInfo.InvariantCulture, $"converged at step {step:N0}; ")
            : "not converged; ") + Rule;
}
