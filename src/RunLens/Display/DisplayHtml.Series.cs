using System.Globalization;

namespace RunLens.Display;

internal static partial class DisplayHtml
{
    private const int SeriesEnds = 5;

    /// <summary>A series: its summary line, value statistics, and its first and last points.</summary>
    public static string Series(Series series)
    {
        var html = Begin("runlens-series", series.ToString());
        if (series.Count == 0)
            return End(html);
        var finite = series.Points.Where(p => double.IsFinite(p.Value)).Select(p => p.Value).ToList();
        var stats = new HtmlTable(("points", true), ("finite", true), ("min", true), ("mean", true), ("max", true), ("last", true));
        stats.Add(Cell.Of(series.Count), Cell.Of(finite.Count), finite.Count == 0 ? null : Cell.Of(finite.Min()),
            finite.Count == 0 ? null : Cell.Of(finite.Average()), finite.Count == 0 ? null : Cell.Of(finite.Max()),
            Cell.Of(series.Points[^1].Value));
        stats.WriteTo(html);
        var points = new HtmlTable(("step", true), ("value", true), ("wall time", true));
        var shown = series.Count <= 2 * SeriesEnds ? series.Points : [.. series.Points.Take(SeriesEnds), .. series.Points.TakeLast(SeriesEnds)];
        for (var i = 0; i < shown.Count; i++)
        {
            if (series.Count > 2 * SeriesEnds && i == SeriesEnds)
                points.Add("…", (series.Count - 2 * SeriesEnds).ToString("N0", CultureInfo.InvariantCulture) + " more", null);
            var point = shown[i];
            points.Add(Cell.Of(point.Step), Cell.Of(point.Value), point.WallTime is { } t ? t.ToString("R", CultureInfo.InvariantCulture) : null);
        }
        html.Element("h4", "Points");
        points.WriteTo(html);
        return End(html);
    }
}
