using System.Reflection;
using System.Text.RegularExpressions;
using RunLens.Display;
using RunLens.TestSupport;
using static RunLens.Tests.Display.DisplayFixtures;

namespace RunLens.Tests.Display;

public class DisplayHtmlTests
{
    [Fact]
    public void A_run_set_is_a_column_table_with_one_row_per_run()
    {
        var runs = Runs.Load(Path.Combine(TestPaths.SampleRuns, "experiments"));

        var html = runs.ToHtml();

        Assert.StartsWith("<div class=\"runlens runlens-runset\"><style>", html, StringComparison.Ordinal);
        Assert.Contains("<thead><tr><th>name</th><th>variant</th><th>timestamp</th><th class=\"num\">seed</th><th>format</th>"
            + "<th class=\"num\">files</th><th class=\"num\">MB</th></tr></thead>", html, StringComparison.Ordinal);
        Assert.Equal(runs.Count, Regex.Matches(html, "<tr>").Count - 1);
        foreach (var run in runs)
            Assert.Contains($"<td>{run.Name}</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<div class=\"runlens-issues\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_shows_its_info_config_and_files()
    {
        var run = Runs.Load(Path.Combine(TestPaths.SampleRuns, "experiments"))[0];

        var html = run.ToHtml();

        Assert.Contains($"<td>{run.Name}</td>", html, StringComparison.Ordinal);
        Assert.Contains("<h4>Files</h4>", html, StringComparison.Ordinal);
        foreach (var file in run.Info.Files)
            Assert.Contains($"<td>{file.RelativePath}</td>", html, StringComparison.Ordinal);
        if (run.Info.Config.Count > 0)
            Assert.Contains("<h4>Config</h4><table><thead><tr><th>key</th><th>value</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scan_shows_a_summary_a_fields_table_skipped_records_and_issues()
    {
        using var dir = new TempDir();
        var scan = HostileRuns(dir).Scan();

        var html = scan.ToHtml();

        Assert.Contains("<div class=\"runlens-summary\">", html, StringComparison.Ordinal);
        Assert.Contains("<h4>Fields</h4><table><thead><tr><th>name</th><th class=\"num\">count</th><th class=\"num\">non-finite</th>"
            + "<th class=\"num\">mean</th><th class=\"num\">min</th><th class=\"num\">max</th><th>sources</th></tr></thead>",
            html, StringComparison.Ordinal);
        Assert.Contains("<h4>Skipped records</h4>", html, StringComparison.Ordinal);
        Assert.Contains("<th>file</th><th class=\"num\">offset</th><th class=\"num\">line</th><th>message</th>", html, StringComparison.Ordinal);
        Assert.Equal(scan.Fields.Count + 1 + scan.SkippedByReason.Count + 1 + scan.Issues.Count + 1, Regex.Matches(html, "<tr>").Count);
    }

    [Fact]
    public void Numbers_are_invariant_under_a_comma_culture()
    {
        using var dir = new TempDir();
        var runs = HostileRuns(dir);
        var scan = runs.Scan();
        var invariant = (runs.ToHtml(), runs[ScriptName].ToHtml(), scan.ToHtml());

        using (new CultureScope("de-DE"))
        {
            Assert.Equal(invariant, (runs.ToHtml(), runs[ScriptName].ToHtml(), scan.ToHtml()));
            // The hostile metric has 0.5, 1.5, 2.5 and 3.5: min 0.5, max 3.5.
            Assert.Contains("<td class=\"num\">0.5</td><td class=\"num\">3.5</td>", scan.ToHtml(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_same_value_renders_the_same_html()
    {
        var runs = Runs.Load(Path.Combine(TestPaths.SampleRuns, "experiments"));
        Assert.Equal(runs.ToHtml(), Runs.Load(Path.Combine(TestPaths.SampleRuns, "experiments")).ToHtml());
    }

    [Fact]
    public void Markup_in_run_names_metrics_config_and_messages_shows_as_text()
    {
        using var dir = new TempDir();
        var runs = HostileRuns(dir);
        var hostile = runs[ScriptName];
        var scan = runs.Scan();
        Assert.NotNull(scan.Field(ImgMetric));

        foreach (var html in new[] { runs.ToHtml(), hostile.ToHtml(), scan.ToHtml(), scan.Issues.ToHtml(), runs.Issues.ToHtml() })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
            AssertOnlyOurMarkup(html);
        }
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", runs.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", hostile.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", scan.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", hostile.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", hostile.ToHtml(), StringComparison.Ordinal);
    }

    /// <summary>Every '&lt;' and '&gt;' outside the stylesheet belongs to one of our plain tags.</summary>
    private static void AssertOnlyOurMarkup(string html)
    {
        var body = Regex.Replace(html, "<style>[^<]*</style>", "");
        var rest = Regex.Replace(body, "</?(div|table|thead|tbody|tr|th|td|h4)( class=\"[a-z0-9 -]+\")?>", "");
        Assert.DoesNotContain("<", rest, StringComparison.Ordinal);
        Assert.DoesNotContain(">", rest, StringComparison.Ordinal);
        Assert.DoesNotContain("\"", rest, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_lists_are_tables_and_plain_text_lists()
    {
        using var dir = new TempDir();
        var issues = HostileRuns(dir).Scan().Issues;

        Assert.NotEmpty(issues);
        Assert.Contains("<table>", issues.ToHtml(), StringComparison.Ordinal);
        Assert.StartsWith(issues.Count == 1 ? "1 issue:\n" : $"{issues.Count} issues:\n", issues.ToString(), StringComparison.Ordinal);
        Assert.Contains(issues[0].ToString(), issues.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_stylesheet_is_embedded_and_scoped_by_the_runlens_class()
    {
        var names = typeof(RunSet).Assembly.GetManifestResourceNames();
        Assert.All(Assets.Names, n => Assert.Contains(n, names));
        var rules = Assets.DisplayCss.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(rules, r => Assert.StartsWith(".runlens", r, StringComparison.Ordinal));
    }

    [Fact]
    public void The_html_writer_refuses_markup_as_a_tag_or_class_name()
    {
        Assert.Throws<ArgumentException>(() => new HtmlWriter().Open("div onclick=x"));
        Assert.Throws<ArgumentException>(() => new HtmlWriter().Element("td", "x", "a\" onclick=\"x"));
        Assert.Equal("<td>&lt;&amp;&quot;&#39;&gt;</td>", new HtmlWriter().Element("td", "<&\"'>").ToString());
    }

    [Fact]
    public void The_formatter_source_writes_each_mime_type_and_declines_values_without_that_form()
    {
        var runs = Runs.Load(Path.Combine(TestPaths.SampleRuns, "experiments"));
        var formatters = new MimeFormatterSource().CreateTypeFormatters().Cast<MimeFormatter>().ToDictionary(f => f.MimeType);
        Assert.Equal(["application/vnd.plotly.v1+json", "text/markdown", "text/html", "text/plain"], formatters.Keys);

        var html = new StringWriter();
        Assert.True(formatters["text/html"].Format(runs, html));
        Assert.Equal(runs.ToHtml(), html.ToString());
        var text = new StringWriter();
        Assert.True(formatters["text/plain"].Format(runs, text));
        Assert.StartsWith(runs.ToString() + "\n", text.ToString(), StringComparison.Ordinal);
        Assert.False(formatters["text/html"].Format("not ours", new StringWriter()));
        Assert.False(formatters["text/markdown"].Format(runs, new StringWriter()));
        var markdown = new StringWriter();
        Assert.True(formatters["text/markdown"].Format(new MarkdownText("*a*"), markdown));
        Assert.Equal("*a*", markdown.ToString());
        var attribute = typeof(RunSet).GetCustomAttribute<TypeFormatterSourceAttribute>()!;
        Assert.Equal(typeof(MimeFormatterSource), attribute.FormatterSourceType);
        Assert.Equal(["text/html", "text/plain"], attribute.PreferredMimeTypes!);
    }
}
