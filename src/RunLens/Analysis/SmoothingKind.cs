namespace RunLens;

/// <summary>The kinds of <see cref="Smoothing"/>.</summary>
public enum SmoothingKind
{
    /// <summary>Values are shown as they are.</summary>
    None,

    /// <summary>TensorBoard's debiased exponential moving average (<see cref="Smooth.Ema"/>).</summary>
    Ema,

    /// <summary>A rolling mean over a window of points (<see cref="Smooth.RollingMean"/>).</summary>
    Window,

    /// <summary>W&amp;B's time-weighted EMA, decaying in x units (<see cref="Smooth.TimeWeightedEma"/>).</summary>
    TimeWeightedEma,

    /// <summary>A centred Gaussian kernel in x units (<see cref="Smooth.Gaussian"/>).</summary>
    Gaussian,

    /// <summary>A centred rolling mean sized from the number of points (<see cref="Smooth.Adaptive"/>).</summary>
    Adaptive,
}
