using System.Globalization;
using System.Text.RegularExpressions;

namespace RunLens.Notebooks;

/// <summary>One line naming a run's first failed cell, for command lines and scripts.</summary>
public static partial class FailureSummary
{
    /// <summary>
    /// <c>cell 3 failed: (line 2) CS0103: The name 'x' does not exist in the current context</c> for the first failed
    /// cell, or null when every cell ran.
    /// </summary>
    /// <param name="run">The executed notebook.</param>
    /// <returns>The line, or null.</returns>
    public static string? Of(NotebookRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.FirstFailure is not { } failed)
            return null;
        var message = failed.Outputs.OfType<ErrorOutput>().FirstOrDefault()?.Message ?? "no error was recorded";
        // The runner's messages start "Cell 3, line 2: ..."; the cell is named once, in front.
        var match = CellLine().Match(message);
        var detail = match.Success ? $"(line {match.Groups["line"].Value}) {match.Groups["rest"].Value}" : message;
        return string.Create(CultureInfo.InvariantCulture, $"cell {failed.Number} failed: {detail}");
    }

    [GeneratedRegex(@"^(?:Cell \d+, )?line (?<line>\d+): (?<rest>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CellLine();
}
