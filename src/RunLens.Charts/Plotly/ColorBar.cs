namespace RunLens.Plotly;

/// <summary>A heatmap's colour bar: a title and, optionally, ticks at chosen values with chosen labels.</summary>
public sealed record ColorBar
{
    /// <summary>The bar's title.</summary>
    public Title? Title { get; init; }

    /// <summary>Where ticks go, in z units.</summary>
    public IReadOnlyList<double>? TickVals { get; init; }

    /// <summary>The label of each tick in <see cref="TickVals"/>.</summary>
    public IReadOnlyList<string>? TickText { get; init; }

    /// <summary><c>array</c> to use <see cref="TickVals"/> and <see cref="TickText"/>.</summary>
    public string? TickMode { get; init; }
}
