namespace RunLens.Plotly;

/// <summary>A title, with an optional subtitle (plotly.js 3 and later draw <c>title.subtitle</c> for the figure title).</summary>
/// <param name="Text">The title text (plotly accepts a little HTML: <c>&lt;b&gt;</c>, <c>&lt;br&gt;</c>).</param>
public sealed record Title(string Text)
{
    /// <summary>A smaller line under the figure title; ignored on axis and colour-bar titles.</summary>
    public Subtitle? Subtitle { get; init; }

    /// <summary>Horizontal position in [0, 1] of the container.</summary>
    public double? X { get; init; }

    /// <summary><c>left</c>, <c>center</c> or <c>right</c>.</summary>
    public string? XAnchor { get; init; }

    /// <summary>The title font.</summary>
    public Font? Font { get; init; }
}
