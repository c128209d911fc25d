using System.ComponentModel;

namespace RunLens.Display;

/// <summary>
/// The formatter source named by <see cref="TypeFormatterSourceAttribute"/> on every <see cref="IHtmlRenderable"/>
/// type. .NET Interactive creates it by reflection and calls <see cref="CreateTypeFormatters"/>; each formatter is
/// used through its <c>MimeType</c> property and its <c>bool Format(object, TextWriter)</c> method, matched by name.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class HtmlFormatterSource
{
    /// <summary>The HTML MIME type (from <see cref="IHtmlRenderable.ToHtml"/>).</summary>
    public const string Html = "text/html";

    /// <summary>The plain-text MIME type (from <see cref="object.ToString"/>).</summary>
    public const string PlainText = "text/plain";

    /// <summary>One formatter for <c>text/html</c> (<see cref="IHtmlRenderable.ToHtml"/>) and one for
    /// <c>text/plain</c> (<see cref="object.ToString"/>).</summary>
    public IEnumerable<object> CreateTypeFormatters() => [new MimeFormatter(Html), new MimeFormatter(PlainText)];
}

/// <summary>One formatter as the kernel's convention calls it: <see cref="MimeType"/> and <see cref="Format"/>.</summary>
internal sealed class MimeFormatter(string mimeType)
{
    public string MimeType { get; } = mimeType;

    /// <summary>Writes the value in <see cref="MimeType"/>; false (nothing written) when it is not ours.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (instance is not IHtmlRenderable renderable)
            return false;
        writer.Write(MimeType == HtmlFormatterSource.Html ? renderable.ToHtml() : renderable.ToString());
        return true;
    }
}
