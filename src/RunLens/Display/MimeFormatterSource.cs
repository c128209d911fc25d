using System.ComponentModel;

namespace RunLens.Display;

/// <summary>
/// The formatter source named by <see cref="TypeFormatterSourceAttribute"/> on every displayable RunLens type. .NET
/// Interactive creates it by reflection and calls <see cref="CreateTypeFormatters"/>; each formatter is used through
/// its <c>MimeType</c> property and its <c>bool Format(object, TextWriter)</c> method, matched by name. This is how
/// RunLens values display where the kernel extension did not load (assemblies referenced by path, other hosts of the
/// Formatting library); the extension registers the same renderings with the kernel's typed API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MimeFormatterSource
{
    /// <summary>The HTML MIME type (from <see cref="IHtmlRenderable.ToHtml"/>).</summary>
    public const string Html = "text/html";

    /// <summary>The plain-text MIME type: the same summary and tables as the HTML, as aligned text (others: <see cref="object.ToString"/>).</summary>
    public const string PlainText = "text/plain";

    /// <summary>Markdown, which notebooks render (from <see cref="IMimeRenderable.ToMime"/>).</summary>
    public const string Markdown = "text/markdown";

    /// <summary>Plotly's figure JSON, which VS Code and JupyterLab draw natively (from <see cref="IMimeRenderable.ToMime"/>).</summary>
    public const string PlotlyJson = "application/vnd.plotly.v1+json";

    /// <summary>One formatter per MIME type RunLens writes; each declines values that have no such form.</summary>
    public IEnumerable<object> CreateTypeFormatters() =>
        [new MimeFormatter(PlotlyJson), new MimeFormatter(Markdown), new MimeFormatter(Html), new MimeFormatter(PlainText)];

    /// <summary>The value in a MIME type, or null when it has no such form: the one rendering both formatter paths use.</summary>
    public static string? Format(object? value, string mimeType) => mimeType switch
    {
        _ when value is IMimeRenderable mime && mime.ToMime(mimeType) is { } text => text,
        Html => (value as IHtmlRenderable)?.ToHtml(),
        PlainText => value is IDisplayDocument document ? DisplayText.Render(document) : value?.ToString(),
        _ => null,
    };
}

/// <summary>One formatter as the kernel's convention calls it: <see cref="MimeType"/> and <see cref="Format"/>.</summary>
internal sealed class MimeFormatter(string mimeType)
{
    public string MimeType { get; } = mimeType;

    /// <summary>Writes the value in <see cref="MimeType"/>; false (nothing written) when it has no such form.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (MimeFormatterSource.Format(instance, MimeType) is not { } text)
            return false;
        writer.Write(text);
        return true;
    }
}
