namespace RunLens.Plotly;

/// <summary>How a trace's line is drawn.</summary>
public sealed record Line
{
    /// <summary>A CSS colour, for example <c>#1f77b4</c>.</summary>
    public string? Color { get; init; }

    /// <summary>Width in pixels.</summary>
    public double? Width { get; init; }

    /// <summary><c>linear</c>, <c>spline</c>, <c>hv</c> (steps), ...</summary>
    public string? Shape { get; init; }

    /// <summary><c>solid</c>, <c>dot</c>, <c>dash</c>, ...</summary>
    public string? Dash { get; init; }
}
