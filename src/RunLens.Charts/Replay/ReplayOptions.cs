namespace RunLens;

/// <summary>How a replay widget is built. Every property has a default; set only what you need.</summary>
/// <example><code>run.Snapshots.Replay(new ReplayOptions { MaxSteps = 1000, StepsPerSecond = 30 })</code></example>
public sealed record ReplayOptions
{
    /// <summary>The default options.</summary>
    public static ReplayOptions Default { get; } = new();

    /// <summary>
    /// Episodes longer than this many steps are decimated (every k-th step plus the last, with a note on the widget;
    /// track bands then show each stretch's minimum and maximum so no spike disappears). Default 500.
    /// </summary>
    public int MaxSteps { get; init; } = 500;

    /// <summary>
    /// At most this many episodes go into one widget (evenly spaced, always with the first and last, and a note
    /// saying how many were left out). Default 60.
    /// </summary>
    public int MaxEpisodes { get; init; } = 60;

    /// <summary>The widget's title; null for one made from the episodes.</summary>
    public string? Title { get; init; }

    /// <summary>Playback speed in steps per second at 1x. Default 10.</summary>
    public double StepsPerSecond { get; init; } = 10;

    /// <summary>
    /// Visit counts drawn under 2-D paths, per map (a run's <c>Scan().Positions</c>): the position heatmap and the
    /// replay on one view. Null for none.
    /// </summary>
    public IReadOnlyList<PositionCount>? Heatmap { get; init; }

    /// <summary>
    /// Colours of grid-state cells by value (CSS colours; value v uses entry v). Null for ARC's ten colours
    /// (0 black, 1 blue, 2 red, 3 green, 4 yellow, 5 grey, 6 magenta, 7 orange, 8 sky, 9 maroon), then a
    /// categorical palette for larger values.
    /// </summary>
    public IReadOnlyList<string>? GridPalette { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSteps, 2, nameof(MaxSteps));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEpisodes, 1, nameof(MaxEpisodes));
        if (!(StepsPerSecond > 0 && double.IsFinite(StepsPerSecond)))
            throw new ArgumentOutOfRangeException(nameof(StepsPerSecond), StepsPerSecond, "Give a positive, finite number of steps per second.");
    }
}
