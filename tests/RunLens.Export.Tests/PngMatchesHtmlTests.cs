using System.Xml.Linq;
using PuppeteerSharp;
using RunLens.Plotly;
using Xunit.Abstractions;

namespace RunLens.ExportTests;

/// <summary>
/// Issue 14's acceptance: the PNG of a chart and a screenshot of its HTML page show the same traces. Both are drawn
/// in the same Chromium at the same size; each subplot (cut out by its axis domains and the fixed margins) must hold
/// about the same share of each trace's colour, and a figure with a trace removed must not pass the same comparison.
/// </summary>
public class PngMatchesHtmlTests(ITestOutputHelper output)
{
    private const int Height = 400;
    private static readonly Margin Margins = new() { L = 50, R = 20, T = 40, B = 40 };

    // Left subplot: a thick red line rising and a blue one falling; right subplot: a green line, flat then rising.
    private static readonly (string Name, string Css, (byte, byte, byte) Rgb, int Subplot)[] Traces =
    [
        ("red", "rgb(255,0,0)", (255, 0, 0), 0),
        ("blue", "rgb(0,0,255)", (0, 0, 255), 0),
        ("green", "rgb(0,160,0)", (0, 160, 0), 1),
    ];

    private static readonly double[][] Domains = [[0, 0.45], [0.55, 1]];

    private static Figure TwoSubplots(params string[] without)
    {
        var traces = new List<Trace>();
        if (!without.Contains("red"))
            traces.Add(new ScatterTrace([0, 1, 2, 3], [0, 1, 2, 3]) { Name = "red", Line = new Line { Color = "rgb(255,0,0)", Width = 6 } });
        if (!without.Contains("blue"))
            traces.Add(new ScatterTrace([0, 1, 2, 3], [3, 2.5, 2, 1.5]) { Name = "blue", Line = new Line { Color = "rgb(0,0,255)", Width = 3 } });
        if (!without.Contains("green"))
            traces.Add(new ScatterTrace([0, 1, 2, 3], [1, 1, 2, 3]) { Name = "green", XAxis = "x2", YAxis = "y2", Line = new Line { Color = "rgb(0,160,0)", Width = 4 } });
        return new Figure(traces, new Layout
        {
            Title = new Title("Two subplots"),
            ShowLegend = false,
            Height = Height,
            Margin = Margins,
            PaperBgColor = "#ffffff",
            PlotBgColor = "#ffffff",
            XAxes = [new Axis { Domain = Domains[0], Range = [-0.2, 3.2] }, new Axis { Domain = Domains[1], Anchor = "y2", Range = [-0.2, 3.2] }],
            YAxes = [new Axis { Range = [-0.2, 3.2] }, new Axis { Anchor = "x2", Range = [-0.2, 3.2] }],
        });
    }

    [Fact]
    public async Task The_png_of_a_chart_and_a_screenshot_of_its_html_show_the_same_traces_per_subplot()
    {
        if (!Browser.Available(output))
            return;
        var figure = TwoSubplots();
        var session = await ChromiumSession.ForAsync(ChromiumLocator.Find());
        var (screenshot, domTraces) = await session.WithPageAsync(figure.ToHtml(HtmlOptions.Standalone), 640, 1, async page =>
        {
            var plot = await page.QuerySelectorAsync("div.runlens-plot");
            var shot = await plot.ScreenshotDataAsync(new ElementScreenshotOptions { Type = ScreenshotType.Png });
            var lines = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('div.runlens-plot path.js-line').length");
            return (shot, lines);
        });
        var html = Png.Decode(screenshot);
        output.WriteLine($"HTML plot: {html.Width} x {html.Height} px");
        Assert.Equal(Height, html.Height);
        var size = new ImageOptions { WidthPixels = html.Width, HeightPixels = html.Height, Dpi = 96 };

        var png = Png.Decode(figure.ToImage(ImageFormat.Png, size));
        Assert.Equal((html.Width, html.Height), (png.Width, png.Height));
        var fromHtml = Features(html);
        var fromPng = Features(png);
        foreach (var key in fromHtml.Keys)
            output.WriteLine($"{key}: html {fromHtml[key]:0.0000}, png {fromPng[key]:0.0000}");
        // Every trace shows: its colour covers a visible share of its subplot and none of the other's.
        foreach (var (name, _, _, subplot) in Traces)
        {
            Assert.True(fromHtml[(subplot, name)] > 0.005, $"{name} in the HTML");
            Assert.True(fromHtml[(1 - subplot, name)] < 0.0005, $"{name} outside its subplot in the HTML");
        }
        Assert.Empty(Disagreements(fromHtml, fromPng));

        // The comparison can fail: the PNG of the figure without its blue trace does not match the page.
        var withoutBlue = Features(Png.Decode(TwoSubplots("blue").ToImage(ImageFormat.Png, size)));
        var differences = Disagreements(fromHtml, withoutBlue);
        Assert.Contains("subplot 1, blue", differences);
        Assert.DoesNotContain(differences, d => d.StartsWith("subplot 2", StringComparison.Ordinal));

        // The SVG export and the page draw one line path per trace, in its colour.
        XNamespace ns = "http://www.w3.org/2000/svg";
        var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(figure.ToImage(ImageFormat.Svg, size)));
        var paths = svg.Descendants(ns + "path").Where(p => (string?)p.Attribute("class") == "js-line").ToList();
        Assert.Equal(Traces.Length, paths.Count);
        Assert.Equal(Traces.Length, domTraces);
        foreach (var (name, css, (r, g, b), _) in Traces)
            Assert.Single(paths, p => p.Attribute("style")!.Value.Contains($"rgb({r}, {g}, {b})", StringComparison.Ordinal));
    }

    // Per subplot: the share of pixels of each trace's colour, and of anything not white.
    private static Dictionary<(int Subplot, string Colour), double> Features(Png image)
    {
        var features = new Dictionary<(int, string), double>();
        var plotWidth = image.Width - Margins.L!.Value - Margins.R!.Value;
        var (top, bottom) = (Margins.T!.Value, image.Height - Margins.B!.Value);
        for (var subplot = 0; subplot < Domains.Length; subplot++)
        {
            var left = Margins.L.Value + (int)Math.Ceiling(Domains[subplot][0] * plotWidth);
            var right = Margins.L.Value + (int)Math.Floor(Domains[subplot][1] * plotWidth);
            foreach (var (name, _, rgb, _) in Traces)
                features[(subplot, name)] = image.Fraction(left, top, right, bottom, rgb);
            features[(subplot, "ink")] = 1 - image.Fraction(left, top, right, bottom, (255, 255, 255), 8);
        }
        return features;
    }

    // The features that differ by more than a quarter of the larger value (and a floor for anti-aliasing noise).
    private static List<string> Disagreements(Dictionary<(int Subplot, string Colour), double> a, Dictionary<(int Subplot, string Colour), double> b) =>
        a.Keys.Where(k => Math.Abs(a[k] - b[k]) > 0.25 * Math.Max(a[k], b[k]) + 0.001)
            .Select(k => $"subplot {k.Subplot + 1}, {k.Colour}").ToList();
}
