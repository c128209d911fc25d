namespace RunLens.Plotly;

/// <summary>
/// One choice of an <see cref="UpdateMenu"/>: plotly calls <c>Plotly[Method](div, ...Args)</c>. With
/// <c>update</c> the arguments are a <see cref="TraceUpdate"/> then a <see cref="LayoutUpdate"/>; with
/// <c>restyle</c> a <see cref="TraceUpdate"/>; with <c>relayout</c> a <see cref="LayoutUpdate"/>.
/// </summary>
/// <param name="Label">The text on the button.</param>
/// <param name="Method"><c>update</c>, <c>restyle</c> or <c>relayout</c>.</param>
/// <param name="Args">The arguments passed to the method.</param>
public sealed record UpdateMenuButton(string Label, string Method, IReadOnlyList<UpdateArgs> Args)
{
    /// <summary>A button that changes traces and layout together.</summary>
    public static UpdateMenuButton Update(string label, TraceUpdate traces, LayoutUpdate layout) =>
        new(label, "update", [traces, layout]);

    /// <summary>A button that changes traces only.</summary>
    public static UpdateMenuButton Restyle(string label, TraceUpdate traces) => new(label, "restyle", [traces]);
}
