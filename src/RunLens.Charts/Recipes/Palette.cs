namespace RunLens;

/// <summary>Template-free colours: the figure states every colour, so it looks the same in any plotly.js setup.</summary>
internal static class Palette
{
    // d3's category10, the colours plotly users know.
    private static readonly (int R, int G, int B)[] _colors =
    [
        (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
        (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207),
    ];

    public static string Line(int index) => Css(index, 1);

    public static string Band(int index) => Css(index, 0.22);

    public static string Edge(int index) => Css(index, 0.5);

    public const string Grid = "#e5e5e5";
    public const string Text = "#444444";

    private static string Css(int index, double alpha)
    {
        var (r, g, b) = _colors[index % _colors.Length];
        return FormattableString.Invariant($"rgba({r},{g},{b},{alpha})");
    }
}
