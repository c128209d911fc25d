namespace RunLens.Plotly;

/// <summary>
/// A line or marker trace. <c>null</c> in <see cref="Y"/> is a gap in the line; NaN and infinities are written
/// as null too, so a NaN loss shows as a gap instead of breaking the JSON.
/// </summary>
/// <param name="X">The x values (steps, usually).</param>
/// <param name="Y">The y values; null (or NaN) is a gap.</param>
public sealed record ScatterTrace(IReadOnlyList<double?> X, IReadOnlyList<double?> Y) : Trace
{
    /// <summary><c>lines</c>, <c>markers</c> or <c>lines+markers</c>.</summary>
    public string? Mode { get; init; } = "lines";

    /// <summary>How point markers are drawn.</summary>
    public Marker? Marker { get; init; }

    /// <summary>How the line is drawn.</summary>
    public Line? Line { get; init; }

    /// <summary><c>tonexty</c> fills down to the previous trace (a band); <c>toself</c> closes the shape.</summary>
    public string? Fill { get; init; }

    /// <summary>The fill colour, for example <c>rgba(31,119,180,0.2)</c>.</summary>
    public string? FillColor { get; init; }

    /// <summary>Extra values per point, for <see cref="Trace.HoverTemplate"/> (<c>%{customdata[0]}</c>).</summary>
    public IReadOnlyList<IReadOnlyList<double?>>? CustomData { get; init; }

    /// <summary>A trace from plain values: NaN and infinities become gaps.</summary>
    public static ScatterTrace FromValues(ReadOnlySpan<double> x, ReadOnlySpan<double> y) =>
        new(PlotlyValues.WithGaps(x), PlotlyValues.WithGaps(y));
}
