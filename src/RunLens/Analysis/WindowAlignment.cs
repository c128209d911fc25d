namespace RunLens;

/// <summary>Where a rolling window sits relative to the value it smooths.</summary>
public enum WindowAlignment
{
    /// <summary>The value and the ones before it: no look-ahead, but the curve lags trends by half a window.</summary>
    Trailing,

    /// <summary>The value in the middle of its window: no lag, but each value sees half a window ahead.</summary>
    Centred,
}
