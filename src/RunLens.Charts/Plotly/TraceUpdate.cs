namespace RunLens.Plotly;

/// <summary>Trace attributes a button changes, one value per trace of the figure (in trace order).</summary>
public sealed record TraceUpdate : UpdateArgs
{
    /// <summary>Which traces are drawn after the change.</summary>
    public IReadOnlyList<bool>? Visible { get; init; }
}
