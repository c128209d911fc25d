namespace RunLens.Display;

internal static partial class DisplayHtml
{
    public static string FinalScores(FinalScoreSet set)
    {
        var html = Begin("runlens-final-scores", set.ToString());
        var table = new HtmlTable(("group", false), ("run", false), ("seed", true), ("score", true), ("values", true), ("steps", false));
        foreach (var group in set.Groups)
        {
            foreach (var s in set.Scores.Where(s => s.Group == group))
                table.Add(group, s.Run, Cell.Of(s.Seed), Cell.Of(s.Score), Cell.Of(s.Points),
                    s.FirstStep is { } f && s.LastStep is { } l ? Cell.Of(f) + "–" + Cell.Of(l) : null);
        }
        table.WriteTo(html);
        Notes(html, set.Notes);
        return End(html);
    }

    public static string Sweep(SweepTable sweep)
    {
        var html = Begin("runlens-sweep", sweep.ToString());
        var columns = sweep.Hyperparameters.Select(h => (h, false)).Concat([("seed", true), ("score", true), ("run", false)]).ToArray();
        var table = new HtmlTable(columns);
        foreach (var row in sweep.Rows)
        {
            var cells = sweep.Hyperparameters.Select(h => row.Values.TryGetValue(h, out var v) ? v.ToString() : null)
                .Concat([Cell.Of(row.Seed), Cell.Of(row.Score), row.Run]).ToArray();
            table.Add(cells);
        }
        table.WriteTo(html);
        Notes(html, sweep.Scores.Notes);
        return End(html);
    }

    public static string Comparison(ScoreComparison comparison)
    {
        var html = Begin("runlens-comparison", comparison.Caption());
        var table = new HtmlTable(comparison.Columns().Select((c, i) => (c, i > 0)).ToArray());
        foreach (var row in comparison.Rows(md: false))
            table.Add([.. row]);
        table.WriteTo(html);
        var groups = comparison.Groups.Select(g => g.Group).ToList();
        if (groups.Count > 1)
        {
            html.Element("h4", "Probability of improvement P(row > column), with its bootstrap interval");
            var matrix = new HtmlTable(new[] { ("", false) }.Concat(groups.Select(g => (g, true))).ToArray());
            foreach (var x in groups)
            {
                matrix.Add([x, .. groups.Select(y => x == y ? "" : ScoreComparison.Number(comparison.ProbabilityOfImprovement(x, y).Estimate)
                    + " " + ScoreComparison.Range(comparison.ProbabilityOfImprovement(x, y)))]);
            }
            matrix.WriteTo(html);
        }
        Notes(html, comparison.Scores.Notes);
        return End(html);
    }

    public static string Importance(ImportanceTable table)
    {
        var html = Begin("runlens-importance", $"hyperparameter importance: {table.Sweep.Scores.Description}; intervals: {table.Bootstrap.Describe()}, runs resampled within configurations");
        var rows = new HtmlTable(("hyperparameter", false), ("permutation", true), ("permutation CI", true), ("Spearman", true), ("Spearman CI", true));
        foreach (var r in table.Rows)
        {
            rows.Add(r.Hyperparameter, ScoreComparison.Number(r.Permutation.Estimate), ScoreComparison.Range(r.Permutation),
                ScoreComparison.Number(r.Correlation.Estimate), ScoreComparison.Range(r.Correlation));
        }
        rows.WriteTo(html);
        html.Element("p", "Permutation: growth of the squared error of predicting each run by its configuration's mean when the hyperparameter is shuffled, as a fraction of the scores' variance. Spearman: rank correlation of the value with the score (text values: none).");
        return End(html);
    }

    private static void Notes(HtmlWriter html, IReadOnlyList<string> notes)
    {
        if (notes.Count == 0)
            return;
        html.Element("h4", "Notes");
        html.Open("ul");
        foreach (var note in notes)
            html.Element("li", note);
        html.Close();
    }
}
