namespace RunLens;

/// <summary>How rendered HTML gets plotly.js. There is no CDN option: pages must work offline.</summary>
public enum PlotlyJsMode
{
    /// <summary>
    /// The output carries no library: it uses <c>window.Plotly</c> when the page has it, otherwise loads plotly.js
    /// from the loopback address of a running RunLens process (<see cref="PlotlyJsServer"/>). Every output does this
    /// on its own, so reloads, cleared outputs and second views still draw, and a saved notebook stays small. When no
    /// library can be had the output keeps a readable message. For notebook outputs.
    /// </summary>
    Load,

    /// <summary>Every rendering inlines plotly.js (about 4.8 MB). For standalone pages.</summary>
    Embed,

    /// <summary>No plotly.js: the page that hosts the fragment provides it (a report that includes it once in <c>&lt;head&gt;</c>).</summary>
    None,
}
