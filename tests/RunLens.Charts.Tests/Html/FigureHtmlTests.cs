using System.Text;
using System.Text.RegularExpressions;
using RunLens.TestSupport;
using RunLens.Plotly;

namespace RunLens.ChartsTests.Html;

public partial class FigureHtmlTests
{
    private const string Placeholder = "/* plotly.js " + PlotlyJs.Version + " was here */";

    private static Figure Tiny(string title = "Tiny") =>
        new([new ScatterTrace([0, 1], [1, 2]) { Name = "reward" }], new Layout { Title = new Title(title) });

    // A snippet from the middle of plotly.min.js: present exactly when the library is inlined.
    private static readonly string _librarySnippet = PlotlyJs.Script.Substring(PlotlyJs.Script.Length / 2, 200);

    private static int CountLibrary(string html) => Regex.Matches(html, Regex.Escape(_librarySnippet)).Count;

    [GeneratedRegex("<div id=\"(runlens-[0-9a-f]{8}(?:-[0-9]+)?)\"")]
    private static partial Regex DivId();

    [Fact]
    public void Standalone_page_matches_the_approved_template()
    {
        var html = Tiny().ToHtml(HtmlOptions.Standalone).Replace(PlotlyJs.Script, Placeholder);

        Approvals.Verify(html, "html");
    }

    [Fact]
    public void Standalone_page_is_the_same_under_de_DE()
    {
        using var _ = new CultureScope("de-DE");
        var html = Tiny().ToHtml(HtmlOptions.Standalone).Replace(PlotlyJs.Script, Placeholder);

        Approvals.Verify(html, "html");
    }

    [Fact]
    public void Standalone_page_inlines_plotly_once_and_loads_nothing_from_the_network()
    {
        var html = Tiny().ToHtml(HtmlOptions.Standalone);
        var withoutLibrary = html.Replace(PlotlyJs.Script, Placeholder);

        Assert.Equal(1, CountLibrary(html));
        Assert.DoesNotContain("src=", withoutLibrary);
        Assert.DoesNotContain("http", withoutLibrary);
        Assert.DoesNotContain("cdn", withoutLibrary, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("<!DOCTYPE html>", html);
    }

    [Fact]
    public void Ids_are_deterministic_across_sessions()
    {
        var first = DivId().Match(Tiny().ToHtml(new HtmlOptions { Session = new HtmlSession(), PlotlyJs = PlotlyJsMode.None })).Groups[1].Value;
        var second = DivId().Match(Tiny().ToHtml(new HtmlOptions { Session = new HtmlSession(), PlotlyJs = PlotlyJsMode.None })).Groups[1].Value;
        var other = DivId().Match(Tiny("Other").ToHtml(new HtmlOptions { Session = new HtmlSession(), PlotlyJs = PlotlyJsMode.None })).Groups[1].Value;

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Matches("^runlens-[0-9a-f]{8}$", first);
    }

    [Fact]
    public void The_same_figure_twice_in_one_session_gets_two_ids()
    {
        var options = new HtmlOptions { Session = new HtmlSession(), PlotlyJs = PlotlyJsMode.None };
        var first = DivId().Match(Tiny().ToHtml(options)).Groups[1].Value;
        var second = DivId().Match(Tiny().ToHtml(options)).Groups[1].Value;

        Assert.Equal(first + "-2", second);
    }

    [Fact]
    public void Notebook_fragments_carry_no_plotly_and_say_where_to_load_it_from()
    {
        var options = HtmlOptions.Notebook with { Session = new HtmlSession(), PlotlyJsSources = ["http://127.0.0.1:1/plotly.js"] };

        var first = Tiny().ToHtml(options);
        var second = Tiny("Second").ToHtml(options);

        Assert.Equal(0, CountLibrary(first));
        Assert.Equal(0, CountLibrary(second));
        Assert.Contains("<script type=\"application/json\" class=\"runlens-plotly-sources\">[\"http://127.0.0.1:1/plotly.js\"]</script>", second);
        Assert.Contains("window.RunLensPlotly", second);
        Assert.DoesNotContain("<html", first);
    }

    [Fact]
    public void Notebook_fragments_load_from_this_process_server_by_default()
    {
        var html = Tiny().ToHtml(HtmlOptions.Notebook with { Session = new HtmlSession() });

        Assert.Contains(PlotlyJsServer.Url(PlotlyJsServer.Port), html);
        Assert.Contains(PlotlyJsServer.Url(PlotlyJsServer.DefaultPort), html);
        Assert.DoesNotContain("cdn", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Notebook_fragment_matches_the_approved_template()
    {
        var html = Tiny().ToHtml(HtmlOptions.Notebook with { Session = new HtmlSession(), PlotlyJsSources = ["http://127.0.0.1:52890/runlens/plotly.min.js"] });

        Approvals.Verify(html, "html");
    }

    [Fact]
    public void Views_without_scripts_read_the_title_and_the_traces_encoded()
    {
        var figure = new Figure([new ScatterTrace([0], [1]) { Name = "a<b" }, new ScatterTrace([0], [2]) { Name = "c & d" }],
            new Layout { Title = new Title("Reward <b>curves</b><br>run 1") });

        var html = figure.ToHtml(HtmlOptions.Notebook with { Session = new HtmlSession(), PlotlyJsSources = [] });
        var fallback = html[..html.IndexOf("<div class=\"runlens-plot\">", StringComparison.Ordinal)];

        Assert.Contains("<strong>Reward curves run 1</strong> (2 traces: a&lt;b, c &amp; d)", fallback);
        Assert.Contains("scripts did not run in this view", fallback);
        Assert.Equal("Reward curves run 1 (chart, 2 traces: a<b, c & d)", figure.ToString());
    }

    [Fact]
    public void Inlined_plotly_hides_an_amd_define_and_restores_it()
    {
        var html = Tiny().ToHtml(new HtmlOptions { PlotlyJs = PlotlyJsMode.Embed, Session = new HtmlSession() });
        var library = html.IndexOf(_librarySnippet, StringComparison.Ordinal);

        Assert.Equal(1, CountLibrary(html));
        Assert.True(html.IndexOf("window.define = undefined", StringComparison.Ordinal) < library);
        Assert.True(html.IndexOf("window.define = window.__runlensHiddenDefine", StringComparison.Ordinal) > library);
    }

    [Fact]
    public void The_plotly_mime_type_is_the_figure_json()
    {
        var figure = Tiny();

        Assert.Equal(figure.ToJson(), figure.ToMime("application/vnd.plotly.v1+json"));
        Assert.Null(figure.ToMime("text/markdown"));
    }

    [Fact]
    public void None_mode_never_carries_plotly()
    {
        var html = Tiny().ToHtml(new HtmlOptions { PlotlyJs = PlotlyJsMode.None, FullDocument = true });

        Assert.Equal(0, CountLibrary(html));
        Assert.Contains("runlens-figure-data", html);
    }

    [Fact]
    public void Write_html_writes_utf8_without_bom()
    {
        using var temp = new TempDir();
        var path = temp.File("out/chart.html");

        Tiny("Grüße").WriteHtml(path);

        var bytes = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal(Tiny("Grüße").ToHtml(HtmlOptions.Standalone), Encoding.UTF8.GetString(bytes));
    }
}
