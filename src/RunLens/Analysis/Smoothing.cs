using System.Globalization;

namespace RunLens;

/// <summary>
/// How a chart smooths a curve, as a value: pass it to a recipe (<c>scan.RewardCurves(Smoothing.Ema(0.9))</c>) and the
/// chart's subtitle says what was done (<see cref="Describe"/>). Create with <see cref="None"/>, <see cref="Ema"/> or
/// <see cref="Window"/>.
/// </summary>
public sealed record Smoothing
{
    private Smoothing(SmoothingKind kind, double weight, int points, WindowAlignment alignment)
    {
        Kind = kind;
        Weight = weight;
        Points = points;
        Alignment = alignment;
    }

    /// <summary>No smoothing: values are shown as they are.</summary>
    public static Smoothing None { get; } = new(SmoothingKind.None, 0, 1, WindowAlignment.Trailing);

    /// <summary>Which smoothing this is.</summary>
    public SmoothingKind Kind { get; }

    /// <summary>The EMA weight in [0, 1) (0 unless <see cref="Kind"/> is <see cref="SmoothingKind.Ema"/>).</summary>
    public double Weight { get; }

    /// <summary>The window length in points (1 unless <see cref="Kind"/> is <see cref="SmoothingKind.Window"/>).</summary>
    public int Points { get; }

    /// <summary>Where the window sits (only meaningful for <see cref="SmoothingKind.Window"/>).</summary>
    public WindowAlignment Alignment { get; }

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

    /// <summary>What this smoothing does, in words for a chart subtitle: <c>debiased EMA 0.6</c>, <c>rolling mean of 25 points</c>, <c>none</c>.</summary>
    public string Describe() => Kind switch
    {
        SmoothingKind.Ema => string.Create(CultureInfo.InvariantCulture, $"debiased EMA {Weight}"),
        SmoothingKind.Window when Alignment == WindowAlignment.Centred =>
            string.Create(CultureInfo.InvariantCulture, $"centred rolling mean of {Points} points"),
        SmoothingKind.Window => string.Create(CultureInfo.InvariantCulture, $"rolling mean of {Points} points"),
        _ => "none",
    };

    /// <summary>Smooths values given in step order. Returns a new array of the same length; NaN stays NaN.</summary>
    public double[] Apply(ReadOnlySpan<double> values) => Kind switch
    {
        SmoothingKind.Ema => Smooth.Ema(values, Weight),
        SmoothingKind.Window => Smooth.RollingMean(values, Points, Alignment),
        _ => values.ToArray(),
    };

    /// <inheritdoc />
    public override string ToString() => Describe();
}
