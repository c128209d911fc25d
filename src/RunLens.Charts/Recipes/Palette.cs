using System.Globalization;
using System.Text.RegularExpressions;

namespace RunLens;

/// <summary>Template-free colours: the figure states every colour, so it looks the same in any plotly.js setup.</summary>
internal static partial class Palette
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

    /// <summary>
    /// A recipe colour in another palette: the i-th colour of this palette becomes <paramref name="colors"/>' i-th
    /// (a hex colour), with the same alpha. Other colours (greys, notes) stay.
    /// </summary>
    public static string? Recolor(string? css, IReadOnlyList<string> colors)
    {
        if (css is null || colors.Count == 0 || Rgba().Match(css) is not { Success: true } match)
            return css;
        var rgb = (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
        var index = Array.IndexOf(_colors, rgb);
        if (index < 0)
            return css;
        var hex = colors[index % colors.Count].TrimStart('#');
        var value = Convert.ToInt32(hex, 16);
        var alpha = double.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture);
        return FormattableString.Invariant($"rgba({(value >> 16) & 255},{(value >> 8) & 255},{value & 255},{alpha})");
    }

    [GeneratedRegex(@"^rgba\((\d+),(\d+),(\d+),([0-9.]+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Rgba();

    private static string Css(int index, double alpha)
    {
        var (r, g, b) = _colors[index % _colors.Length];
        return FormattableString.Invariant($"rgba({r},{g},{b},{alpha})");
    }
}
