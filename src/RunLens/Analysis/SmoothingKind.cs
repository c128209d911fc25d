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
}
