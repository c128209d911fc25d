using System.Globalization;
using System.Net;
using System.Text;

namespace RunLens.Notebooks;

/// <summary>
/// A notebook run as one self-contained HTML page: plotly.js once in <c>&lt;head&gt;</c>, markdown through Markdig
/// (raw HTML disabled), code in collapsible blocks, outputs inline, a table of contents and a provenance block.
/// The page makes no network requests; apart from times it is the same on every machine.
/// </summary>
/// <example>
/// <code>
/// var run = NotebookRunner.Run(NotebookReader.Read("notebooks/01-quickstart.ipynb"));
/// NotebookReport.WriteHtml(run, "artifacts/01-quickstart.html");
/// </code>
/// </example>
public static class NotebookReport
{
    /// <summary>Writes <see cref="ToHtml"/> to <paramref name="path"/> (UTF-8, creating its folder).</summary>
    /// <param name="run">The executed notebook.</param>
    /// <param name="path">The HTML file to write.</param>
    public static void WriteHtml(NotebookRun run, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var html = ToHtml(run);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        File.WriteAllText(path, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The report page for <paramref name="run"/>.</summary>
    /// <param name="run">The executed notebook.</param>
    /// <returns>A whole HTML document.</returns>
    public static string ToHtml(NotebookRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var markdown = new ReportMarkdown();
        var cells = new StringBuilder();
        foreach (var cell in run.Cells)
            AppendCell(cells, cell, markdown);
        var title = markdown.Toc.FirstOrDefault(e => e.Level == 1)?.Text ?? Path.GetFileNameWithoutExtension(run.Document.Path);
        return ReportAssets.Fill(ReportAssets.PageHtml, new Dictionary<string, string>
        {
            ["__RUNLENS_VERSION__"] = WebUtility.HtmlEncode(ReportProvenance.RunLensVersion),
            ["__RUNLENS_TITLE__"] = WebUtility.HtmlEncode(title),
            ["__RUNLENS_CSS__"] = ReportAssets.Css,
            ["__RUNLENS_PLOTLY__"] = PlotlyJs.Script,
            ["__RUNLENS_TOC__"] = markdown.TocHtml(),
            ["__RUNLENS_CELLS__"] = cells.ToString(),
            ["__RUNLENS_PROVENANCE__"] = ReportProvenance.Html(run),
            ["__RUNLENS_SCRIPT__"] = ReportAssets.Script,
        });
    }

    private static void AppendCell(StringBuilder html, CellResult result, ReportMarkdown markdown)
    {
        var number = result.Number.ToString(CultureInfo.InvariantCulture);
        switch (result.Cell.Kind)
        {
            case CellKind.Markdown:
                html.Append("<section class=\"cell markdown\" id=\"cell-").Append(number).Append("\">\n")
                    .Append(markdown.Render(result.Cell.Source)).Append("</section>\n");
                return;
            case CellKind.Raw:
                html.Append("<section class=\"cell raw\" id=\"cell-").Append(number).Append("\"><pre>")
                    .Append(WebUtility.HtmlEncode(result.Cell.Source)).Append("</pre></section>\n");
                return;
            default:
                AppendCode(html, result, number);
                return;
        }
    }

    private static void AppendCode(StringBuilder html, CellResult result, string number)
    {
        var status = result.Status.ToString().ToLowerInvariant();
        var label = result.ExecutionCount is { } count
            ? $"In [{count.ToString(CultureInfo.InvariantCulture)}]"
            : result.Status == CellStatus.NotRun ? "Not run" : "In [ ]";
        html.Append("<section class=\"cell code ").Append(status).Append("\" id=\"cell-").Append(number).Append("\">\n")
            .Append("<details class=\"source\"><summary>").Append(WebUtility.HtmlEncode(label)).Append(" · cell ").Append(number)
            .Append(" · ").Append(WebUtility.HtmlEncode(result.Cell.Kernel)).Append(" · ")
            .Append(ReportProvenance.Seconds(result.Elapsed)).Append(" s</summary>\n<pre><code>")
            .Append(WebUtility.HtmlEncode(result.Cell.Source)).Append("</code></pre></details>\n");
        foreach (var output in result.Outputs)
            AppendOutput(html, output);
        html.Append("</section>\n");
    }

    private static void AppendOutput(StringBuilder html, CellOutput output)
    {
        switch (output)
        {
            case DisplayOutput display:
                html.Append("<div class=\"output display\">").Append(DisplayHtml(display)).Append("</div>\n");
                break;
            case StreamOutput stream:
                html.Append("<pre class=\"output stream ").Append(WebUtility.HtmlEncode(stream.Name)).Append("\">")
                    .Append(WebUtility.HtmlEncode(stream.Text)).Append("</pre>\n");
                break;
            case ErrorOutput error:
                html.Append("<pre class=\"output error\">").Append(WebUtility.HtmlEncode($"{error.Name}: {error.Message}"));
                foreach (var line in error.Traceback)
                    html.Append('\n').Append(WebUtility.HtmlEncode(line));
                html.Append("</pre>\n");
                break;
            default:
                throw new ArgumentException($"Unknown output kind {output.GetType().Name}.", nameof(output));
        }
    }

    /// <summary>
    /// text/html is ours (our formatters encode what they render) and goes in as is, minus any copy of plotly.js
    /// (the page has it once in head; notebook-mode figures wait for window.Plotly); anything else is encoded.
    /// </summary>
    internal static string DisplayHtml(DisplayOutput display)
    {
        if (display.Data.TryGetValue("text/html", out var html))
            return html.Contains(PlotlyJs.Script, StringComparison.Ordinal) ? html.Replace(PlotlyJs.Script, "", StringComparison.Ordinal) : html;
        if (display.Data.TryGetValue("text/plain", out var text))
            return "<pre>" + WebUtility.HtmlEncode(text) + "</pre>";
        var first = display.Data.OrderBy(kv => kv.Key, StringComparer.Ordinal).FirstOrDefault();
        return first.Key is null ? "" : "<pre>" + WebUtility.HtmlEncode($"[{first.Key}] {first.Value}") + "</pre>";
    }
}
