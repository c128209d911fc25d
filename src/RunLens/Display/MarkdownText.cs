using RunLens.Display;

namespace RunLens;

/// <summary>
/// Markdown text that a notebook renders as Markdown (<c>text/markdown</c>) instead of showing its source. It is
/// still the text: <see cref="ToString"/> and the implicit conversion give the Markdown itself, for a file or a README.
/// </summary>
/// <param name="Text">The Markdown source.</param>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Markdown, MimeFormatterSource.PlainText])]
public sealed record MarkdownText(string Text) : IMimeRenderable
{
    /// <inheritdoc />
    public string? ToMime(string mimeType) => mimeType == MimeFormatterSource.Markdown ? Text : null;

    /// <summary>The Markdown source.</summary>
    public override string ToString() => Text;

    /// <summary>The Markdown source, so <c>File.WriteAllText(path, comparison.ToMarkdown())</c> keeps working.</summary>
    public static implicit operator string(MarkdownText markdown) => markdown?.Text ?? "";
}
