using System.Globalization;

namespace RunLens;

/// <summary>How many episodes a run logged, by kind, and their mean return.</summary>
/// <param name="Count">Episodes, of every kind.</param>
/// <param name="ByKind">Episodes per <see cref="Episode.Kind"/> (<c>training</c>, <c>evaluation</c>, ...), in kind order.</param>
/// <param name="MeanReturn">The mean of the finite returns over every episode, or NaN when there is none.</param>
public sealed record EpisodeSummary(int Count, IReadOnlyDictionary<string, int> ByKind, double MeanReturn)
{
    /// <summary>No episodes.</summary>
    public static EpisodeSummary None { get; } = new(0, new SortedDictionary<string, int>(StringComparer.Ordinal).AsReadOnly(), double.NaN);

    internal static EpisodeSummary From(EpisodeSet episodes)
    {
        if (episodes.Count == 0)
            return None;
        var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        double sum = 0;
        long finite = 0;
        foreach (var episode in episodes)
        {
            byKind[episode.Kind] = byKind.GetValueOrDefault(episode.Kind) + 1;
            if (double.IsFinite(episode.Return))
            {
                sum += episode.Return;
                finite++;
            }
        }
        return new EpisodeSummary(episodes.Count, byKind.AsReadOnly(), finite == 0 ? double.NaN : sum / finite);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        if (Count == 0)
            return "no episodes";
        var kinds = string.Join(", ", ByKind.Select(k => string.Create(ci, $"{k.Value:N0} {k.Key}")));
        return string.Create(ci, $"{Count:N0} episodes ({kinds})")
            + (double.IsNaN(MeanReturn) ? "" : string.Create(ci, $", mean return {MeanReturn:G6}"));
    }
}
