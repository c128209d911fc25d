using RunLens.Display;
using RunLens.Plotly;

namespace RunLens;

/// <summary>
/// A plotly figure: traces plus layout, as immutable values. Refine it with <c>With…</c> methods or <c>with</c>
/// expressions; render it with <see cref="ToHtml"/> or save it with <see cref="WriteHtml"/>. Notebooks display it as
/// Plotly's own MIME type (<c>application/vnd.plotly.v1+json</c>, drawn natively by VS Code and JupyterLab), as HTML
/// that loads plotly.js offline by itself, and as a line of text.
/// </summary>
/// <param name="Data">The traces, drawn in order (later ones on top).</param>
/// <param name="Layout">Title, axes, legend, size.</param>
[TypeFormatterSource(typeof(MimeFormatterSource),
    PreferredMimeTypes = [MimeFormatterSource.PlotlyJson, MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed record Figure(IReadOnlyList<Trace> Data, Layout Layout) : IHtmlRenderable, IMimeRenderable
{
    /// <summary>plotly.js options that are not part of the look (mode bar, scroll zoom).</summary>
    public Config? Config { get; init; }

    /// <summary>This figure with another title; the subtitle is kept.</summary>
    public Figure WithTitle(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var current = Layout.Title;
        return this with { Layout = Layout with { Title = current is null ? new Title(title) : current with { Text = title } } };
    }

    /// <summary>This figure with another height in pixels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The height is not positive.</exception>
    public Figure WithHeight(int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        return this with { Layout = Layout with { Height = height } };
    }

    /// <summary>This figure in another look (see <see cref="Theme"/>): <c>figure.WithTheme(Theme.Publication)</c>.</summary>
    public Figure WithTheme(Theme theme)
    {
        ArgumentNullException.ThrowIfNull(theme);
        return theme.Apply(this);
    }

    /// <summary>The figure as plotly.js JSON (see <see cref="PlotlyJson.Serialize"/>).</summary>
    public string ToJson() => PlotlyJson.Serialize(this);

    /// <summary>
    /// The figure as HTML. By default (<see cref="HtmlOptions.Notebook"/>) a fragment for a notebook output that loads
    /// plotly.js itself (<see cref="PlotlyJsMode.Load"/>) and reads as text where scripts do not run;
    /// <see cref="HtmlOptions.Standalone"/> gives a whole page.
    /// </summary>
    public string ToHtml(HtmlOptions? options = null) => FigureHtml.Render(this, options ?? HtmlOptions.Notebook);

    /// <summary>The notebook fragment, <c>ToHtml(HtmlOptions.Notebook)</c>: what a notebook shows for the figure.</summary>
    string IHtmlRenderable.ToHtml() => ToHtml(HtmlOptions.Notebook);

    /// <summary>The figure as Plotly's notebook MIME type (<c>application/vnd.plotly.v1+json</c>: its JSON); null for other types.</summary>
    public string? ToMime(string mimeType) => mimeType == MimeFormatterSource.PlotlyJson ? ToJson() : null;

    /// <summary>Writes the figure as a self-contained HTML page (plotly.js inline, works offline), UTF-8 without BOM.</summary>
    /// <param name="path">The file to write; its folder is created when missing.</param>
    public void WriteHtml(string path) => FigureHtml.WriteFile(path, ToHtml(HtmlOptions.Standalone));

    /// <inheritdoc />
    public override string ToString() => FigureText.Title(this) + " (chart, " + FigureText.Summary(this) + ")";
}
