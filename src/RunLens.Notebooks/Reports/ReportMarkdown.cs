using System.Globalization;
using System.Net;
using System.Text;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace RunLens.Notebooks;

/// <summary>A heading of the report's table of contents.</summary>
/// <param name="Level">1 for <c>#</c>, 2 for <c>##</c>, ...</param>
/// <param name="Id">The element id (deterministic: a slug of the text, made unique with a counter).</param>
/// <param name="Text">The heading's plain text.</param>
internal sealed record TocEntry(int Level, string Id, string Text);

/// <summary>
/// Markdown cells through Markdig with raw HTML disabled (a notebook's markdown cannot inject script), and headings
/// given deterministic ids collected for the table of contents.
/// </summary>
internal sealed class ReportMarkdown
{
    private static readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<TocEntry> _toc = [];

    /// <summary>The headings rendered so far, in order.</summary>
    public IReadOnlyList<TocEntry> Toc => _toc;

    public string Render(string markdown)
    {
        var document = Markdown.Parse(markdown, _pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var text = PlainText(heading);
            var id = UniqueId(Slug(text));
            heading.GetAttributes().Id = id;
            _toc.Add(new TocEntry(heading.Level, id, text));
        }
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The table of contents as nested lists (HTML-encoded text).</summary>
    public string TocHtml()
    {
        if (_toc.Count == 0)
            return "<ul></ul>";
        var html = new StringBuilder();
        var top = _toc.Min(e => e.Level);
        var depth = 0;
        foreach (var entry in _toc)
        {
            var level = entry.Level - top + 1;
            if (level > depth)
            {
                for (; depth < level; depth++)
                    html.Append("<ul>");
            }
            else
            {
                html.Append("</li>");
                for (; depth > level; depth--)
                    html.Append("</ul></li>");
            }
            html.Append("<li><a href=\"#").Append(entry.Id).Append("\">").Append(WebUtility.HtmlEncode(entry.Text)).Append("</a>");
        }
        html.Append("</li>");
        for (; depth > 1; depth--)
            html.Append("</ul></li>");
        html.Append("</ul>");
        return html.ToString();
    }

    private static string PlainText(HeadingBlock heading)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer) { EnableHtmlForInline = false, EnableHtmlEscape = false };
        renderer.WriteLeafInline(heading);
        writer.Flush();
        return writer.ToString().Trim();
    }

    private string UniqueId(string slug)
    {
        var seen = _ids.TryGetValue(slug, out var count) ? count + 1 : 1;
        _ids[slug] = seen;
        return seen == 1 ? slug : slug + "-" + seen.ToString(CultureInfo.InvariantCulture);
    }

    // "2. Reward curves (EMA 0.6)" -> "sec-2-reward-curves-ema-0-6": ASCII letters and digits, hyphen-separated.
    private static string Slug(string text)
    {
        var slug = new StringBuilder("sec");
        var pendingHyphen = true;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen)
                    slug.Append('-');
                slug.Append(char.ToLowerInvariant(c));
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }
        return slug.ToString();
    }
}
