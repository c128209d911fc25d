namespace RunLens.Plotly;

/// <summary>A dropdown (or row of buttons) that changes traces or layout when a button is chosen.</summary>
/// <param name="Buttons">The choices, in order.</param>
public sealed record UpdateMenu(IReadOnlyList<UpdateMenuButton> Buttons)
{
    /// <summary><c>dropdown</c> (default) or <c>buttons</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Which direction the dropdown opens: <c>down</c>, <c>up</c>, <c>left</c>, <c>right</c>.</summary>
    public string? Direction { get; init; }

    /// <summary>The index of the button shown as chosen at first.</summary>
    public int? Active { get; init; }

    /// <summary>Whether the chosen button stays highlighted.</summary>
    public bool? ShowActive { get; init; }

    /// <summary>Horizontal position in [0, 1] of the plotting area.</summary>
    public double? X { get; init; }

    /// <summary>Vertical position in [0, 1] of the plotting area.</summary>
    public double? Y { get; init; }

    /// <summary><c>left</c>, <c>center</c> or <c>right</c>.</summary>
    public string? XAnchor { get; init; }

    /// <summary><c>top</c>, <c>middle</c> or <c>bottom</c>.</summary>
    public string? YAnchor { get; init; }
}
