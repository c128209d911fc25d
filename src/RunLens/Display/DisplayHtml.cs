using System.Globalization;

namespace RunLens.Display;

/// <summary>The notebook HTML of the core types: a summary line and column tables, in a <c>.runlens</c> block.</summary>
internal static partial class DisplayHtml
{
    public static string RunSet(RunSet runs)
    {
        var html = Begin("runlens-runset", runs.ToString());
        var table = new HtmlTable(("name", false), ("variant", false), ("timestamp", false), ("seed", true),
            ("format", false), ("files", true), ("MB", true));
        foreach (var run in runs)
        {
            var info = run.Info;
            table.Add(info.Name, info.Variant, info.Timestamp, Cell.Of(info.Seed), info.Format, Cell.Of(info.Files.Count),
                Cell.Megabytes(info.Bytes));
        }
        table.WriteTo(html);
        IssuesSection(html, runs.Issues);
        return End(html);
    }

    public static string Run(Run run)
    {
        var info = run.Info;
        var html = Begin("runlens-run", info.ToString());
        new HtmlTable(("name", false), ("variant", false), ("timestamp", false), ("seed", true), ("format", false), ("root", false))
            .Add(info.Name, info.Variant, info.Timestamp, Cell.Of(info.Seed), info.Format, info.Root)
            .WriteTo(html);
        if (info.Config.Count > 0)
        {
            html.Element("h4", "Config");
            var config = new HtmlTable(("key", false), ("value", false));
            foreach (var (key, value) in info.Config.OrderBy(c => c.Key, StringComparer.Ordinal))
                config.Add(key, value.ToString());
            config.WriteTo(html);
        }
        if (info.Summary.Count > 0)
        {
            html.Element("h4", "Summary");
            var summary = new HtmlTable(("key", false), ("value", false));
            foreach (var (key, value) in info.Summary.OrderBy(s => s.Key, StringComparer.Ordinal))
                summary.Add(key, value.ToString());
            summary.WriteTo(html);
        }
        html.Element("h4", "Files");
        var files = new HtmlTable(("file", false), ("MB", true));
        foreach (var file in info.Files)
            files.Add(file.RelativePath, Cell.Megabytes(file.Bytes));
        files.WriteTo(html);
        return End(html);
    }

    public static string Scan(ScanResult scan)
    {
        var html = Begin("runlens-scan", scan.ToString());
        if (scan.Fields.Count > 0)
        {
            html.Element("h4", "Fields");
            var fields = new HtmlTable(("name", false), ("count", true), ("non-finite", true), ("mean", true), ("min", true),
                ("max", true), ("sources", false));
            foreach (var f in scan.Fields)
                fields.Add(f.Name, Cell.Of(f.Count), Cell.Of(f.NonFinite), Cell.Of(f.Mean), Cell.Of(f.Min), Cell.Of(f.Max),
                    string.Join(", ", f.Sources));
            fields.WriteTo(html);
        }
        if (scan.SkippedByReason.Count > 0)
        {
            html.Element("h4", "Skipped records");
            var skipped = new HtmlTable(("reason", false), ("records", true));
            foreach (var (reason, count) in scan.SkippedByReason.OrderBy(s => s.Key, StringComparer.Ordinal))
                skipped.Add(reason, Cell.Of(count));
            skipped.WriteTo(html);
        }
        IssuesSection(html, scan.Issues);
        return End(html);
    }

    public static string Issues(IReadOnlyList<LoadIssue> issues)
    {
        var html = Begin("runlens-issue-list", Count(issues.Count, "issue"));
        IssueTable(html, issues);
        return End(html);
    }

    private static void IssuesSection(HtmlWriter html, IReadOnlyList<LoadIssue> issues)
    {
        if (issues.Count == 0)
            return;
        html.Element("h4", Count(issues.Count, "issue"));
        IssueTable(html, issues);
    }

    private static void IssueTable(HtmlWriter html, IReadOnlyList<LoadIssue> issues)
    {
        var table = new HtmlTable(("file", false), ("offset", true), ("line", true), ("message", false));
        foreach (var issue in issues)
            table.Add(issue.File, Cell.Of(issue.Offset), Cell.Of(issue.Line), issue.Message);
        html.Open("div", "runlens-issues");
        table.WriteTo(html);
        html.Close();
    }

    private static string Count(int n, string noun) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");

    private static HtmlWriter Begin(string kind, string summary)
    {
        var html = new HtmlWriter().Open("div", "runlens " + kind).Stylesheet();
        html.Element("div", summary, "runlens-summary");
        return html;
    }

    private static string End(HtmlWriter html) => html.Close().ToString();
}
