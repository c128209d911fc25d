using System.Globalization;
using System.Text.RegularExpressions;
using RunLens.TestSupport;

namespace RunLens.Notebooks.Tests;

public partial class NotebookReportTests
{
    [Fact]
    public void Plotly_js_is_inlined_once_in_head_even_when_an_output_carried_it()
    {
        var html = NotebookReport.ToHtml(SampleRun.Create());

        var first = html.IndexOf(PlotlyJs.Script, StringComparison.Ordinal);
        Assert.True(first > 0 && first < html.IndexOf("</head>", StringComparison.Ordinal), "plotly.js is not in <head>.");
        Assert.Equal(-1, html.IndexOf(PlotlyJs.Script, first + 1, StringComparison.Ordinal));
        Assert.Contains("runlens-figure", html);
    }

    [Fact]
    public void Markdown_is_rendered_with_raw_html_disabled_and_code_and_text_are_encoded()
    {
        var html = NotebookReport.ToHtml(SampleRun.Create());

        Assert.Contains("<em>markdown</em>", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert", html);
        Assert.DoesNotContain("<b>run</b>", html);
        Assert.Contains("<details class=\"source\">", html);
        Assert.Contains("Console.WriteLine(&quot;hi &lt;there&gt;&quot;);", html);
        Assert.Contains("<pre class=\"output stream stdout\">hi &lt;there&gt;\n</pre>", html);
        Assert.Contains("<div class=\"dni-plaintext\"><pre>2</pre></div>", html);
        Assert.Contains("<pre>&lt;plain &amp; simple&gt;</pre>", html);
        Assert.Contains("raw &lt;text&gt;", html);
    }

    [Fact]
    public void Table_of_contents_links_to_deterministic_unique_heading_ids()
    {
        var html = NotebookReport.ToHtml(SampleRun.Create());

        Assert.Contains("<h1 id=\"sec-sample-b-run-b\">Sample &lt;b&gt;run&lt;/b&gt;</h1>", html);
        Assert.Contains("<h2 id=\"sec-curves\">Curves</h2>", html);
        Assert.Contains("<h2 id=\"sec-curves-2\">Curves</h2>", html);
        Assert.Contains("<h3 id=\"sec-details\">Details</h3>", html);
        Assert.Contains("<a href=\"#sec-curves-2\">Curves</a>", html);
        Assert.Contains("<ul><li><a href=\"#sec-sample-b-run-b\">", html);
        Assert.Equal(Normalize(html), Normalize(NotebookReport.ToHtml(SampleRun.Create())));
    }

    [Fact]
    public void Provenance_names_the_hash_files_version_time_and_seconds_per_cell()
    {
        var html = NotebookReport.ToHtml(SampleRun.Create());

        Assert.Contains(new string('a', 64), html);
        Assert.Contains("<code>/data/run/log.jsonl</code>", html);
        Assert.Contains("2026-01-02T03:04:05+00:00", html);
        Assert.Contains("<td class=\"num\">0.120</td>", html);
        Assert.Contains("<td class=\"num\">0.040</td>", html);
        Assert.Contains("<dt>RunLens</dt><dd>0.1.0", html);
        Assert.Contains("every cell ran", html);
    }

    [Fact]
    public void A_failed_cell_shows_its_error_and_the_provenance_names_it()
    {
        var html = NotebookReport.ToHtml(SampleRun.Create(withFailure: true));

        Assert.Contains("<section class=\"cell code failed\" id=\"cell-5\">", html);
        Assert.Contains("<pre class=\"output error\">CompilationErrorException: (1,1): error CS0103: The name &#39;undefinedThing&#39; does not exist\nat cell 5</pre>", html);
        Assert.Contains("cell 5 failed", html);
    }

    [Fact]
    public void Numbers_are_the_same_under_de_DE()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var html = NotebookReport.ToHtml(SampleRun.Create());
            Assert.Contains("<td class=\"num\">0.120</td>", html);
            Assert.Contains("0.120 s</summary>", html);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Report_page_matches_the_approved_template()
    {
        var html = NotebookReport.ToHtml(SampleRun.Create(withFailure: true))
            .Replace(PlotlyJs.Script, "/* plotly.js */", StringComparison.Ordinal)
            .Replace(ReportProvenanceVersion(), "VERSION", StringComparison.Ordinal);

        Approvals.Verify(html, "html");
    }

    private static string ReportProvenanceVersion() => ReportProvenance.RunLensVersion;

    [Fact]
    public void Every_asset_the_code_names_is_embedded()
    {
        var embedded = typeof(NotebookReport).Assembly.GetManifestResourceNames();

        foreach (var name in ReportAssets.Names)
            Assert.Contains(name, embedded);
    }

    [Fact]
    public void WriteHtml_creates_the_folder_and_writes_utf8_without_bom()
    {
        using var temp = new TempDir();
        var path = Path.Combine(temp.Path, "sub", "report.html");

        NotebookReport.WriteHtml(SampleRun.Create(), path);

        Assert.Equal((byte)'<', File.ReadAllBytes(path)[0]);
    }

    private static string Normalize(string html) => TimeLike().Replace(html, "T");

    [GeneratedRegex(@"\d+\.\d{3}")]
    private static partial Regex TimeLike();
}
