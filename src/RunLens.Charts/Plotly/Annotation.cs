namespace RunLens.Plotly;

/// <summary>A text label placed on the figure, for example a subplot's name.</summary>
/// <param name="Text">The label (a little HTML allowed).</param>
public sealed record Annotation(string Text)
{
    /// <summary>Horizontal position, in the units of <see cref="XRef"/>.</summary>
    public double? X { get; init; }

    /// <summary>Vertical position, in the units of <see cref="YRef"/>.</summary>
    public double? Y { get; init; }

    /// <summary><c>paper</c> (0..1 of the plotting area) or an axis (<c>x</c>, <c>x2</c>...).</summary>
    public string? XRef { get; init; }

    /// <summary><c>paper</c> or an axis (<c>y</c>, <c>y2</c>...).</summary>
    public string? YRef { get; init; }

    /// <summary><c>left</c>, <c>center</c> or <c>right</c>.</summary>
    public string? XAnchor { get; init; }

    /// <summary><c>top</c>, <c>middle</c> or <c>bottom</c>.</summary>
    public string? YAnchor { get; init; }

    /// <summary>Whether an arrow points at (x, y); labels want false.</summary>
    public bool? ShowArrow { get; init; }

    /// <summary>The label's font.</summary>
    public Font? Font { get; init; }
}
