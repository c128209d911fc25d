namespace RunLens.Plotly;

/// <summary>plotly's automatic subplot grid (an alternative to setting <see cref="Axis.Domain"/> on each axis).</summary>
public sealed record Grid
{
    /// <summary>Number of rows.</summary>
    public int? Rows { get; init; }

    /// <summary>Number of columns.</summary>
    public int? Columns { get; init; }

    /// <summary><c>coupled</c> (one x axis per column, one y axis per row) or <c>independent</c>.</summary>
    public string? Pattern { get; init; }

    /// <summary><c>top to bottom</c> or <c>bottom to top</c>.</summary>
    public string? RowOrder { get; init; }
}
