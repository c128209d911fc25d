namespace RunLens.Plotly;

/// <summary>One x or y axis. A figure has a list of each (<see cref="Layout.XAxes"/>, <see cref="Layout.YAxes"/>).</summary>
public sealed record Axis
{
    /// <summary>The axis title.</summary>
    public Title? Title { get; init; }

    /// <summary>The part of the figure this axis spans, as [start, end] in [0, 1]: stacks subplots.</summary>
    public IReadOnlyList<double>? Domain { get; init; }

    /// <summary>The axis this one is drawn against: <c>x</c>, <c>y2</c>, ... or <c>free</c>.</summary>
    public string? Anchor { get; init; }

    /// <summary>Another axis whose range this one follows when zooming, for example <c>x</c>.</summary>
    public string? Matches { get; init; }

    /// <summary><c>linear</c>, <c>log</c>, <c>category</c>...</summary>
    public string? Type { get; init; }

    /// <summary><c>reversed</c> for a y axis that grows downwards (screen coordinates).</summary>
    public string? AutoRange { get; init; }

    /// <summary>A fixed range [min, max].</summary>
    public IReadOnlyList<double>? Range { get; init; }

    /// <summary>Another axis whose scale this one keeps in a fixed ratio: <c>x</c> makes square heatmap cells.</summary>
    public string? ScaleAnchor { get; init; }

    /// <summary>Units of this axis per unit of <see cref="ScaleAnchor"/> (1 for squares).</summary>
    public double? ScaleRatio { get; init; }

    /// <summary><c>domain</c> or <c>range</c>: what gives way to keep <see cref="ScaleRatio"/>.</summary>
    public string? Constrain { get; init; }

    /// <summary>Whether tick labels are drawn.</summary>
    public bool? ShowTickLabels { get; init; }

    /// <summary>Whether grid lines are drawn.</summary>
    public bool? ShowGrid { get; init; }

    /// <summary>Grid line colour.</summary>
    public string? GridColor { get; init; }

    /// <summary>Whether the zero line is drawn.</summary>
    public bool? ZeroLine { get; init; }

    /// <summary>A d3 format for tick labels, for example <c>~s</c> (1.5M).</summary>
    public string? TickFormat { get; init; }

    /// <summary>Hover format of values on this axis, for example <c>,d</c>.</summary>
    public string? HoverFormat { get; init; }

    /// <summary>Whether a spike line follows the mouse.</summary>
    public bool? ShowSpikes { get; init; }

    /// <summary>Whether the axis line is drawn.</summary>
    public bool? ShowLine { get; init; }

    /// <summary>Colour of the axis line.</summary>
    public string? LineColor { get; init; }

    /// <summary>How ticks are placed: <c>array</c> uses <see cref="TickVals"/> and <see cref="TickText"/>.</summary>
    public string? TickMode { get; init; }

    /// <summary>Where the ticks are (with <see cref="TickMode"/> <c>array</c>).</summary>
    public IReadOnlyList<double>? TickVals { get; init; }

    /// <summary>The labels of <see cref="TickVals"/>: categories such as hyperparameter values.</summary>
    public IReadOnlyList<string>? TickText { get; init; }
}
