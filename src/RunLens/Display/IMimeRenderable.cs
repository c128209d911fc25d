namespace RunLens;

/// <summary>
/// A value that shows itself in a MIME type besides HTML and plain text: a chart as Plotly's JSON
/// (<c>application/vnd.plotly.v1+json</c>), a table as Markdown (<c>text/markdown</c>). Notebooks pick the richest form
/// they can render.
/// </summary>
public interface IMimeRenderable
{
    /// <summary>The value in <paramref name="mimeType"/>, or null when it has no such form. Deterministic.</summary>
    string? ToMime(string mimeType);
}
