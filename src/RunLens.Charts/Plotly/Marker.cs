namespace RunLens;

/// <summary>How a trace's point markers are drawn (with <c>mode</c> <c>markers</c> or <c>lines+markers</c>).</summary>
public sealed record Marker
{
    /// <summary>Diameter in pixels.</summary>
    public double? Size { get; init; }

    /// <summary>A CSS colour.</summary>
    public string? Color { get; init; }
}
