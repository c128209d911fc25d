using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;

namespace RunLens.Notebooks;

/// <summary>The report's provenance block: which notebook (SHA-256), which data, which RunLens, when, and how long each cell took.</summary>
internal static class ReportProvenance
{
    /// <summary>RunLens's assembly informational version (the package version, with the commit when built from git).</summary>
    public static string RunLensVersion { get; } =
        typeof(RunSet).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(RunSet).Assembly.GetName().Version?.ToString() ?? "unknown";

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Html(NotebookRun run)
    {
        var html = new StringBuilder();
        html.Append("<section class=\"provenance\" id=\"provenance\">\n<h2>Provenance</h2>\n<dl>\n");
        Item(html, "Notebook", Path.GetFileName(run.Document.Path));
        Item(html, "Notebook SHA-256", run.Document.Sha256);
        Item(html, "RunLens", RunLensVersion);
        Item(html, "Started", run.Started.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        Item(html, "Total seconds", Seconds(run.Elapsed));
        Item(html, "Result", run.FirstFailure is { } failed
            ? $"cell {failed.Number.ToString(CultureInfo.InvariantCulture)} failed"
            : "every cell ran");
        html.Append("</dl>\n<h3>Files read</h3>\n");
        if (run.FilesRead.Count == 0)
        {
            html.Append("<p>none</p>\n");
        }
        else
        {
            // A notebook that loads a folder of runs lists every file of every run: keep the page short.
            html.Append("<details class=\"files-read\"><summary>")
                .Append(run.FilesRead.Count.ToString(CultureInfo.InvariantCulture)).Append(run.FilesRead.Count == 1 ? " file" : " files")
                .Append("</summary>\n<ul>\n");
            foreach (var file in run.FilesRead)
                html.Append("<li><code>").Append(WebUtility.HtmlEncode(file)).Append("</code></li>\n");
            html.Append("</ul>\n</details>\n");
        }
        html.Append("<h3>Seconds per cell</h3>\n<table class=\"cell-times\"><thead><tr><th>cell</th><th>kind</th><th>status</th><th>seconds</th></tr></thead><tbody>\n");
        foreach (var cell in run.Cells.Where(c => c.Cell.Kind == CellKind.Code))
        {
            var number = cell.Number.ToString(CultureInfo.InvariantCulture);
            html.Append("<tr><td><a href=\"#cell-").Append(number).Append("\">").Append(number).Append("</a></td><td>")
                .Append(WebUtility.HtmlEncode(cell.Cell.Kernel)).Append("</td><td>").Append(cell.Status.ToString().ToLowerInvariant())
                .Append("</td><td class=\"num\">").Append(Seconds(cell.Elapsed)).Append("</td></tr>\n");
        }
        html.Append("</tbody></table>\n</section>");
        return html.ToString();
    }

    private static void Item(StringBuilder html, string name, string value) =>
        html.Append("<dt>").Append(WebUtility.HtmlEncode(name)).Append("</dt><dd>").Append(WebUtility.HtmlEncode(value)).Append("</dd>\n");
}
