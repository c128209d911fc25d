using Microsoft.DotNet.Interactive.Formatting;

namespace RunLens.Notebooks;

/// <summary>
/// Formats values through the kernel's own <see cref="Formatter"/> (NOTEBOOK-HOST.md section 4), so the HTML is what a
/// notebook shows: one entry per preferred MIME type, then <c>text/html</c> and <c>text/plain</c> if they are missing,
/// so every report has HTML and every .ipynb a plain-text fallback.
/// </summary>
internal static class ValueFormatting
{
    /// <summary>Resets formatters (a notebook's registrations do not leak into the next run) and applies the VS Code setup.</summary>
    public static void Reset()
    {
        Formatter.ResetToDefault();
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);
    }

    public static DisplayOutput Display(object? value, bool isResult, IReadOnlyList<string>? mimeTypes = null)
    {
        var wanted = mimeTypes is { Count: > 0 }
            ? mimeTypes
            : [.. Formatter.GetPreferredMimeTypesFor(value?.GetType() ?? typeof(object)), HtmlFormatter.MimeType, PlainTextFormatter.MimeType];
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mime in wanted.Distinct(StringComparer.Ordinal))
            data[mime] = value.ToDisplayString(mime);
        return new DisplayOutput(data, isResult);
    }
}
