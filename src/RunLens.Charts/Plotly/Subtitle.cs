namespace RunLens.Plotly;

/// <summary>The line under a figure title.</summary>
/// <param name="Text">The subtitle text.</param>
public sealed record Subtitle(string Text)
{
    /// <summary>The subtitle font.</summary>
    public Font? Font { get; init; }
}
