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
    public void Embed_once_carries_plotly_in_the_first_fragment_only()
    {
        var session = new HtmlSession();
        var options = HtmlOptions.Notebook with { Session = session };

        var first = Tiny().ToHtml(options);
        var second = Tiny("Second").ToHtml(options);

        Assert.Equal(1, CountLibrary(first));
        Assert.Equal(0, CountLibrary(second));
        Assert.True(session.PlotlyJsDelivered);
        Assert.DoesNotContain("<html", first);
        session.Reset();
        Assert.Equal(1, CountLibrary(Tiny().ToHtml(options)));
    }

    [Fact]
    public void Inlined_plotly_hides_an_amd_define_and_restores_it()
    {
        var html = Tiny().ToHtml(HtmlOptions.Notebook with { Session = new HtmlSession() });
        var library = html.IndexOf(_librarySnippet, StringComparison.Ordinal);

        Assert.True(html.IndexOf("window.define = undefined", StringComparison.Ordinal) < library);
        Assert.True(html.IndexOf("window.define = window.__runlensHiddenDefine", StringComparison.Ordinal) > library);
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
