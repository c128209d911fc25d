using System.Globalization;

namespace RunLens;

/// <summary>
/// Final scores per run, the input of every comparison: <c>runs.FinalScores("metrics.episode_return_mean", 10)</c>
/// or <c>runs.FinalEpisodeScores(100)</c>, grouped by variant or by a hyperparameter.
/// </summary>
public static class Scores
{
    /// <summary>
    /// Each run's final score: the mean of the finite values of <paramref name="metric"/> within the last
    /// <paramref name="lastSteps"/> steps of that run (steps in (last - lastSteps, last]), read at full resolution.
    /// Runs without the metric, or without a finite value in the window, are named in <see cref="FinalScoreSet.Notes"/>.
    /// </summary>
    /// <param name="runs">The runs.</param>
    /// <param name="metric">A field name as logged or a role lookup name, e.g. <c>metrics.episode_return_mean</c> or <c>rewards.total</c>.</param>
    /// <param name="lastSteps">The window in steps; null for the last 10% of each run's step range.</param>
    /// <param name="groupBy"><c>variant</c> (default), <c>run</c>, or hyperparameter names, comma-separated (see <see cref="RunGroups.Of"/>).</param>
    /// <example><code>runs.FinalScores("metrics.episode_return_mean", lastSteps: 10, groupBy: "learning_rate")</code></example>
    public static FinalScoreSet FinalScores(this RunSet runs, string metric, long? lastSteps = null, string groupBy = RunGroups.Variant)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        if (lastSteps is < 1)
            throw new ArgumentOutOfRangeException(nameof(lastSteps), lastSteps, "Give a window of at least one step, or null for the last 10% of each run.");
        var scores = new List<FinalScore>();
        var notes = new List<string>();
        var members = Members(runs, groupBy, notes).ToList();
        using var live = LiveProgress.Begin(string.Create(CultureInfo.InvariantCulture, $"Reading {metric} from {members.Count:N0} runs"));
        for (var i = 0; i < members.Count; i++)
        {
            var (group, run) = members[i];
            live.Report("Final scores", (double)i / members.Count, string.Create(CultureInfo.InvariantCulture, $"{i:N0}/{members.Count:N0} runs, now {run.Name}"));
            Series series;
            try
            {
                series = run.Metric(metric);
            }
            catch (KeyNotFoundException)
            {
                notes.Add($"{run.Name}: no field '{metric}'; left out.");
                continue;
            }
            var finite = series.Points.Where(p => double.IsFinite(p.Value)).ToList();
            if (finite.Count == 0)
            {
                notes.Add($"{run.Name}: '{metric}' has no finite value; left out.");
                continue;
            }
            var last = finite[^1].Step;
            var window = lastSteps ?? Math.Max(1, (long)Math.Ceiling((last - finite[0].Step + 1) * 0.1));
            var inWindow = finite.Where(p => p.Step > last - window).ToList();
            scores.Add(new FinalScore(run.Name, group, inWindow.Average(p => p.Value))
            {
                Points = inWindow.Count,
                FirstStep = inWindow[0].Step,
                LastStep = last,
                Config = run.Info.Config,
                Seed = run.Info.Seed,
            });
        }
        live.Complete(string.Create(CultureInfo.InvariantCulture, $"Read {metric} from {members.Count:N0} runs in {live.Elapsed.TotalSeconds:0.0} s"));
        var description = lastSteps is { } k
            ? string.Create(CultureInfo.InvariantCulture, $"mean of {metric} over each run's last {k:N0} steps")
            : $"mean of {metric} over the last 10% of each run's steps";
        return new FinalScoreSet(metric, description, groupBy, scores, notes);
    }

    /// <summary>
    /// Each run's final score from its episodes: the mean return of its last <paramref name="lastEpisodes"/> episodes
    /// (in the order <see cref="Run.Episodes"/> gives them; training episodes when the run has any, else all).
    /// </summary>
    /// <param name="runs">The runs.</param>
    /// <param name="lastEpisodes">How many of the last episodes; default 100 (openrlbenchmark's choice).</param>
    /// <param name="groupBy"><c>variant</c> (default), <c>run</c>, or hyperparameter names, comma-separated (see <see cref="RunGroups.Of"/>).</param>
    /// <example><code>runs.FinalEpisodeScores(100, groupBy: "learning_rate")</code></example>
    public static FinalScoreSet FinalEpisodeScores(this RunSet runs, int lastEpisodes = 100, string groupBy = RunGroups.Variant)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastEpisodes, 1);
        var scores = new List<FinalScore>();
        var notes = new List<string>();
        foreach (var (group, run) in Members(runs, groupBy, notes))
        {
            var training = run.Episodes.OfKind(EpisodeKinds.Training);
            var episodes = (training.Count > 0 ? training : run.Episodes).Where(e => double.IsFinite(e.Return)).ToList();
            if (episodes.Count == 0)
            {
                notes.Add($"{run.Name}: no episode with a finite return; left out.");
                continue;
            }
            var tail = episodes.Skip(Math.Max(0, episodes.Count - lastEpisodes)).ToList();
            if (tail.Count < lastEpisodes)
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{run.Name}: only {tail.Count} episodes, fewer than {lastEpisodes}."));
            scores.Add(new FinalScore(run.Name, group, tail.Average(e => e.Return))
            {
                Points = tail.Count,
                FirstStep = tail[0].TrainingStep,
                LastStep = tail[^1].TrainingStep,
                Config = run.Info.Config,
                Seed = run.Info.Seed,
            });
        }
        var description = string.Create(CultureInfo.InvariantCulture, $"mean return of each run's last {lastEpisodes:N0} episodes");
        return new FinalScoreSet("episode return", description, groupBy, scores, notes);
    }

    // Every run with its group's label, groups in order; notes for runs grouped under "(not set)".
    private static IEnumerable<(string Group, Run Run)> Members(RunSet runs, string groupBy, List<string> notes)
    {
        foreach (var group in RunGroups.Of(runs, groupBy))
        {
            notes.AddRange(group.Notes);
            foreach (var run in group.Runs)
                yield return (group.Label, run);
        }
    }
}
