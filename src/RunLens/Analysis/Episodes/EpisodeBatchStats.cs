using System.Globalization;
using RunLens.Display;

namespace RunLens;

/// <summary>
/// Aggregates of a batch of episodes (<see cref="EpisodeStats.BatchStats"/>): how many, their returns and lengths
/// (mean, population standard deviation, min, max), the success rate over the episodes whose success is known and the
/// waypoints reached per episode over those that say. Statistics with nothing to summarise are NaN.
/// </summary>
/// <param name="Count">The episodes in the batch.</param>
/// <param name="ReturnMean">The mean of the finite returns.</param>
/// <param name="ReturnStd">The population standard deviation (n, not n - 1) of the finite returns, as numpy's
/// <c>std</c> and RunLens's <c>BatchLogger</c> (<c>episode_return_std</c>) compute it.</param>
/// <param name="ReturnMin">The smallest finite return.</param>
/// <param name="ReturnMax">The largest finite return.</param>
/// <param name="LengthMean">The mean length in steps.</param>
/// <param name="LengthStd">The population standard deviation of the lengths.</param>
/// <param name="LengthMin">The shortest episode's length (-1 when there is no episode).</param>
/// <param name="LengthMax">The longest episode's length (-1 when there is no episode).</param>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed record EpisodeBatchStats(
    int Count, double ReturnMean, double ReturnStd, double ReturnMin, double ReturnMax,
    double LengthMean, double LengthStd, long LengthMin, long LengthMax) : IDisplayDocument
{
    /// <summary>Episodes whose return is NaN or infinite: counted in <see cref="Count"/>, left out of the return statistics.</summary>
    public int NonFiniteReturns { get; init; }

    /// <summary>Episodes whose <see cref="Episode.Success"/> is known (the denominator of <see cref="SuccessRate"/>).</summary>
    public int SuccessKnown { get; init; }

    /// <summary>Episodes that succeeded.</summary>
    public int Successes { get; init; }

    /// <summary>Successes over <see cref="SuccessKnown"/>, in [0, 1]; NaN when no episode says whether it succeeded.</summary>
    public double SuccessRate => SuccessKnown == 0 ? double.NaN : (double)Successes / SuccessKnown;

    /// <summary>Episodes whose <see cref="Episode.WaypointsReached"/> is known.</summary>
    public int WaypointsKnown { get; init; }

    /// <summary>The mean of <see cref="Episode.WaypointsReached"/> over <see cref="WaypointsKnown"/>; NaN when none says.</summary>
    public double WaypointsPerEpisode { get; init; } = double.NaN;

    /// <summary>The statistics as an HTML table for a notebook.</summary>
    public string ToHtml() => DisplayHtml.EpisodeBatch(this);

    /// <summary>One line per statistic, for example <c>return: mean 20.1 ± 7.52 (std), min 11, max 36</c>.</summary>
    public override string ToString()
    {
        var lines = new List<string> { Invariant($"{Count} episodes") };
        if (Count > 0)
        {
            lines.Add(Invariant($"return: mean {ReturnMean:G6} ± {ReturnStd:G6} (std), min {ReturnMin:G6}, max {ReturnMax:G6}")
                + (NonFiniteReturns > 0 ? Invariant($" ({NonFiniteReturns} non-finite left out)") : ""));
            lines.Add(Invariant($"length: mean {LengthMean:G6} ± {LengthStd:G6} (std), min {LengthMin}, max {LengthMax}"));
        }
        lines.Add(SuccessKnown == 0
            ? "success rate: unknown (no episode says)"
            : Invariant($"success rate: {SuccessRate:G4} ({Successes} of {SuccessKnown} episodes that say)"));
        if (WaypointsKnown > 0)
            lines.Add(Invariant($"waypoints per episode: {WaypointsPerEpisode:G4} (over {WaypointsKnown} episodes)"));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
