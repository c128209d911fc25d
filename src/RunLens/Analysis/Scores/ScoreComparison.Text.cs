using System.Globalization;
using System.Text;

namespace RunLens;

public sealed partial class ScoreComparison
{
    /// <summary>
    /// The table as GitHub Markdown: one row per group, intervals as [lower, upper], then the method line. A notebook
    /// renders it as Markdown; it converts to the Markdown string wherever text is wanted.
    /// </summary>
    /// <example><code>File.WriteAllText("scores.md", comparison.ToMarkdown())</code></example>
    public MarkdownText ToMarkdown()
    {
        var text = new StringBuilder();
        var header = Columns();
        text.Append("| ").AppendJoin(" | ", header).AppendLine(" |");
        text.Append('|').AppendJoin("|", header.Select((_, i) => i == 0 ? "---" : "---:")).AppendLine("|");
        foreach (var row in Rows(md: true))
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        text.AppendLine().AppendLine(Caption());
        return new MarkdownText(text.ToString());
    }

    /// <summary>The table as a LaTeX <c>tabular</c> (booktabs rules) with the method as the caption line.</summary>
    /// <example><code>File.WriteAllText("scores.tex", comparison.ToLatex())</code></example>
    public string ToLatex()
    {
        var header = Columns();
        var text = new StringBuilder();
        text.AppendLine("% " + Caption());
        text.Append("\\begin{tabular}{l").Append('r', header.Count - 1).AppendLine("}");
        text.AppendLine("\\toprule");
        text.AppendJoin(" & ", header.Select(Latex)).AppendLine(" \\\\");
        text.AppendLine("\\midrule");
        foreach (var row in Rows(md: false))
            text.AppendJoin(" & ", row.Select(Latex)).AppendLine(" \\\\");
        text.AppendLine("\\bottomrule");
        text.AppendLine("\\end{tabular}");
        return text.ToString();
    }

    /// <summary>What the table shows: the scores' description and the interval methods.</summary>
    public string Caption()
    {
        var method = Groups.Count > 0 ? Groups[0].Iqm.Method : "";
        var level = (Bootstrap.Confidence * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
        return $"Final score: {Scores.Description}. Mean: Student-t {level} interval; IQM" +
            (Gamma is { } g ? string.Create(CultureInfo.InvariantCulture, $" and optimality gap (gamma {g:G6})") : "") +
            $": stratified {method}.";
    }

    internal IReadOnlyList<string> Columns()
    {
        var columns = new List<string> { "group", "n", "mean", "mean CI", "median", "IQM", "IQM CI" };
        if (Gamma is not null)
            columns.AddRange(["optimality gap", "gap CI"]);
        return columns;
    }

    internal IEnumerable<IReadOnlyList<string>> Rows(bool md)
    {
        foreach (var g in Groups)
        {
            var row = new List<string> { g.Group, g.N.ToString(CultureInfo.InvariantCulture), Number(g.Mean.Estimate), Range(g.Mean), Number(g.Median), Number(g.Iqm.Estimate), Range(g.Iqm) };
            if (g.OptimalityGap is { } gap)
                row.AddRange([Number(gap.Estimate), Range(gap)]);
            yield return md ? row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)).ToList() : row;
        }
    }

    internal static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : "n/a";

    internal static string Range(Interval interval) =>
        double.IsFinite(interval.Lower) && double.IsFinite(interval.Upper)
            ? "[" + Number(interval.Lower) + ", " + Number(interval.Upper) + "]"
            : "n/a";

    private static string Latex(string cell) => cell
        .Replace("\\", "\\textbackslash{}", StringComparison.Ordinal)
        .Replace("&", "\\&", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("$", "\\$", StringComparison.Ordinal).Replace("#", "\\#", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal).Replace("{", "\\{", StringComparison.Ordinal)
        .Replace("}", "\\}", StringComparison.Ordinal).Replace("~", "\\textasciitilde{}", StringComparison.Ordinal)
        .Replace("^", "\\textasciicircum{}", StringComparison.Ordinal);
}
