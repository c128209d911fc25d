using System.Globalization;
using RunLens.Plotly;

namespace RunLens;

// Shared by the reward curves, episode statistics, training diagnostics and action probability charts: stacked panels
// on one x axis (y-axis domains), fields picked by the last part of their name.
public static partial class Charts
{
    private static Layout StackedPanels(IReadOnlyList<string> panels, string title, string subtitle, string xTitle)
    {
        var yAxes = new List<Axis>();
        var annotations = new List<Annotation>();
        var height = 1 - PanelGap * (panels.Count - 1);
        for (var i = 0; i < panels.Count; i++)
        {
            var top = 1 - i * (height / panels.Count + PanelGap);
            yAxes.Add(new Axis { Domain = [Math.Max(0, top - height / panels.Count), top], Anchor = "x", GridColor = Palette.Grid, ZeroLine = false });
            annotations.Add(new Annotation(panels[i])
            {
                X = 0, Y = top, XRef = "paper", YRef = "paper", XAnchor = "left", YAnchor = "bottom", ShowArrow = false,
                Font = new Font { Size = 13, Color = Palette.Text },
            });
        }
        return new Layout
        {
            Title = new Title(title) { Subtitle = new Subtitle(subtitle) },
            XAxes = [new Axis { Title = new Title(xTitle), Anchor = Layout.YRef(panels.Count - 1), GridColor = Palette.Grid, ZeroLine = false }],
            YAxes = yAxes,
            Annotations = annotations,
            ShowLegend = false,
            HoverMode = "x unified",
            Height = 150 + 190 * panels.Count,
            Margin = new Margin { L = 70, R = 30, T = 100, B = 60 },
            PaperBgColor = "#ffffff",
            PlotBgColor = "#ffffff",
        };
    }

    /// <summary>The last part of a field name, after its last '/' or '.': <c>train/approx_kl</c> and <c>metrics.approx_kl</c> give <c>approx_kl</c>.</summary>
    private static string LastSegment(string name) => name[(name.LastIndexOfAny(['/', '.']) + 1)..];

    /// <summary>
    /// For each group of names, the fields whose last name part is one of them (case-insensitive), in the order of the
    /// groups and then of the names; each field at most once. With <paramref name="firstOnly"/>, one field per group.
    /// </summary>
    private static List<(string Group, FieldCurve Field)> PickByLastSegment(
        IReadOnlyList<FieldCurve> fields, IReadOnlyList<(string Group, string[] Names)> groups, bool firstOnly)
    {
        var picked = new List<(string, FieldCurve)>();
        var used = new HashSet<FieldCurve>();
        foreach (var (group, names) in groups)
        {
            var matches = names.SelectMany(n => fields.Where(f => !used.Contains(f) && string.Equals(LastSegment(f.Name), n, StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f.Name, StringComparer.Ordinal)).Distinct().ToList();
            foreach (var field in firstOnly ? matches.Take(1) : matches)
            {
                picked.Add((group, field));
                used.Add(field);
            }
        }
        return picked;
    }

    private static ArgumentException NoFields(string what, IEnumerable<string> lookedFor, IReadOnlyList<FieldCurve> fields, string parameter)
    {
        var names = fields.Count == 0 ? "(none)" : string.Join(", ", fields.Select(f => f.Name));
        return new ArgumentException(
            $"No {what} to draw: looked for fields whose name ends in {string.Join(", ", lookedFor)} (after the last '/' or '.', any case). " +
            $"Numeric fields here: {names}.", parameter);
    }

    private static string Plural(long n, string noun) =>
        n.ToString("N0", CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");
}
