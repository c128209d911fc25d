using System.Globalization;
using System.Net;
using System.Text;
using RunLens.Display;

namespace RunLens;

/// <summary>
/// What a watch shows of runs being written: the one-line <see cref="LiveStatus"/> above a chart of the scan so far.
/// A notebook shows it as HTML (and text) and a watch replaces it in place at every update; <see cref="WriteHtml"/>
/// writes it as a standalone page that reloads itself while the run is written.
/// </summary>
/// <param name="Status">The status line of the update.</param>
/// <param name="Figure">The chart, or null before the metric has any record.</param>
/// <param name="Note">What the view is waiting for or could not draw, else null.</param>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed record LiveView(LiveStatus Status, Figure? Figure, string? Note = null) : IHtmlRenderable
{
    /// <summary>How often a page written by <see cref="WriteHtml"/> reloads while the run is written, by default.</summary>
    public static TimeSpan DefaultRefresh { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The view of a scan: the curves of <paramref name="metric"/> when given, else the reward curves, else the
    /// first four numeric fields. Before the metric has a record, no chart and a note that says what it waits for.
    /// </summary>
    /// <param name="scan">The live scan's result (<see cref="LiveScan.Result"/>).</param>
    /// <param name="status">The live scan's status (<see cref="LiveScan.Status"/>).</param>
    /// <param name="metric">A field name as logged or a role name (<c>rewards.total</c>); null to pick as above.</param>
    /// <param name="title">The chart's title (default the metric, or "Reward curves").</param>
    /// <example><code>LiveView.Of(live.Result, live.Status, "reward")</code></example>
    public static LiveView Of(ScanResult scan, LiveStatus status, string? metric = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(status);
        if (scan.Fields.Count == 0)
            return new LiveView(status, null, "No record yet: the chart appears with the first one.");
        if (metric is not null)
        {
            return scan.Field(metric) is null
                ? new LiveView(status, null, $"No field '{metric}' yet. Numeric fields so far: {Charts.FieldNames(scan.Fields)}.")
                : new LiveView(status, scan.MetricCurves(metric, title: title));
        }
        try
        {
            return new LiveView(status, scan.RewardCurves(title: title));
        }
        catch (ArgumentException)
        {
            // No reward field: the first fields say the run is alive, and the note says how to pick another.
            // The step drawn against itself says nothing.
            var first = scan.Fields.Where(f => f.Name != "step" && f.Alias != "step").Take(4).Select(f => f.Name).DefaultIfEmpty(scan.Fields[0].Name).ToList();
            return new LiveView(status, scan.MetricCurves(first, title: title), "No reward field: showing the first fields; name a metric to watch another.");
        }
    }

    /// <summary>The view as a notebook output fragment (plotly.js loaded by the output itself).</summary>
    public string ToHtml() => ToHtml(HtmlOptions.Notebook);

    /// <summary>The view as HTML: a fragment, or a whole page (<see cref="HtmlOptions.Standalone"/>) with plotly.js inline.</summary>
    /// <param name="options">How plotly.js is included and whether to write a whole document.</param>
    public string ToHtml(HtmlOptions options) => Render(options, refresh: null);

    /// <summary>
    /// Writes the view as a standalone page (plotly.js inline, works offline) through a temporary file moved over
    /// <paramref name="path"/>, so a browser reloading it never reads half a page. While the run is written the page
    /// reloads itself every <paramref name="refresh"/>; once it ended, it stays.
    /// </summary>
    /// <param name="path">The page to write; its folder is created when missing.</param>
    /// <param name="refresh">How often the page reloads while the run is written (default <see cref="DefaultRefresh"/>;
    /// <see cref="Timeout.InfiniteTimeSpan"/> never, for a watch that stopped).</param>
    public void WriteHtml(string path, TimeSpan? refresh = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var every = refresh ?? DefaultRefresh;
        if (every <= TimeSpan.Zero && every != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(refresh), refresh, "The refresh interval must be positive, or Timeout.InfiniteTimeSpan for a page that never reloads.");
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = string.Create(CultureInfo.InvariantCulture, $"{full}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temporary, Render(HtmlOptions.Standalone, Status.Finished || every == Timeout.InfiniteTimeSpan ? null : every), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>The status line, then the note or the chart's title.</summary>
    public override string ToString() =>
        Status + Environment.NewLine + (Note ?? (Figure is null ? "" : Figure.ToString()));

    private string Render(HtmlOptions options, TimeSpan? refresh)
    {
        ArgumentNullException.ThrowIfNull(options);
        var session = options.Session ?? (options.FullDocument ? new HtmlSession() : HtmlSession.Default);
        // Inside the view the figure is a fragment; a page's plotly.js goes once into its head.
        var inner = options with
        {
            Session = session, FullDocument = false, PlotlyJs = options.PlotlyJs == PlotlyJsMode.Embed ? PlotlyJsMode.None : options.PlotlyJs,
        };
        var figure = Figure?.ToHtml(inner) ?? "";
        var head = refresh is { } every
            ? Template.Fill(Assets.LiveRefreshHtml, new Dictionary<string, string> { ["__RUNLENS_SECONDS__"] = Math.Max(1, Math.Round(every.TotalSeconds)).ToString(CultureInfo.InvariantCulture) })
            : "";
        return FigureHtml.Page(options with { Session = session }, FigureHtml.Hash(Status + "\n" + Note + "\n" + figure), (id, _) => Template.Fill(Assets.LiveHtml, new Dictionary<string, string>
        {
            ["__RUNLENS_ID__"] = id,
            ["__RUNLENS_STATE__"] = Status.Finished ? "ended" : "running",
            ["__RUNLENS_STATUS__"] = WebUtility.HtmlEncode(Status.ToString()),
            ["__RUNLENS_NOTE__"] = WebUtility.HtmlEncode(Note ?? ""),
            ["__RUNLENS_BODY__"] = figure,
        }), head);
    }
}
