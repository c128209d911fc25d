namespace RunLens.Plotly;

/// <summary>
/// Parallel coordinates: one line per item (a run) across one vertical axis per dimension (hyperparameters, then the
/// score), coloured by <see cref="ParcoordsLine.Color"/>. Axes can be brushed and reordered in the browser.
/// </summary>
/// <param name="Dimensions">The axes, left to right.</param>
public sealed record ParcoordsTrace(IReadOnlyList<ParcoordsDimension> Dimensions) : Trace
{
    /// <summary>The lines' colours: a value per item and a colour scale.</summary>
    public ParcoordsLine? Line { get; init; }
}

/// <summary>One axis of a parallel-coordinates plot.</summary>
/// <param name="Label">The axis title.</param>
/// <param name="Values">One value per item (a category's index for text values, with <see cref="TickText"/>).</param>
public sealed record ParcoordsDimension(string Label, IReadOnlyList<double?> Values)
{
    /// <summary>The axis range; null for the values' extent.</summary>
    public IReadOnlyList<double>? Range { get; init; }

    /// <summary>Where the ticks are.</summary>
    public IReadOnlyList<double>? TickVals { get; init; }

    /// <summary>The labels of <see cref="TickVals"/>.</summary>
    public IReadOnlyList<string>? TickText { get; init; }
}

/// <summary>How parallel-coordinates lines are coloured.</summary>
/// <param name="Color">One value per item, mapped through <see cref="ColorScale"/>.</param>
public sealed record ParcoordsLine(IReadOnlyList<double?> Color)
{
    /// <summary>A named plotly.js colour scale.</summary>
    public string? ColorScale { get; init; }

    /// <summary>Whether the colour bar is drawn.</summary>
    public bool? ShowScale { get; init; }

    /// <summary>The colour bar.</summary>
    public ColorBar? ColorBar { get; init; }
}
