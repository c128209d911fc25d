namespace RunLens;

/// <summary>One value of a metric at a training step.</summary>
/// <param name="Step">The training step (environment steps, updates or iterations, as the log counts them).</param>
/// <param name="Value">The value; may be NaN or infinite when the log says so.</param>
/// <param name="WallTime">Seconds since the Unix epoch when the value was logged, if the log records it.</param>
public readonly record struct ScalarPoint(long Step, double Value, double? WallTime = null);
