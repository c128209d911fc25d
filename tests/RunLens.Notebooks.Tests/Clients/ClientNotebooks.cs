using System.Text.Json;
using RunLens.TestSupport;

namespace RunLens.Notebooks.Tests.Clients;

/// <summary>The notebooks in notebooks/ and what their executed copies must show in any client.</summary>
internal static class ClientNotebooks
{
    public const string PlotlyMime = "application/vnd.plotly.v1+json";

    public static string Folder => Path.Combine(TestPaths.RepoRoot, "notebooks");

    public static TheoryData<string> Names() => new(Directory.GetFiles(Folder, "*.ipynb")
        .Where(p => !p.EndsWith(".executed.ipynb", StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    /// <summary>Every display output (display_data or execute_result) of an executed notebook: its cell's index and its MIME data.</summary>
    public static List<(int Cell, JsonElement Data)> Displays(JsonDocument notebook) =>
    [
        .. notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Select((cell, i) => (Cell: i, Outputs: cell.TryGetProperty("outputs", out var o) ? o.EnumerateArray().ToList() : []))
            .SelectMany(c => c.Outputs.Where(o => o.TryGetProperty("data", out _)).Select(o => (c.Cell, o.GetProperty("data")))),
    ];

    /// <summary>The error outputs, as "cell N: name: value".</summary>
    public static List<string> Errors(JsonDocument notebook) =>
    [
        .. notebook.RootElement.GetProperty("cells").EnumerateArray()
            .SelectMany((cell, i) => (cell.TryGetProperty("outputs", out var o) ? o.EnumerateArray() : default(JsonElement.ArrayEnumerator))
                .Where(x => x.GetProperty("output_type").GetString() == "error")
                .Select(x => $"cell {i + 1}: {x.GetProperty("ename").GetString()}: {x.GetProperty("evalue").GetString()}")),
    ];

    /// <summary>A MIME value as text (Jupyter stores text as a list of lines, JSON types as objects or strings).</summary>
    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Concat(value.EnumerateArray().Select(l => l.GetString())),
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    /// <summary>The chart outputs (RunLens figures: their HTML holds a runlens-figure).</summary>
    public static int Figures(JsonDocument notebook) =>
        // A watch's live view (status line above a chart) goes out as HTML and text only, so the status line shows.
        Displays(notebook).Count(d => d.Data.TryGetProperty("text/html", out var html) && Text(html).Contains("class=\"runlens-figure\"", StringComparison.Ordinal)
            && !Text(html).Contains("class=\"runlens-live\"", StringComparison.Ordinal));

    /// <summary>A watch's live views that hold a chart (the status line above a RunLens figure): drawn in a page like a figure.</summary>
    public static int LiveCharts(JsonDocument notebook) =>
        Displays(notebook).Count(d => d.Data.TryGetProperty("text/html", out var html) && Text(html).Contains("class=\"runlens-figure\"", StringComparison.Ordinal)
            && Text(html).Contains("class=\"runlens-live\"", StringComparison.Ordinal));

    /// <summary>The replay outputs.</summary>
    public static int Replays(JsonDocument notebook) =>
        Displays(notebook).Count(d => d.Data.TryGetProperty("text/html", out var html) && Text(html).Contains("class=\"runlens-replay\"", StringComparison.Ordinal));
}
