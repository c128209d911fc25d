using System.Globalization;

namespace RunLens;

/// <summary>
/// How a chart smooths a curve, as a value: pass it to a recipe (<c>scan.RewardCurves(Smoothing.Ema(0.9))</c>) and the
/// chart's subtitle says what was done (<see cref="Describe"/>). Create with <see cref="None"/>, <see cref="Ema"/>,
/// <see cref="Window"/>, <see cref="TimeWeightedEma"/>, <see cref="Gaussian"/> or <see cref="Adaptive"/>.
/// </summary>
public sealed record Smoothing
{
    private Smoothing(SmoothingKind kind, double weight, int points, WindowAlignment alignment, double sigma = 0)
    {
        Kind = kind;
        Weight = weight;
        Points = points;
        Alignment = alignment;
        Sigma = sigma;
    }

    /// <summary>No smoothing: values are shown as they are.</summary>
    public static Smoothing None { get; } = new(SmoothingKind.None, 0, 1, WindowAlignment.Trailing);

    /// <summary>Which smoothing this is.</summary>
    public SmoothingKind Kind { get; }

    /// <summary>
    /// The EMA weight: in [0, 1) for <see cref="SmoothingKind.Ema"/>, in [0, 1] for
    /// <see cref="SmoothingKind.TimeWeightedEma"/>, 0 for the other kinds.
    /// </summary>
    public double Weight { get; }

    /// <summary>The window length in points (1 unless <see cref="Kind"/> is <see cref="SmoothingKind.Window"/>).</summary>
    public int Points { get; }

    /// <summary>Where the window sits (only meaningful for <see cref="SmoothingKind.Window"/>).</summary>
    public WindowAlignment Alignment { get; }

    /// <summary>The Gaussian kernel's standard deviation in x units (0 unless <see cref="Kind"/> is <see cref="SmoothingKind.Gaussian"/>).</summary>
    public double Sigma { get; }

    /// <summary>
    /// Whether this smoothing measures distance in x units (<see cref="SmoothingKind.TimeWeightedEma"/>,
    /// <see cref="SmoothingKind.Gaussian"/>) and so needs <see cref="Apply(ReadOnlySpan{double}, ReadOnlySpan{double})"/>.
    /// </summary>
    public bool NeedsX => Kind is SmoothingKind.TimeWeightedEma or SmoothingKind.Gaussian;

    /// <summary>TensorBoard's debiased exponential moving average with the given weight (TensorBoard's default is 0.6).</summary>
    /// <param name="weight">How much of the past to keep, in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">The weight is not in [0, 1).</exception>
    public static Smoothing Ema(double weight = 0.6)
    {
        Smooth.CheckEmaWeight(weight);
        return new(SmoothingKind.Ema, weight, 1, WindowAlignment.Trailing);
    }

    /// <summary>A rolling mean of the finite values among <paramref name="points"/> neighbouring points.</summary>
    /// <param name="points">The window length, at least 1.</param>
    /// <param name="alignment">Trailing (default, no look-ahead) or centred (no lag).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is less than 1.</exception>
    public static Smoothing Window(int points, WindowAlignment alignment = WindowAlignment.Trailing)
    {
        Smooth.CheckWindowPoints(points);
        return new(SmoothingKind.Window, 0, points, alignment);
    }

    /// <summary>
    /// W&amp;B's time-weighted EMA (its default smoothing): the past decays with distance in x, not with the number of
    /// points, so runs logged at different rates smooth alike (<see cref="Smooth.TimeWeightedEma"/>).
    /// </summary>
    /// <param name="weight">W&amp;B's smoothing parameter in [0, 1] (square-rooted and capped at 0.999).</param>
    /// <exception cref="ArgumentOutOfRangeException">The weight is not in [0, 1].</exception>
    public static Smoothing TimeWeightedEma(double weight = 0.6)
    {
        Smooth.CheckTimeWeightedEmaWeight(weight);
        return new(SmoothingKind.TimeWeightedEma, weight, 1, WindowAlignment.Centred);
    }

    /// <summary>A centred Gaussian kernel with standard deviation <paramref name="sigma"/> in x units (<see cref="Smooth.Gaussian"/>).</summary>
    /// <param name="sigma">The standard deviation in x units (steps), finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">Sigma is not finite and greater than 0.</exception>
    public static Smoothing Gaussian(double sigma)
    {
        Smooth.CheckSigma(sigma);
        return new(SmoothingKind.Gaussian, 0, 1, WindowAlignment.Centred, sigma);
    }

    /// <summary>A centred rolling mean whose window is sized from the number of points (<see cref="Smooth.AdaptiveWindow"/>).</summary>
    public static Smoothing Adaptive() => new(SmoothingKind.Adaptive, 0, 1, WindowAlignment.Centred);

    /// <summary>
    /// What this smoothing does, in words for a chart subtitle: <c>debiased EMA 0.6</c>, <c>rolling mean of 25 points</c>,
    /// <c>time-weighted EMA 0.6</c>, <c>Gaussian kernel, sigma 500</c>, <c>adaptive centred rolling mean (points / 20, 1 to 100)</c>,
    /// <c>none</c>.
    /// </summary>
    public string Describe() => Kind switch
    {
        SmoothingKind.Ema => string.Create(CultureInfo.InvariantCulture, $"debiased EMA {Weight}"),
        SmoothingKind.TimeWeightedEma => string.Create(CultureInfo.InvariantCulture, $"time-weighted EMA {Weight}"),
        SmoothingKind.Gaussian => string.Create(CultureInfo.InvariantCulture, $"Gaussian kernel, sigma {Sigma}"),
        SmoothingKind.Adaptive => "adaptive centred rolling mean (points / 20, 1 to 100)",
        SmoothingKind.Window when Alignment == WindowAlignment.Centred =>
            string.Create(CultureInfo.InvariantCulture, $"centred rolling mean of {Points} points"),
        SmoothingKind.Window => string.Create(CultureInfo.InvariantCulture, $"rolling mean of {Points} points"),
        _ => "none",
    };

    /// <summary>
    /// Smooths values given in step order, one per step (for example exact bucket means). Returns a new array of the
    /// same length; NaN stays NaN. For the kinds that measure distance in x (<see cref="NeedsX"/>) use
    /// <see cref="Apply(ReadOnlySpan{double}, ReadOnlySpan{double})"/> instead.
    /// </summary>
    /// <exception cref="InvalidOperationException">This smoothing needs the x of each value (<see cref="NeedsX"/>).</exception>
    public double[] Apply(ReadOnlySpan<double> values) => Kind switch
    {
        SmoothingKind.Ema => Smooth.Ema(values, Weight),
        SmoothingKind.Window => Smooth.RollingMean(values, Points, Alignment),
        SmoothingKind.Adaptive => Smooth.Adaptive(values),
        // Indices would silently stand in for steps and make sigma mean "points": refuse instead.
        SmoothingKind.TimeWeightedEma or SmoothingKind.Gaussian => throw new InvalidOperationException(
            $"{Describe()} measures distance in x units: call Apply(x, values) with the step of each value."),
        _ => values.ToArray(),
    };

    /// <summary>
    /// Smooths values at the given x (steps), for every kind; the index-based kinds (EMA, windows, adaptive) ignore the
    /// spacing. x must be finite and strictly increasing: one value per x. Merge repeated steps first with
    /// <see cref="Smooth.MergeDuplicateSteps"/>, so a step logged twice does not count twice (TensorBoard #5870).
    /// </summary>
    /// <param name="x">The x of each value, finite and strictly increasing.</param>
    /// <param name="values">The values, one per x.</param>
    /// <returns>A new array of the same length; NaN stays NaN.</returns>
    /// <exception cref="ArgumentException">
    /// The lengths differ, an x is not finite, x decreases, or x repeats (the message names <see cref="Smooth.MergeDuplicateSteps"/>).
    /// </exception>
    public double[] Apply(ReadOnlySpan<double> x, ReadOnlySpan<double> values)
    {
        Smooth.CheckX(x, values, distinct: true);
        return Kind switch
        {
            SmoothingKind.TimeWeightedEma => Smooth.TimeWeightedEma(x, values, Weight),
            SmoothingKind.Gaussian => Smooth.Gaussian(x, values, Sigma),
            _ => Apply(values),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Describe();
}
