using System.Globalization;

namespace RunLens;

internal static partial class ReplayBuilder
{
    /// <summary>The per-step panels under the view: reward, return so far, components, actions, probabilities, the rest.</summary>
    private static List<ReplayTrack> Tracks(Trajectory trajectory, ReplayFrames frames)
    {
        var tracks = new List<ReplayTrack> { Track("reward", "reward", trajectory.Rewards, frames, Whole(trajectory.Rewards)) };
        var cumulative = new double[trajectory.Length];
        var sum = 0.0;
        for (var s = 0; s < cumulative.Length; s++)
        {
            // A NaN reward leaves the running return where it was rather than poisoning every later step.
            if (double.IsFinite(trajectory.Rewards[s]))
                sum += trajectory.Rewards[s];
            cumulative[s] = sum;
        }
        // The running return is monotone within a stretch only for non-negative rewards, so it keeps its own band too.
        tracks.Add(Track("return so far", "return", cumulative, frames, discrete: false));
        // Reward components group together whatever the log called them (the trajectory says which they are).
        string Group(string name) => trajectory.RewardTracks.Contains(name) ? "components" : GroupOf(name);
        foreach (var (name, values) in trajectory.Tracks.OrderBy(t => GroupOrder(Group(t.Key))).ThenBy(t => t.Key, StringComparer.Ordinal))
            tracks.Add(Track(name, Group(name), values, frames, Whole(values)));
        if (trajectory.Observations is { Count: > 0 } observations)
            tracks.AddRange(Vectors(observations, "observation", "observations", frames, MaxObservationTracks));
        if (trajectory.Actions is { } actions)
        {
            var width = actions.Max(a => a?.Length ?? 0);
            for (var i = 0; i < width; i++)
            {
                var index = i;
                var values = actions.Select(a => a is { } v && v.Length > index ? v[index] : double.NaN).ToArray();
                var discrete = width == 1 && Whole(values);
                tracks.Add(Track(width == 1 ? "action" : string.Create(CultureInfo.InvariantCulture, $"action[{i}]"), "actions", values, frames, discrete));
            }
        }
        return tracks;
    }

    // Whole numbers (counts, discrete actions, +1 rewards) are drawn as steps: a value holds until the next step.
    private static bool Whole(IReadOnlyList<double> values) => values.All(v => double.IsNaN(v) || v == Math.Floor(v));

    /// <summary>Observations wider than this (images, large state vectors) are left out of the tracks.</summary>
    internal const int MaxObservationTracks = 12;

    // One track per component of a per-step vector; vectors wider than `limit` give none (the caller notes it).
    private static IEnumerable<ReplayTrack> Vectors(IReadOnlyList<double[]> vectors, string name, string group, ReplayFrames frames, int limit)
    {
        var width = vectors.Max(v => v?.Length ?? 0);
        if (width > limit)
            yield break;
        for (var i = 0; i < width; i++)
        {
            var index = i;
            var values = vectors.Select(v => v is { } x && x.Length > index ? x[index] : double.NaN).ToArray();
            yield return Track(width == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]"), group, values, frames, discrete: false);
        }
    }

    private static ReplayTrack Track(string name, string group, IReadOnlyList<double> values, ReplayFrames frames, bool discrete)
    {
        var track = new ReplayTrack(name, group, frames.Pick(values)) { Discrete = discrete };
        if (!frames.Decimated)
            return track;
        var (min, max) = frames.Range(values);
        return track with { Min = min, Max = max };
    }

    private static string GroupOf(string track)
    {
        if (track.StartsWith("rewards.", StringComparison.Ordinal) || track.StartsWith("reward_", StringComparison.Ordinal)
            || track.StartsWith("rewards/", StringComparison.Ordinal))
            return "components";
        if (track.Contains("prob", StringComparison.OrdinalIgnoreCase))
            return "probabilities";
        return track;
    }

    private static int GroupOrder(string group) => group switch
    {
        "components" => 0,
        "probabilities" => 2,
        _ => 1,
    };
}
