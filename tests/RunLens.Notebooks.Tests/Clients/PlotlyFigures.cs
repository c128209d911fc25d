using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Notebooks.Tests.Clients;

/// <summary>Checks figure JSON with plotly.js's own validator (Plotly.validate) in chromium.</summary>
internal static class PlotlyFigures
{
    public static async Task AssertValidAsync(IReadOnlyList<string> figures, ITestOutputHelper output)
    {
        if (figures.Count == 0)
            return;
        await using var browser = await ChromiumPage.OpenAsync(output);
        if (browser is null)
            return;
        await browser.Page.SetContentAsync("<!DOCTYPE html><html><head></head><body></body></html>");
        await browser.Page.AddScriptTagAsync(new() { Content = PlotlyJs.Script });
        foreach (var figure in figures)
        {
            // Plotly.validate returns undefined for a valid figure, else a list of problems (attribute, path, message).
            var problems = await browser.Page.EvaluateAsync<string?>(
                "json => { const f = JSON.parse(json); const r = Plotly.validate(f.data, f.layout); return r ? JSON.stringify(r.map(p => p.msg)) : null; }", figure);
            Assert.True(problems is null, $"plotly.js finds this figure invalid: {problems}\n{figure[..Math.Min(300, figure.Length)]}");
        }
    }
}
