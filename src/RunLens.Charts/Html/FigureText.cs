using System.Globalization;
using System.Text.RegularExpressions;

namespace RunLens;

/// <summary>
/// A figure in words, for plain-text outputs and for what a view that runs no script shows in place of the chart:
/// its title and its traces.
/// </summary>
internal static partial class FigureText
{
    private const int NamesShown = 6;

    /// <summary>The title without plotly's inline markup (<c>&lt;br&gt;</c>, <c>&lt;b&gt;</c>), or "Untitled chart".</summary>
    public static string Title(Figure figure)
    {
        var text = figure.Layout.Title?.Text;
        return string.IsNullOrWhiteSpace(text) ? "Untitled chart" : Plain(text);
    }

    /// <summary>"3 traces: reward, loss, entropy", naming at most six.</summary>
    public static string Summary(Figure figure)
    {
        var names = figure.Data.Select(t => t.Name).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => Plain(n!))
            .Distinct(StringComparer.Ordinal).ToList();
        var count = figure.Data.Count.ToString(CultureInfo.InvariantCulture) + (figure.Data.Count == 1 ? " trace" : " traces");
        if (names.Count == 0)
            return count;
        var shown = string.Join(", ", names.Take(NamesShown));
        return count + ": " + shown + (names.Count > NamesShown ? ", …" : "");
    }

    private static string Plain(string markup) => Spaces().Replace(Tags().Replace(markup, " "), " ").Trim();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
