using System.Globalization;

namespace RunLens.Display;

// The notebook HTML of the episode statistics; lives with them (Analysis/Episodes) and shares DisplayHtml's frame.
internal static partial class DisplayHtml
{
    public static string EpisodeBatch(EpisodeBatchStats stats)
    {
        var html = Begin("runlens-episode-stats", Summary(stats));
        var table = new HtmlTable(("", false), ("mean", true), ("std", true), ("min", true), ("max", true), ("over", true));
        if (stats.Count > 0)
        {
            table.Add("return", Cell.Of(stats.ReturnMean), Cell.Of(stats.ReturnStd), Cell.Of(stats.ReturnMin), Cell.Of(stats.ReturnMax),
                Cell.Of((long)(stats.Count - stats.NonFiniteReturns)));
            table.Add("length", Cell.Of(stats.LengthMean), Cell.Of(stats.LengthStd), Cell.Of(stats.LengthMin), Cell.Of(stats.LengthMax),
                Cell.Of((long)stats.Count));
        }
        if (stats.SuccessKnown > 0)
            table.Add("success rate", Cell.Of(stats.SuccessRate), null, null, null, Cell.Of((long)stats.SuccessKnown));
        if (stats.WaypointsKnown > 0)
            table.Add("waypoints per episode", Cell.Of(stats.WaypointsPerEpisode), null, null, null, Cell.Of((long)stats.WaypointsKnown));
        if (table.Count > 0)
            table.WriteTo(html);
        return End(html);
    }

    private static string Summary(EpisodeBatchStats stats) =>
        stats.Count.ToString("N0", CultureInfo.InvariantCulture) + (stats.Count == 1 ? " episode" : " episodes")
        + (stats.SuccessKnown == 0 ? "; success unknown"
            : string.Create(CultureInfo.InvariantCulture, $"; {stats.Successes:N0} of {stats.SuccessKnown:N0} succeeded"));
}
