namespace RunLens;

internal static partial class ReplayBuilder
{
    /// <summary>The per-step track some logs keep: how many waypoints were reached by the end of each step.</summary>
    internal const string WaypointsReachedTrack = "waypoints_reached";

    /// <summary>
    /// Waypoints and when each was reached. The best evidence wins: a per-step <c>waypoints_reached</c> track; else
    /// the scene's reach radius (waypoint k is reached at the first step, not before waypoint k-1, within the radius:
    /// the rule of the snapshot logger and of the sample drone); else, when only the episode's count is known, each
    /// counted waypoint at its closest approach (said so in a note); else all stay pending, with a note.
    /// </summary>
    private static ReplayEpisodeData WithWaypoints(ReplayEpisodeData data, Episode episode, Trajectory trajectory, ReplayFrames frames)
    {
        if (trajectory.Scene is not { Waypoints.Count: > 0 } scene || data.Dim == 0)
            return data;
        var waypoints = scene.Waypoints;
        int[] steps;
        string? note = null;
        if (trajectory.Tracks.TryGetValue(WaypointsReachedTrack, out var counts))
        {
            steps = FromCounts(counts, waypoints.Count);
        }
        else if (scene.ReachRadius is { } radius && trajectory.Positions is { } positions)
        {
            steps = WithinRadius(positions, waypoints, radius);
        }
        else if (episode.WaypointsReached is { } reached && trajectory.Positions is { } path)
        {
            steps = ClosestApproach(path, waypoints, Math.Min(reached, waypoints.Count));
            note = "When each waypoint was reached is estimated (closest approach): the log gives the count reached but no reach radius or per-step count.";
        }
        else
        {
            steps = Enumerable.Repeat(-1, waypoints.Count).ToArray();
            note = "The log does not say which waypoints were reached; all are drawn as pending.";
        }
        return data with
        {
            Waypoints = waypoints.ToList(),
            ReachedAt = steps.Select(s => s < 0 ? -1 : frames.FrameOf(s)).ToArray(),
            WaypointNote = note,
        };
    }

    private static int[] FromCounts(IReadOnlyList<double> counts, int waypoints)
    {
        var steps = Enumerable.Repeat(-1, waypoints).ToArray();
        var next = 0;
        for (var s = 0; s < counts.Count && next < waypoints; s++)
        {
            while (next < waypoints && counts[s] > next)
                steps[next++] = s;
        }
        return steps;
    }

    private static int[] WithinRadius(IReadOnlyList<double[]> positions, IReadOnlyList<double[]> waypoints, double radius)
    {
        var steps = Enumerable.Repeat(-1, waypoints.Count).ToArray();
        var next = 0;
        for (var s = 0; s < positions.Count && next < waypoints.Count; s++)
        {
            while (next < waypoints.Count && positions[s] is { Length: > 0 } p && Distance(p, waypoints[next]) <= radius)
                steps[next++] = s;
        }
        return steps;
    }

    private static int[] ClosestApproach(IReadOnlyList<double[]> positions, IReadOnlyList<double[]> waypoints, int reached)
    {
        var steps = Enumerable.Repeat(-1, waypoints.Count).ToArray();
        var from = 0;
        for (var k = 0; k < reached; k++)
        {
            var best = double.PositiveInfinity;
            for (var s = from; s < positions.Count; s++)
            {
                if (positions[s] is { Length: > 0 } p && Distance(p, waypoints[k]) is var d && d < best)
                {
                    best = d;
                    steps[k] = s;
                }
            }
            if (steps[k] < 0)
                break;
            from = steps[k];
        }
        return steps;
    }

    private static double Distance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(sum);
    }
}

/// <summary>Default grid colours: ARC's ten, then category10 for larger values.</summary>
internal static class GridPalette
{
    public static IReadOnlyList<string> Default { get; } =
    [
        "#000000", "#0074d9", "#ff4136", "#2ecc40", "#ffdc00", "#aaaaaa", "#f012be", "#ff851b", "#7fdbff", "#870c25",
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ];
}
