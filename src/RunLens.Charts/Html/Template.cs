using System.Text.RegularExpressions;

namespace RunLens;

/// <summary>
/// Fills an asset template's <c>__RUNLENS_NAME__</c> tokens in one pass: inserted text (JSON, plotly.js) is never
/// scanned again, so a token-like string inside the data cannot be replaced.
/// </summary>
internal static partial class Template
{
    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        Token().Replace(template, match => values.TryGetValue(match.Value, out var value)
            ? value
            : throw new InvalidOperationException($"The template has a token '{match.Value}' that nothing fills."));

    [GeneratedRegex("__RUNLENS_[A-Z]+__", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
