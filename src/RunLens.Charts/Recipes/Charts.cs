namespace RunLens;

/// <summary>
/// Chart recipes: one call from a scan, a run or plain data to a finished <see cref="Figure"/> that says what it
/// shows (how many records, how they were summarised, how they were smoothed). Figures render themselves in
/// notebooks; save one with <see cref="Figure.WriteHtml"/>.
/// </summary>
public static partial class Charts
{
    /// <summary>The most points a recipe draws per trace; more buckets are merged exactly (never sampled).</summary>
    public const int MaxPointsPerTrace = 1024;

    /// <summary>
    /// A long subtitle broken into lines of about <paramref name="width"/> characters at its "; " separators (plotly
    /// does not wrap titles), and the top margin those lines need.
    /// </summary>
    internal static (string Text, int TopMargin) Wrap(string text, int width = 130)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var part in text.Split("; "))
        {
            if (line.Length > 0 && line.Length + 2 + part.Length > width)
            {
                lines.Add(line + ";");
                line = part;
            }
            else
            {
                line = line.Length == 0 ? part : line + "; " + part;
            }
        }
        lines.Add(line);
        return (string.Join("<br>", lines), 86 + 16 * lines.Count);
    }
}
