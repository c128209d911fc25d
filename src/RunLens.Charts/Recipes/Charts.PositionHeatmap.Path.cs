using System.Globalization;
using RunLens.Plotly;

namespace RunLens;

// The position heatmap with one episode's path on top: the link between the heatmap (where the agent goes over
// training) and the replay (what one episode did there).
public static partial class Charts
{
    private const string PathColor = "#d62728";

    /// <summary>
    /// The position heatmap of a scan with one episode's path drawn on top: a line through the episode's (x, y)
    /// positions with a marker per step (hover shows the step), its start and end marked. With several maps, each
    /// map shows its cells with the part of the path on it, and the figure opens on the map where the episode starts.
    /// See <see cref="PositionHeatmap(ScanResult, string?)"/>.
    /// </summary>
    /// <param name="scan">A scan whose records carry positions.</param>
    /// <param name="episode">The episode whose path is drawn; its <see cref="Trajectory.Positions"/> must be there.</param>
    /// <param name="title">The title (default "Position visits").</param>
    /// <exception cref="ArgumentException">No record had a position, or the episode has no positions.</exception>
    /// <example><code>scan.PositionHeatmap(run.Episodes[3])</code></example>
    public static Figure PositionHeatmap(this ScanResult scan, Episode episode, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return PositionHeatmap(scan.Positions, episode, title);
    }

    /// <summary>
    /// The position heatmap of a run with one of its episodes' path drawn on top (scans the run once; the scan is
    /// cached). See <see cref="PositionHeatmap(ScanResult, Episode, string?)"/>.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="episode">The episode whose path is drawn, usually one of <c>run.Episodes</c>.</param>
    /// <param name="title">The title (default "Positions: " and the run's name).</param>
    /// <exception cref="ArgumentException">The scan found no position, or the episode has no positions.</exception>
    /// <example><code>run.PositionHeatmap(run.Episodes[3])</code></example>
    public static Figure PositionHeatmap(this Run run, Episode episode, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        return PositionHeatmap(run.Scan(), episode, title ?? "Positions: " + run.Name);
    }

    /// <summary>
    /// The position heatmap of visit counts you already have, with an episode's path on top.
    /// See <see cref="PositionHeatmap(ScanResult, Episode, string?)"/>.
    /// </summary>
    /// <param name="positions">Visit counts per (map, x, y); cells appearing twice are added up.</param>
    /// <param name="episode">The episode whose path is drawn. Its maps (<see cref="Trajectory.Maps"/>, such as
    /// <c>"40"</c>) are matched to <see cref="PositionCount.Map"/> by number.</param>
    /// <param name="title">The title (default "Position visits").</param>
    /// <exception cref="ArgumentException">There are no positions, or the episode has no positions.</exception>
    /// <example><code>Charts.PositionHeatmap(scan.Positions, episode, "Episode 3 over all visits")</code></example>
    public static Figure PositionHeatmap(IReadOnlyList<PositionCount> positions, Episode episode, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(episode);
        return DrawPositionHeatmap(positions, title, PathOf(episode));
    }

    // One map of the figure: its visited cells (maybe none: a map only the path went to) and its part of the path.
    private sealed record MapView(string? Key, List<PositionCount> Cells, List<PathStep>? Path);

    // A step of the path with a usable position; Map is the normalised map key ("40", not "040"; null for none).
    private readonly record struct PathStep(int Step, string? Map, double X, double Y);

    private sealed record EpisodePath(int Episode, int Length, int MapCount, List<PathStep> Steps)
    {
        public string Describe() =>
            string.Create(CultureInfo.InvariantCulture, $"path of episode {Episode}, {Length:N0} steps")
            + (MapCount > 0 ? string.Create(CultureInfo.InvariantCulture, $" over {MapCount} map{(MapCount == 1 ? "" : "s")}") : "")
            + (Steps.Count < Length ? string.Create(CultureInfo.InvariantCulture, $" ({Length - Steps.Count:N0} without a position)") : "");
    }

    private static EpisodePath PathOf(Episode episode)
    {
        var positions = episode.Trajectory?.Positions;
        var maps = episode.Trajectory?.Maps;
        var steps = new List<PathStep>();
        for (var i = 0; positions is not null && i < positions.Count; i++)
        {
            // A step without a finite x and y (a NaN from the logger, a short array) is a gap in the line, not a point.
            if (positions[i] is [var x, var y, ..] && double.IsFinite(x) && double.IsFinite(y))
                steps.Add(new PathStep(i, MapKey(maps is not null && i < maps.Count ? maps[i] : null), x, y));
        }
        if (steps.Count == 0)
            throw new ArgumentException(
                $"Episode {episode.Index} has no positions to draw its path: " +
                (positions is null
                    ? "its log kept no per-step positions (Trajectory.Positions is null; "
                      + (episode.Trajectory is null ? "only the summary was logged)" : "the steps have no x, y)")
                    : "none of its steps has a finite x and y)") +
                ". Pick an episode with steps and positions, such as a snapshot episode.", nameof(episode));
        var mapCount = steps.Select(s => s.Map).Where(m => m is not null).Distinct().Count();
        return new EpisodePath(episode.Index, positions!.Count, mapCount, steps);
    }

    // Trajectory maps are strings ("40"), heatmap maps numbers: a map that reads as a number is keyed by the number.
    private static string? MapKey(string? map) =>
        string.IsNullOrWhiteSpace(map) ? null
        : int.TryParse(map, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture)
        : map;

    private static List<MapView> MapViews(List<PositionCount> visited, EpisodePath? path)
    {
        var heat = visited.GroupBy(p => p.Map?.ToString(CultureInfo.InvariantCulture)).Select(g => (g.Key, Cells: g.ToList())).ToList();
        var steps = path?.Steps ?? [];
        var pathKeys = steps.Select(s => s.Map).Distinct().ToList();
        // A scan with no map and a path on one map (or the reverse) describe the same place, one log simply not
        // naming it: join them instead of showing the path alone on a map of its own.
        if (heat.Count == 1 && pathKeys.Count == 1 && (heat[0].Key is null || pathKeys[0] is null))
            steps = steps.Select(s => s with { Map = heat[0].Key }).ToList();
        var keys = heat.Select(h => h.Key).Concat(steps.Select(s => s.Map)).Distinct()
            .OrderBy(k => k is null ? 0 : int.TryParse(k, CultureInfo.InvariantCulture, out _) ? 1 : 2)
            .ThenBy(k => int.TryParse(k, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .ThenBy(k => k, StringComparer.Ordinal)
            .ToList();
        return keys.Select(k =>
        {
            var part = steps.Where(s => s.Map == k).ToList();
            return new MapView(k, heat.FirstOrDefault(h => h.Key == k).Cells ?? [], part.Count > 0 ? part : null);
        }).ToList();
    }

    // The traces of one map, in drawing order: its heatmap, then its part of the path, then the start and end marks.
    private static List<Trace> ViewTraces(MapView view, EpisodePath? path, double zMax, bool visible)
    {
        var traces = new List<Trace>();
        if (view.Cells.Count > 0)
            traces.Add(MapTrace(view.Key, view.Cells, zMax, visible));
        if (view.Path is not { } part || path is null)
            return traces;
        traces.Add(PathTrace(part, visible));
        if (part[0].Step == path.Steps[0].Step)
            traces.Add(PathEnd("start", part[0], visible, new Marker
            {
                Symbol = "circle", Size = 14, Color = "#ffffff", Line = new Line { Color = PathColor, Width = 3 },
            }));
        if (part[^1].Step == path.Steps[^1].Step)
            traces.Add(PathEnd("end", part[^1], visible, new Marker
            {
                Symbol = "square", Size = 12, Color = PathColor, Line = new Line { Color = "#ffffff", Width = 2 },
            }));
        return traces;
    }

    private static ScatterTrace PathTrace(List<PathStep> part, bool visible)
    {
        var x = new List<double?>();
        var y = new List<double?>();
        var step = new List<IReadOnlyList<double?>>();
        for (var i = 0; i < part.Count; i++)
        {
            // Where steps are missing (the agent was on another map, or had no position) the line breaks.
            if (i > 0 && part[i].Step != part[i - 1].Step + 1)
            {
                x.Add(null);
                y.Add(null);
                step.Add([null]);
            }
            x.Add(part[i].X);
            y.Add(part[i].Y);
            step.Add([part[i].Step]);
        }
        return new ScatterTrace(x, y)
        {
            Name = "path",
            Mode = "lines+markers",
            Line = new Line { Color = PathColor, Width = 2 },
            Marker = new Marker { Color = PathColor, Size = 5 },
            CustomData = step,
            HoverTemplate = "step %{customdata[0]:,}<br>x %{x:.6~g}, y %{y:.6~g}<extra>path</extra>",
            Visible = visible ? null : false,
        };
    }

    private static ScatterTrace PathEnd(string which, PathStep at, bool visible, Marker marker) =>
        new([at.X], [at.Y])
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"{which} (step {at.Step:N0})"),
            Mode = "markers",
            Marker = marker,
            HoverTemplate = string.Create(CultureInfo.InvariantCulture, $"{which}: step {at.Step:N0}<br>x %{{x:.6~g}}, y %{{y:.6~g}}<extra></extra>"),
            Visible = visible ? null : false,
        };
}
