using System.Globalization;
using System.Text.Json;
using RunLens.Display;

namespace RunLens;

/// <summary>
/// An episode replay: a step slider with play/pause, speed, step and first/last buttons and keyboard keys (space,
/// arrows, Home/End, PageUp/PageDown for episodes), the agent's 2-D or 3-D path with its trail, orientation,
/// waypoints (reached or pending) and bounds, grid states beside it, per-step tracks under it with a cursor (click a
/// track to jump), an episode selector and, for snapshots, the timeline of training. Notebooks display it; save it
/// with <see cref="WriteHtml"/> for a page that works offline.
/// </summary>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed class ReplayWidget : IHtmlRenderable
{
    private readonly Lazy<string> _json;

    internal ReplayWidget(ReplayData data)
    {
        Data = data;
        _json = new(() => JsonSerializer.Serialize(Data, ReplayJson.Context.ReplayData));
    }

    internal ReplayData Data { get; }

    /// <summary>The widget's title.</summary>
    public string Title => Data.Title;

    /// <summary>The number of episodes in the selector.</summary>
    public int EpisodeCount => Data.Episodes.Count;

    /// <summary>The labels of the selector's episodes, in order.</summary>
    public IReadOnlyList<string> Labels => Data.Episodes.Select(e => e.Label).ToList();

    /// <summary>Notes the widget shows: episodes left out, decimated episodes, estimated waypoint times.</summary>
    public IReadOnlyList<string> Notes =>
        Data.Notes.Concat(Data.Episodes.Where(e => e.Note is not null).Select(e => e.Label + ": " + e.Note)).ToList();

    /// <summary>The episode data as the page's JSON block reads it.</summary>
    public string ToJson() => _json.Value;

    /// <summary>
    /// The widget as HTML: by default (<see cref="HtmlOptions.Notebook"/>) a notebook fragment that loads plotly.js
    /// itself and reads as text where scripts do not run; <see cref="HtmlOptions.Standalone"/> gives a whole offline page.
    /// </summary>
    public string ToHtml(HtmlOptions? options = null) => ReplayHtml.Render(this, options ?? HtmlOptions.Notebook);

    /// <summary>The notebook fragment: what a notebook shows for the widget.</summary>
    string IHtmlRenderable.ToHtml() => ToHtml(HtmlOptions.Notebook);

    /// <summary>Writes the widget as a self-contained HTML page (plotly.js inline, works offline), UTF-8 without BOM.</summary>
    /// <param name="path">The file to write; its folder is created when missing.</param>
    public void WriteHtml(string path) => FigureHtml.WriteFile(path, ToHtml(HtmlOptions.Standalone));

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Title}: {EpisodeCount} episode{(EpisodeCount == 1 ? "" : "s")}, {Data.Episodes.Sum(e => e.Steps.Count):N0} frames")
        + (Notes.Count > 0 ? " (" + string.Join(" ", Notes) + ")" : "");
}
