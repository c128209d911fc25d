using System.Globalization;

namespace RunLens;

/// <summary>
/// Episode replays: <c>episode.Replay()</c>, <c>run.Snapshots.Replay()</c>, <c>run.Replay()</c> and
/// <c>runs.Replay()</c> return a <see cref="ReplayWidget"/> that a notebook displays.
/// </summary>
public static class Replays
{
    /// <summary>A replay of one episode (it needs a <see cref="Episode.Trajectory"/>).</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="options">Limits, title, speed, heatmap and palette; null for <see cref="ReplayOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The episode has no steps (only its summary was logged).</exception>
    /// <example><code>run.Episodes[3].Replay()</code></example>
    public static ReplayWidget Replay(this Episode episode, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return Build([new(episode, ReplayBuilder.Label(episode))], options, null);
    }

    /// <summary>
    /// A replay of several episodes with a selector: a run's <see cref="Run.Snapshots"/> (with the timeline of
    /// training), its <see cref="Run.Episodes"/>, or any list. Episodes without steps are left out with a note.
    /// </summary>
    /// <param name="episodes">The episodes, in the selector's order.</param>
    /// <param name="options">Limits, title, speed, heatmap and palette; null for <see cref="ReplayOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">No episode has steps.</exception>
    /// <example><code>run.Snapshots.Replay()</code></example>
    public static ReplayWidget Replay(this IEnumerable<Episode> episodes, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        return Build(episodes.Select(e => new ReplayBuilder.Entry(e, ReplayBuilder.Label(e))).ToList(), options, null);
    }

    /// <summary>
    /// A replay of a run: episode <paramref name="episode"/> of <see cref="Run.Episodes"/> when given; else its
    /// snapshots over training when it has any with steps; else every episode with steps; else, for a per-step log
    /// with positions, the episodes <see cref="Run.StepEpisodes"/> cuts from it (the latest 100 of the first environment) over the run's
    /// position heatmap.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="episode">An index into <see cref="Run.Episodes"/>, or null.</param>
    /// <param name="options">Limits, title, speed, heatmap and palette; null for <see cref="ReplayOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The run has no episode with steps, or the index is out of range.</exception>
    /// <example><code>runs["drone-cem/20250812_163000"].Replay()</code></example>
    public static ReplayWidget Replay(this Run run, int? episode = null, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (episodes, heatmap) = ReplayableEpisodes(run, episode);
        if (heatmap is not null && options?.Heatmap is null)
            options = (options ?? ReplayOptions.Default) with { Heatmap = heatmap };
        var title = options?.Title ?? (episodes.Count == 1 ? "Replay: " + run.Name + ", " + ReplayBuilder.Label(episodes[0]) : "Replay: " + run.Name);
        return Build(episodes.Select(e => new ReplayBuilder.Entry(e, ReplayBuilder.Label(e))).ToList(), options, title);
    }

    /// <summary>
    /// A replay across runs, one selector for all: the last <paramref name="perRun"/> episodes with steps of each run
    /// (of <paramref name="kind"/> when given, see <see cref="EpisodeKinds"/>), labelled with the run's name. Runs
    /// without such episodes are named in a note.
    /// </summary>
    /// <param name="runs">The runs.</param>
    /// <param name="kind">Only episodes of this kind (<c>snapshot</c>, <c>evaluation</c>, ...), or null for any.</param>
    /// <param name="perRun">How many episodes per run (the latest). Default 1.</param>
    /// <param name="options">Limits, title, speed, heatmap and palette; null for <see cref="ReplayOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">No run has an episode with steps.</exception>
    /// <example><code>runs.Where(r => r.Variant == "drone-cem").Replay(EpisodeKinds.Snapshot)</code></example>
    public static ReplayWidget Replay(this RunSet runs, string? kind = null, int perRun = 1, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(perRun, 1);
        var entries = new List<ReplayBuilder.Entry>();
        var without = new List<string>();
        foreach (var run in runs)
        {
            var playable = run.Episodes.Where(e => e.Trajectory is { Length: > 0 } && (kind is null || e.Kind == kind)).ToList();
            if (playable.Count == 0)
                without.Add(run.Name);
            foreach (var e in playable.Skip(Math.Max(0, playable.Count - perRun)))
                entries.Add(new(e, run.Name + " · " + ReplayBuilder.Label(e)));
        }
        if (entries.Count == 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"None of the {runs.Count} runs has an episode with steps{(kind is null ? "" : " of kind '" + kind + "'")}. Replays need a per-step log (snapshot files, trajectory .npz files)."), nameof(runs));
        var widget = Build(entries, options, options?.Title ?? string.Create(CultureInfo.InvariantCulture, $"Replay: {entries.Count} episodes from {runs.Count - without.Count} runs"));
        if (without.Count == 0)
            return widget;
        var note = string.Create(CultureInfo.InvariantCulture, $"{without.Count} runs have no episode with steps{(kind is null ? "" : " of kind '" + kind + "'")}: ")
            + string.Join(", ", without.Take(5)) + (without.Count > 5 ? ", ..." : "") + ".";
        return new ReplayWidget(widget.Data with { Notes = [.. widget.Data.Notes, note] });
    }

    // The episodes to replay and, for episodes cut from a step log, the run's visit counts to draw under them.
    private static (List<Episode> Episodes, IReadOnlyList<PositionCount>? Heatmap) ReplayableEpisodes(Run run, int? index)
    {
        var all = run.Episodes;
        if (index is { } i)
        {
            if (i < 0 || i >= all.Count)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Run '{run.Name}' has {all.Count} episodes; episode {i} does not exist (indices run from 0 to {all.Count - 1})."), nameof(index));
            return ([all[i]], null);
        }
        var snapshots = run.Snapshots.Where(e => e.Trajectory is { Length: > 0 }).ToList();
        if (snapshots.Count > 0)
            return (snapshots, null);
        var playable = all.Where(e => e.Trajectory is { Length: > 0 }).ToList();
        if (playable.Count > 0)
            return (playable, null);
        // A per-step log with positions (a grid game's json_logs) holds episodes too: cut them from the step records.
        if (run.Info.Files.Count > 0 && run.Scan() is { DistinctPositions: > 0 } scan && run.StepEpisodes() is { Count: > 0 } steps)
            return ([.. steps], scan.Positions);
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"Run '{run.Name}' has {all.Count} episodes but none with steps to replay. Replays need a per-step log: snapshot files, trajectory .npz files, or its step records through run.StepEpisodes()."), nameof(run));
    }

    private static ReplayWidget Build(IReadOnlyList<ReplayBuilder.Entry> entries, ReplayOptions? options, string? title) =>
        new(ReplayBuilder.Build(entries, options ?? ReplayOptions.Default, title));
}
