namespace RunLens.Plotly;

/// <summary>A font for titles, labels and annotations.</summary>
public sealed record Font
{
    /// <summary>Size in pixels.</summary>
    public double? Size { get; init; }

    /// <summary>A CSS colour.</summary>
    public string? Color { get; init; }

    /// <summary>A CSS font family.</summary>
    public string? Family { get; init; }
}
