using System.Globalization;

namespace RunLens.Display;

/// <summary>The notebook HTML of <see cref="RunListing"/> and <see cref="RunSummary"/>.</summary>
internal static partial class DisplayHtml
{
    public static string Listing(RunListing listing)
    {
        var html = Begin("runlens-listing", Count(listing.Count, "run") + " under " + listing.Root);
        var table = new HtmlTable(("name", false), ("format", false), ("variant", false), ("seed", true),
            ("hyperparameters", false), ("metrics", true), ("points", true), ("steps", false), ("episodes", true), ("issues", true));
        foreach (var run in listing)
        {
            table.Add(run.Name, run.Format, run.Variant, Cell.Of(run.Seed), listing.ShortConfig(run), Cell.Of(run.Metrics.Count),
                Cell.Of(run.Points), Steps(run.StepMin, run.StepMax), Cell.Of(run.Episodes.Count), Cell.Of(run.Issues.Count));
        }
        table.WriteTo(html);
        IssuesSection(html, listing.AllIssues);
        return End(html);
    }

    public static string Summary(RunSummary run)
    {
        var html = Begin("runlens-run-summary", run.ToString());
        new HtmlTable(("name", false), ("format", false), ("variant", false), ("timestamp", false), ("seed", true),
                ("status", false), ("files", true), ("MB", true), ("records", true), ("steps", false), ("root", false))
            .Add(run.Name, run.Format, run.Variant, run.Timestamp, Cell.Of(run.Seed), run.Status, Cell.Of(run.Files),
                Cell.Megabytes(run.Bytes), Cell.Of(run.Records), Steps(run.StepMin, run.StepMax), run.Root)
            .WriteTo(html);
        if (run.Config.Count > 0)
        {
            html.Element("h4", "Hyperparameters");
            var config = new HtmlTable(("key", false), ("value", false));
            foreach (var (key, value) in run.Config)
                config.Add(key, value.ToString());
            config.WriteTo(html);
        }
        if (run.Summary.Count > 0)
        {
            html.Element("h4", "Summary");
            var summary = new HtmlTable(("key", false), ("value", false));
            foreach (var (key, value) in run.Summary.OrderBy(s => s.Key, StringComparer.Ordinal))
                summary.Add(key, value.ToString());
            summary.WriteTo(html);
        }
        if (run.Tags.Count > 0)
        {
            html.Element("h4", "Tags");
            var tags = new HtmlTable(("tag", false), ("value", false));
            foreach (var (key, value) in run.Tags)
                tags.Add(key, value);
            tags.WriteTo(html);
        }
        if (run.Notes.Count > 0)
        {
            html.Element("h4", "Notes").Open("ul");
            foreach (var note in run.Notes)
                html.Element("li", note);
            html.Close();
        }
        if (run.Metrics.Count > 0)
        {
            html.Element("h4", "Metrics");
            var metrics = new HtmlTable(("name", false), ("points", true), ("non-finite", true), ("first step", true),
                ("last step", true), ("min", true), ("max", true));
            foreach (var m in run.Metrics)
                metrics.Add(m.Name, Cell.Of(m.Points), Cell.Of(m.NonFinite), Cell.Of(m.FirstStep), Cell.Of(m.LastStep),
                    Cell.Of(m.Min), Cell.Of(m.Max));
            metrics.WriteTo(html);
        }
        if (run.Episodes.Count > 0)
        {
            html.Element("h4", "Episodes");
            var episodes = new HtmlTable(("kind", false), ("episodes", true));
            foreach (var (kind, count) in run.Episodes.ByKind)
                episodes.Add(kind, Cell.Of(count));
            episodes.WriteTo(html);
            if (!double.IsNaN(run.Episodes.MeanReturn))
                html.Element("div", "mean return " + Cell.Of(run.Episodes.MeanReturn));
        }
        if (run.Skipped.Count > 0)
        {
            html.Element("h4", "Skipped records");
            var skipped = new HtmlTable(("reason", false), ("records", true));
            foreach (var (reason, count) in run.Skipped)
                skipped.Add(reason, Cell.Of(count));
            skipped.WriteTo(html);
        }
        IssuesSection(html, run.Issues);
        return End(html);
    }

    private static string? Steps(long? min, long? max) =>
        min is { } lo && max is { } hi ? string.Create(CultureInfo.InvariantCulture, $"{lo}..{hi}") : null;
}
