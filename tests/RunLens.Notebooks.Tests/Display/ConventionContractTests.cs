using Microsoft.DotNet.Interactive.Formatting;
using RunLens.TestSupport;

namespace RunLens.Notebooks.Tests.Display;

/// <summary>
/// Our types formatted by the real Microsoft.DotNet.Interactive.Formatting 1.0.0-beta.26120.1 and by a reflection-only
/// reproduction of its naming convention: both give our HTML, and a useful plain text.
/// </summary>
// The runner resets the kernel's process-wide Formatter (Formatter.ResetToDefault) at every run; formatting here at
// the same moment raced with it once under load, so these tests run in the runner's collection, never beside it.
[Collection(RunnerCollection.Name)]
public sealed class ConventionContractTests : IDisposable
{
    private const string ScriptName = "<script>alert(1)</script>";
    private const string ImgMetric = "\"><img src=x onerror=alert(1)>";
    private readonly TempDir _dir = new();
    private readonly RunSet _runs;

    public ConventionContractTests()
    {
        // A run named <script>alert(1)</script> (folders "<script>alert(1)<" and "script>") with a metric named
        // "><img src=x onerror=alert(1)> and a truncated last record, beside a sample run.
        const string metric = "\\\"><img src=x onerror=alert(1)>";
        var records = Enumerable.Range(0, 4).Select(i => $"{{\"step\":{i},\"rewards\":{{\"total\":{i}}},\"{metric}\":{i}.5}}");
        _dir.Write(ScriptName + "/metrics.jsonl", string.Join("\n", records) + "\n{\"step\":4,\"" + metric + "\":");
        _dir.Write(ScriptName + "/config.json", "{\"seed\": 5, \"note\": \"<b>bold</b>\"}");
        _runs = Runs.Load(_dir.Path);
    }

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Values => new() { "RunSet", "Run", "ScanResult", "LoadIssues", "sample RunSet", "sample ScanResult" };

    private object Value(string name) => name switch
    {
        "RunSet" => _runs,
        "Run" => _runs[ScriptName],
        "ScanResult" => _runs.Scan(),
        "LoadIssues" => _runs.Scan().Issues,
        "sample RunSet" => Runs.Load(Path.Combine(TestPaths.SampleRuns, "experiments")),
        "sample ScanResult" => Runs.Load(Path.Combine(TestPaths.SampleRuns, "experiments"))[0].Scan(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void The_kernel_formatter_and_the_convention_give_our_html(string name)
    {
        var value = Value(name);
        var ours = ((IHtmlRenderable)value).ToHtml();

        Assert.Equal(ours, Formatter.ToDisplayString(value, "text/html"));
        Assert.Equal(ours, ConventionFormatter.Format(value, "text/html"));
        Assert.Contains("<table>", ours, StringComparison.Ordinal);
        Assert.Contains("<th>", ours, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Plain_text_is_the_values_own_text_not_its_type_name(string name)
    {
        var value = Value(name);

        var text = Formatter.ToDisplayString(value, "text/plain");

        // The summary line first, then the same tables as the HTML, as aligned text.
        Assert.StartsWith(value.ToString()!.Split('\n')[0].TrimEnd(':'), text, StringComparison.Ordinal);
        Assert.Equal(text, ConventionFormatter.Format(value, "text/plain"));
        Assert.DoesNotContain(value.GetType().Name, text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void The_kernel_writes_html_and_plain_text_for_each_value(string name)
    {
        var value = Value(name);
        _ = Formatter.ToDisplayString(value, "text/html"); // the kernel reads the attribute on first use

        Assert.Equal(["text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(value.GetType()));
        Assert.Equal(["text/html", "text/plain"], ConventionFormatter.PreferredMimeTypes(value.GetType())!);
    }

    [Fact]
    public void A_run_set_is_our_column_table_not_the_kernels_index_value_list()
    {
        var html = Formatter.ToDisplayString(_runs, "text/html");

        Assert.Contains("<th>name</th><th>variant</th><th>timestamp</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("dni-treeview", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<th><i>index</i></th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Our_html_is_used_inside_arrays_too()
    {
        var run = _runs[ScriptName];
        Assert.Contains(run.ToHtml(), Formatter.ToDisplayString(new object[] { run }, "text/html"), StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_in_names_shows_as_text_through_the_kernel()
    {
        var scan = _runs.Scan();
        Assert.NotNull(scan.Field(ImgMetric));
        foreach (var value in new object[] { _runs, _runs[ScriptName], scan, scan.Issues })
        {
            var html = Formatter.ToDisplayString(value, "text/html");
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        }
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", Formatter.ToDisplayString(_runs, "text/html"), StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", Formatter.ToDisplayString(scan, "text/html"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_is_its_notebook_html_through_both_paths()
    {
        // Figures render in HtmlSession.Default (ids count repeats): reset before each path.
        var figure = _runs[ScriptName].RewardCurves(title: ScriptName);
        HtmlSession.Default.Reset();
        var ours = figure.ToHtml(HtmlOptions.Notebook);
        HtmlSession.Default.Reset();
        var kernel = Formatter.ToDisplayString(figure, "text/html");
        HtmlSession.Default.Reset();
        var convention = ConventionFormatter.Format(figure, "text/html");
        HtmlSession.Default.Reset();

        Assert.Equal(ours, kernel);
        Assert.Equal(ours, convention);
        Assert.Contains("runlens-", kernel, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", kernel, StringComparison.Ordinal);
        Assert.Equal(figure.ToString(), Formatter.ToDisplayString(figure, "text/plain"));
        Assert.Equal(["application/vnd.plotly.v1+json", "text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(Figure)));
        Assert.Equal(figure.ToJson(), Formatter.ToDisplayString(figure, "application/vnd.plotly.v1+json"));
    }
}
