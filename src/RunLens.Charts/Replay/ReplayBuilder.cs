using System.Globalization;

namespace RunLens;

/// <summary>Turns episodes into the widget's data: frames, path, orientation, waypoints, tracks, grids, summary.</summary>
internal static partial class ReplayBuilder
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>An episode and the label its selector entry shows.</summary>
    public readonly record struct Entry(Episode Episode, string Label);

    public static ReplayData Build(IReadOnlyList<Entry> entries, ReplayOptions options, string? defaultTitle)
    {
        options.Validate();
        var notes = new List<string>();
        var playable = entries.Where(e => e.Episode.Trajectory is { Length: > 0 }).ToList();
        if (playable.Count == 0)
            throw new ArgumentException(entries.Count == 0
                ? "There are no episodes to replay."
                : $"None of the {entries.Count} episodes has steps to replay: only their summaries were logged. Replays need " +
                  "a per-step log (snapshot files, trajectory .npz files, or a run's step records through run.StepEpisodes()).",
                nameof(entries));
        if (playable.Count < entries.Count)
            notes.Add(string.Create(Invariant, $"{entries.Count - playable.Count:N0} of {entries.Count:N0} episodes have only a summary (no steps) and are not in the selector."));
        if (playable.Count > options.MaxEpisodes)
        {
            var kept = Spread(playable.Count, options.MaxEpisodes).Select(i => playable[i]).ToList();
            notes.Add(string.Create(Invariant, $"{playable.Count:N0} episodes have steps; {kept.Count} evenly spaced ones (with the first and last) are shown. Raise ReplayOptions.MaxEpisodes to see more."));
            playable = kept;
        }
        var episodes = playable.Select(e => Episode(e, options)).ToList();
        var timeline = episodes.Count > 1 && playable.All(e => e.Episode.Update is not null || e.Episode.TrainingStep is not null);
        return new ReplayData(options.Title ?? defaultTitle ?? DefaultTitle(playable, timeline), episodes)
        {
            Notes = notes,
            StepsPerSecond = options.StepsPerSecond,
            Palette = options.GridPalette ?? GridPalette.Default,
            Heatmaps = options.Heatmap is { Count: > 0 } cells ? Heatmaps(cells) : null,
            Timeline = timeline,
            TimelineTitle = !timeline ? null
                : playable.All(e => e.Episode.Kind == EpisodeKinds.Snapshot) ? "snapshots over training (click one to replay it)"
                : "episodes over training (click one to replay it)",
            Start = timeline ? episodes.Count - 1 : 0,
        };
    }

    /// <summary>The label of an episode in a selector: its update and step for snapshots, else its number and kind.</summary>
    public static string Label(Episode episode)
    {
        if (episode.Update is { } update)
            return string.Create(Invariant, $"update {update:N0}") + (episode.TrainingStep is { } s ? string.Create(Invariant, $" (step {s:N0})") : "");
        var label = string.Create(Invariant, $"episode {episode.Index}");
        if (episode.Kind != EpisodeKinds.Training)
            label += " (" + episode.Kind + ")";
        return label;
    }

    private static string DefaultTitle(List<Entry> entries, bool timeline) =>
        entries.Count == 1 ? "Replay: " + entries[0].Label
        : timeline ? string.Create(Invariant, $"Replay: {entries.Count} snapshots over training")
        : string.Create(Invariant, $"Replay: {entries.Count} episodes");

    private static ReplayEpisodeData Episode(Entry entry, ReplayOptions options)
    {
        var episode = entry.Episode;
        var trajectory = episode.Trajectory!;
        var frames = ReplayFrames.Of(trajectory.Length, options.MaxSteps);
        var notes = new List<string>();
        if (frames.Decimated)
            notes.Add(string.Create(Invariant,
                $"Long episode: showing {frames.Count:N0} of {frames.Length:N0} steps (every {frames.Stride}th and the last). Track bands show each stretch's min and max; the summary counts every step."));
        if (trajectory.Observations is { Count: > 0 } observations && observations.Max(o => o?.Length ?? 0) is var width && width > MaxObservationTracks)
            notes.Add(string.Create(Invariant, $"Observations have {width:N0} numbers per step, too many for tracks; they are not shown."));
        if (trajectory.Length < episode.Length)
            notes.Add(string.Create(Invariant, $"The log kept the first {trajectory.Length:N0} of the episode's {episode.Length:N0} steps."));

        var data = new ReplayEpisodeData(entry.Label, Summary(episode, trajectory))
        {
            Return = episode.Return,
            Length = episode.Length,
            Update = episode.Update,
            TrainingStep = episode.TrainingStep,
            Steps = frames.Steps,
            Tracks = Tracks(trajectory, frames),
        };
        data = WithPath(data, trajectory, frames);
        data = WithWaypoints(data, episode, trajectory, frames);
        data = WithGrids(data, trajectory, frames);
        if (data.WaypointNote is { } waypointNote)
            notes.Add(waypointNote);
        return data with { Note = notes.Count == 0 ? null : string.Join(" ", notes) };
    }

    private static string Summary(Episode episode, Trajectory trajectory)
    {
        var parts = new List<string>
        {
            string.Create(Invariant, $"return {episode.Return:G6}"),
            string.Create(Invariant, $"{episode.Length:N0} steps"),
        };
        if (episode.Success is { } success)
            parts.Add(success ? "success" : "no success");
        var waypoints = trajectory.Scene?.Waypoints.Count ?? 0;
        if (episode.WaypointsReached is { } reached)
            parts.Add(waypoints > 0 ? string.Create(Invariant, $"waypoints {reached}/{waypoints}") : string.Create(Invariant, $"waypoints {reached}"));
        if (episode.Update is { } update)
            parts.Add(string.Create(Invariant, $"update {update:N0}"));
        if (episode.TrainingStep is { } step)
            parts.Add(string.Create(Invariant, $"training step {step:N0}"));
        if (episode.RewardComponents.Count > 0)
            parts.Add(string.Join(", ", episode.RewardComponents.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => string.Create(Invariant, $"{c.Key} {c.Value:G4}"))));
        if (episode.Kind != EpisodeKinds.Training)
            parts.Add(episode.Kind);
        return string.Join(" · ", parts);
    }

    private static ReplayEpisodeData WithPath(ReplayEpisodeData data, Trajectory trajectory, ReplayFrames frames)
    {
        var positions = trajectory.Positions;
        var dim = positions?.Select(p => p?.Length ?? 0).FirstOrDefault(n => n > 0) ?? 0;
        if (positions is null || dim < 2)
            return data;
        dim = Math.Min(dim, 3);
        double Coordinate(int step, int axis) =>
            step < positions.Count && positions[step] is { } p && p.Length > axis ? p[axis] : double.NaN;
        double[] Axis(int axis) => frames.Steps.Select(s => Coordinate(s, axis)).ToArray();
        data = data with
        {
            Dim = dim,
            X = Axis(0),
            Y = Axis(1),
            Z = dim == 3 ? Axis(2) : null,
            BoundsMin = trajectory.Scene?.BoundsMin,
            BoundsMax = trajectory.Scene?.BoundsMax,
        };
        if (trajectory.Orientations is { } orientations && orientations.Any(o => o is { Length: > 0 }))
        {
            double Angle(int step, int index) =>
                step < orientations.Count && orientations[step] is { } o && o.Length > index ? o[index] : double.NaN;
            var full = orientations.Any(o => o is { Length: >= 3 });
            data = full
                ? data with
                {
                    Roll = frames.Steps.Select(s => Angle(s, 0)).ToArray(),
                    Pitch = frames.Steps.Select(s => Angle(s, 1)).ToArray(),
                    Yaw = frames.Steps.Select(s => Angle(s, 2)).ToArray(),
                }
                // A single angle is a heading (yaw) in the plane.
                : data with { Yaw = frames.Steps.Select(s => Angle(s, 0)).ToArray() };
        }
        if (trajectory.Maps is { } maps)
        {
            var picked = frames.Pick(maps, "");
            var switches = Enumerable.Range(1, Math.Max(0, picked.Length - 1)).Where(f => picked[f] != picked[f - 1]).ToList();
            data = data with { Maps = picked, MapSwitches = switches, YDown = true };
        }
        return data;
    }

    private static ReplayEpisodeData WithGrids(ReplayEpisodeData data, Trajectory trajectory, ReplayFrames frames)
    {
        if (trajectory.Grids is not { Count: > 0 } grids)
            return data;
        return data with
        {
            Grids = frames.Pick(grids, []),
            GridInitial = grids[0],
            GridFinal = grids[^1],
        };
    }

    private static List<ReplayHeatmap> Heatmaps(IReadOnlyList<PositionCount> cells) =>
        cells.Where(c => c.Count > 0).GroupBy(c => c.Map).OrderBy(g => g.Key ?? int.MinValue)
            .Select(g =>
            {
                var merged = g.GroupBy(c => (c.X, c.Y)).Select(c => (c.Key.X, c.Key.Y, Count: c.Sum(p => p.Count)))
                    .OrderBy(c => c.Y).ThenBy(c => c.X).ToList();
                return new ReplayHeatmap(g.Key?.ToString(Invariant), merged.Select(c => c.X).ToArray(),
                    merged.Select(c => c.Y).ToArray(), merged.Select(c => c.Count).ToArray());
            }).ToList();

    /// <summary><paramref name="take"/> indices spread evenly over 0..count-1, with the first and the last.</summary>
    internal static IEnumerable<int> Spread(int count, int take) =>
        take == 1 ? [count - 1] : Enumerable.Range(0, take).Select(i => (int)Math.Round(i * (count - 1) / (double)(take - 1))).Distinct();
}
