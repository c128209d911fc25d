namespace RunLens;

/// <summary>How rendered HTML gets plotly.js. There is no CDN option: pages must work offline.</summary>
public enum PlotlyJsMode
{
    /// <summary>
    /// The first rendering in an <see cref="HtmlSession"/> inlines plotly.js; later ones wait for <c>window.Plotly</c>
    /// (up to 10 s) and show a readable message if it never comes. For notebook outputs.
    /// </summary>
    EmbedOnce,

    /// <summary>Every rendering inlines plotly.js (about 4.8 MB). For standalone pages.</summary>
    Embed,

    /// <summary>No plotly.js: the page that hosts the fragment provides it (a report that includes it once in <c>&lt;head&gt;</c>).</summary>
    None,
}
