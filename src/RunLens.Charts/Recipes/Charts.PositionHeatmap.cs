using System.Globalization;
using RunLens.Plotly;

namespace RunLens;

public static partial class Charts
{
    /// <summary>
    /// Where the agent went: the visit count of every cell over every record of the scan, on a log colour scale
    /// (the colour bar is labelled in real counts; hovering shows the exact count). Unvisited cells stay empty,
    /// cells are square and y grows downwards, as in grid games. With several maps, a dropdown switches between
    /// them, starting on the most visited.
    /// </summary>
    /// <param name="scan">A scan whose records carry positions (<c>position.x</c>, <c>position.y</c>, optionally <c>position.map</c>).</param>
    /// <param name="title">The title (default "Position visits").</param>
    /// <exception cref="ArgumentException">No record had a position.</exception>
    /// <example><code>runs["v4/20250726_130714"].Scan().PositionHeatmap()</code></example>
    public static Figure PositionHeatmap(this ScanResult scan, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return PositionHeatmap(scan.Positions, title);
    }

    /// <summary>The position heatmap of a run (scans it once; the scan is cached). See <see cref="PositionHeatmap(ScanResult, string?)"/>.</summary>
    /// <param name="run">The run.</param>
    /// <param name="title">The title (default "Positions: " and the run's name).</param>
    /// <example><code>runs["v4/20250726_130714"].PositionHeatmap()</code></example>
    public static Figure PositionHeatmap(this Run run, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        return PositionHeatmap(run.Scan(), title ?? "Positions: " + run.Name);
    }

    /// <summary>The position heatmap of visit counts you already have (one entry per distinct cell).</summary>
    /// <param name="positions">Visit counts per (map, x, y); cells appearing twice are added up.</param>
    /// <param name="title">The title (default "Position visits").</param>
    /// <exception cref="ArgumentException">There are no positions.</exception>
    /// <example><code>Charts.PositionHeatmap([new PositionCount(null, 0, 0, 12), new PositionCount(null, 1, 0, 3)])</code></example>
    public static Figure PositionHeatmap(IReadOnlyList<PositionCount> positions, string? title = null) =>
        DrawPositionHeatmap(positions, title, path: null);

    // The heatmap, with an episode's path on top when one is given: each map shows its cells and its part of the path.
    private static Figure DrawPositionHeatmap(IReadOnlyList<PositionCount> positions, string? title, EpisodePath? path)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var visited = positions.Where(p => p.Count > 0).ToList();
        if (visited.Count == 0)
            throw new ArgumentException(
                "No positions to draw: no record had a position. Positions come from position.x and position.y " +
                "(and position.map) fields; map your log's names to them with a FieldMap.", nameof(positions));
        var views = MapViews(visited, path);
        var total = visited.Sum(p => p.Count);
        var distinct = visited.Select(p => (p.Map, p.X, p.Y)).Distinct().Count();
        var zMax = Math.Max(1, Math.Log10(views.Where(v => v.Cells.Count > 0)
            .Max(v => v.Cells.GroupBy(p => (p.X, p.Y)).Max(c => c.Sum(p => p.Count)))));
        var mapVisits = views.Select(v => v.Cells.Sum(p => p.Count)).ToList();
        // With a path the map it starts on shows first (that is where a reader follows it from); else the busiest.
        var shown = path is null ? mapVisits.IndexOf(mapVisits.Max()) : views.FindIndex(v => v.Path is { } part && part[0].Step == path.Steps[0].Step);
        var perView = views.Select((v, i) => ViewTraces(v, path, zMax, views.Count == 1 || i == shown)).ToList();
        var subtitle = string.Create(CultureInfo.InvariantCulture,
            $"counts of all {total:N0} records with a position; {distinct:N0} distinct cells; log colour scale");
        var layout = new Layout
        {
            Title = new Title(title ?? "Position visits")
            {
                Subtitle = new Subtitle(path is null ? subtitle : subtitle + "<br>" + path.Describe()),
            },
            XAxes = [new Axis { Title = new Title("x"), Constrain = "domain", ShowGrid = false, ZeroLine = false }],
            YAxes = [new Axis { Title = new Title("y"), AutoRange = "reversed", ScaleAnchor = "x", ScaleRatio = 1, Constrain = "domain", ShowGrid = false, ZeroLine = false }],
            Height = 640,
            Margin = new Margin { L = 60, R = 30, T = (views.Count > 1 ? 130 : 100) + (path is null ? 0 : 18), B = path is null ? 60 : 90 },
            PaperBgColor = "#ffffff",
            PlotBgColor = "#f4f4f4",
            // The colour bar takes the right side, so the path's legend (path, start, end) goes under the plot.
            ShowLegend = path is null ? null : true,
            Legend = path is null ? null : new Legend { Orientation = "h", X = 0, Y = -0.08, XAnchor = "left", YAnchor = "top" },
            UpdateMenus = views.Count > 1 ? [MapMenu(views, perView.Select(t => t.Count).ToList(), mapVisits, shown)] : null,
        };
        return new Figure(perView.SelectMany(t => t).ToList(), layout);
    }

    private static HeatmapTrace MapTrace(string? map, List<PositionCount> cells, double zMax, bool visible)
    {
        int x0 = cells.Min(c => c.X), x1 = cells.Max(c => c.X), y0 = cells.Min(c => c.Y), y1 = cells.Max(c => c.Y);
        var counts = new double?[y1 - y0 + 1][];
        for (var r = 0; r < counts.Length; r++)
            counts[r] = new double?[x1 - x0 + 1];
        foreach (var c in cells)
            counts[c.Y - y0][c.X - x0] = (counts[c.Y - y0][c.X - x0] ?? 0) + c.Count;
        var z = counts.Select(row => (IReadOnlyList<double?>)row.Select(v => v is { } n ? Math.Log10(n) : (double?)null).ToArray()).ToList();
        var name = map is { } m ? "map " + m : "cells";
        return new HeatmapTrace(
            Enumerable.Range(x0, x1 - x0 + 1).Select(v => (double?)v).ToArray(),
            Enumerable.Range(y0, y1 - y0 + 1).Select(v => (double?)v).ToArray(),
            z)
        {
            Name = name,
            // Visible is left out for a single map (plotly's default); with a dropdown exactly one map shows.
            Visible = visible ? null : false,
            ColorScale = "Viridis",
            ZMin = 0,
            ZMax = zMax,
            CustomData = counts,
            HoverOnGaps = false,
            HoverTemplate = "x %{x}, y %{y}<br>%{customdata:,} visits<extra>" + name + "</extra>",
            ColorBar = LogColorBar(zMax),
        };
    }

    // Ticks at 1, 10, 100... labelled with the counts themselves, not their logarithms.
    private static ColorBar LogColorBar(double zMax)
    {
        var decades = Enumerable.Range(0, (int)Math.Floor(zMax) + 1).ToList();
        return new ColorBar
        {
            Title = new Title("visits"),
            TickMode = "array",
            TickVals = decades.Select(d => (double)d).ToList(),
            TickText = decades.Select(d => Math.Pow(10, d).ToString("N0", CultureInfo.InvariantCulture)).ToList(),
        };
    }

    // One button per map; it shows that map's traces (its heatmap and its part of the path) and hides the rest.
    private static UpdateMenu MapMenu(List<MapView> views, List<int> traceCounts, List<long> visits, int shown)
    {
        var owner = traceCounts.SelectMany((n, view) => Enumerable.Repeat(view, n)).ToList();
        var buttons = views.Select((view, i) => UpdateMenuButton.Update(
            MapLabel(view, visits[i]),
            new TraceUpdate { Visible = owner.Select(o => o == i).ToList() },
            new LayoutUpdate { XAutoRange = true, YAutoRange = "reversed" })).ToList();
        return new UpdateMenu(buttons) { Active = shown, X = 0, Y = 1.02, XAnchor = "left", YAnchor = "bottom", Direction = "down" };
    }

    private static string MapLabel(MapView view, long visits) =>
        string.Create(CultureInfo.InvariantCulture, $"{(view.Key is { } m ? "map " + m : "no map")} ({visits:N0} visits")
        + (view.Path is { } part ? string.Create(CultureInfo.InvariantCulture, $", {part.Count:N0} path steps)") : ")");
}
