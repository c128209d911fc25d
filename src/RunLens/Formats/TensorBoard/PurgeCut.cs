using System.Globalization;
using System.Text;

namespace RunLens.Formats.TensorBoard;

/// <summary>
/// One discard of TensorBoard's orphaned-data purge, as it applies to one file: the values written before byte
/// <paramref name="Before"/> of the file (<see cref="long.MaxValue"/>: the whole file, for a purge in a later file) at
/// steps of at least <paramref name="From"/> are dropped, for every tag (<paramref name="Tags"/> null) or for those
/// tags only.
/// </summary>
internal sealed record PurgeCut(long Before, long From, IReadOnlyList<string>? Tags)
{
    private const string Prefix = "tb-purge:";

    /// <summary>True when a value at <paramref name="step"/> of the record at byte <paramref name="offset"/> is in the cut (its tag is checked by the caller).</summary>
    public bool Drops(long offset, long step) => offset < Before && step >= From;

    /// <summary>
    /// The cuts as a <see cref="RunFile.Part"/>: <c>tb-purge:</c> then cuts separated by ';', each
    /// <c>before@from</c> (<c>*</c> for the whole file) with <c>:tag,tag</c> (URI-escaped) when only some tags are cut.
    /// Null for no cuts.
    /// </summary>
    public static string? Encode(IReadOnlyList<PurgeCut> cuts)
    {
        if (cuts.Count == 0)
            return null;
        var text = new StringBuilder(Prefix);
        for (var i = 0; i < cuts.Count; i++)
        {
            var cut = cuts[i];
            if (i > 0)
                text.Append(';');
            text.Append(cut.Before == long.MaxValue ? "*" : cut.Before.ToString(CultureInfo.InvariantCulture))
                .Append('@').Append(cut.From.ToString(CultureInfo.InvariantCulture));
            if (cut.Tags is { } tags)
                text.Append(':').AppendJoin(',', tags.Select(Uri.EscapeDataString));
        }
        return text.ToString();
    }

    /// <summary>The cuts of a <see cref="RunFile.Part"/> written by <see cref="Encode"/>; none for anything else.</summary>
    public static PurgeCut[] Decode(string? part)
    {
        if (part is null || !part.StartsWith(Prefix, StringComparison.Ordinal))
            return [];
        var cuts = new List<PurgeCut>();
        foreach (var entry in part[Prefix.Length..].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var range = colon < 0 ? entry : entry[..colon];
            var at = range.IndexOf('@', StringComparison.Ordinal);
            if (at < 0 || !long.TryParse(range[(at + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var from))
                continue;
            var before = range[..at] == "*" ? long.MaxValue
                : long.TryParse(range[..at], NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : -1;
            if (before < 0)
                continue;
            var tags = colon < 0 ? null : entry[(colon + 1)..].Split(',').Select(Uri.UnescapeDataString).ToArray();
            cuts.Add(new PurgeCut(before, from, tags));
        }
        return [.. cuts];
    }
}
