namespace RunLens;

/// <summary>
/// Chart recipes: one call from a scan, a run or plain data to a finished <see cref="Figure"/> that says what it
/// shows (how many records, how they were summarised, how they were smoothed). Figures render themselves in
/// notebooks; save one with <see cref="Figure.WriteHtml"/>.
/// </summary>
public static partial class Charts
{
    /// <summary>The most points a recipe draws per trace; more buckets are merged exactly (never sampled).</summary>
    public const int MaxPointsPerTrace = 1024;
}
