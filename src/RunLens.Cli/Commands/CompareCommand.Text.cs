using System.Globalization;
using RunLens.Cli.Reports;

namespace RunLens.Cli.Commands;

internal static partial class CompareCommand
{
    /// <summary>
    /// The comparison table (Markdown, with its method line), the probability-of-improvement matrix (rows X, columns
    /// Y, "0.72 [0.55, 0.86]") and the notes: text that pastes into a README or an issue as it is.
    /// </summary>
    internal static void WriteText(TextWriter o, ScoreComparison comparison, CompareReport report)
    {
        o.Write(comparison.ToMarkdown());
        var groups = report.Groups.Select(g => g.Group).ToList();
        if (groups.Count > 1)
        {
            o.WriteLine();
            o.WriteLine($"Probability of improvement P(row > column), ties count half, with its {comparison.Bootstrap.Describe()} interval:");
            o.WriteLine();
            o.WriteLine("| P(row > column) | " + string.Join(" | ", groups.Select(Cell)) + " |");
            o.WriteLine("|---|" + string.Concat(groups.Select(_ => "---:|")));
            foreach (var x in groups)
            {
                var cells = groups.Select(y => x == y ? "" : Probability(report.Improvement.First(i => i.X == x && i.Y == y)));
                o.WriteLine("| " + Cell(x) + " | " + string.Join(" | ", cells) + " |");
            }
        }
        if (report.Notes.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Notes:");
            foreach (var note in report.Notes)
                o.WriteLine("- " + note);
        }
    }

    private static string Probability(ImprovementReport i)
    {
        var ci = CultureInfo.InvariantCulture;
        var estimate = i.Probability is { } p ? p.ToString("F2", ci) : "n/a";
        return i.Lower is { } lo && i.Upper is { } hi ? string.Create(ci, $"{estimate} [{lo:F2}, {hi:F2}]") : estimate;
    }

    // Group labels are text from config files: a '|' would split the Markdown cell.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
