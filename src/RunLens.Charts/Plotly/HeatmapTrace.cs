namespace RunLens.Plotly;

/// <summary>
/// A grid of coloured cells: <c>Z[row][column]</c> is drawn at (<c>X[column]</c>, <c>Y[row]</c>). A null cell is
/// left empty (a gap), which is how unvisited cells show.
/// </summary>
/// <param name="X">The column coordinates.</param>
/// <param name="Y">The row coordinates.</param>
/// <param name="Z">The values, one row per <paramref name="Y"/> value; null is an empty cell.</param>
public sealed record HeatmapTrace(IReadOnlyList<double?> X, IReadOnlyList<double?> Y, IReadOnlyList<IReadOnlyList<double?>> Z) : Trace
{
    /// <summary>A named plotly.js colour scale, for example <c>Viridis</c>, <c>Hot</c>, <c>Blues</c>.</summary>
    public string? ColorScale { get; init; }

    /// <summary>The value drawn with the lowest colour.</summary>
    public double? ZMin { get; init; }

    /// <summary>The value drawn with the highest colour.</summary>
    public double? ZMax { get; init; }

    /// <summary>The colour bar: its title and labelled ticks.</summary>
    public ColorBar? ColorBar { get; init; }

    /// <summary>Extra values per cell, the same shape as <see cref="Z"/>, for <see cref="Trace.HoverTemplate"/>.</summary>
    public IReadOnlyList<IReadOnlyList<double?>>? CustomData { get; init; }

    /// <summary>Pixels between columns.</summary>
    public double? XGap { get; init; }

    /// <summary>Pixels between rows.</summary>
    public double? YGap { get; init; }

    /// <summary>Whether hovering an empty (null) cell shows a label; false keeps gaps quiet.</summary>
    public bool? HoverOnGaps { get; init; }

    /// <summary>Text per cell, the same shape as <see cref="Z"/>, shown with <see cref="TextTemplate"/>.</summary>
    public IReadOnlyList<IReadOnlyList<string?>>? Text { get; init; }

    /// <summary>Hover text per cell, the same shape as <see cref="Z"/>, for <c>%{hovertext}</c> in <see cref="Trace.HoverTemplate"/>.</summary>
    public IReadOnlyList<IReadOnlyList<string?>>? HoverText { get; init; }

    /// <summary>What each cell shows, for example <c>%{text}</c>.</summary>
    public string? TextTemplate { get; init; }

    /// <summary>Whether the colour bar is drawn.</summary>
    public bool? ShowScale { get; init; }
}
