namespace RunLens.Tests;

/// <summary>
/// The per-column reports of CSV cells that are not numbers (a Python list in PokemonRed's <c>levels</c>, Ray's
/// <c>hostname</c> and repr'd <c>config</c>): tests about other problems leave them out, and check them on their own.
/// </summary>
internal static class TextCellIssues
{
    public static bool IsTextCells(LoadIssue issue) => issue.Message.Contains(" not a number (the first at line ", StringComparison.Ordinal);

    /// <summary>The issues that are not reports of text cells.</summary>
    public static List<LoadIssue> Others(IEnumerable<LoadIssue> issues) => issues.Where(i => !IsTextCells(i)).ToList();
}
