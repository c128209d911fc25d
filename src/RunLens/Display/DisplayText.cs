namespace RunLens.Display;

/// <summary>
/// The plain-text output of the core displayables: their HTML rendering run with text writers (see
/// <see cref="HtmlWriter"/>), so the text shows the same summary, headings and tables, aligned, for terminals,
/// dotnet-repl, GitHub and any notebook view that shows text/plain.
/// </summary>
internal static class DisplayText
{
    [ThreadStatic]
    private static bool _active;

    /// <summary>True while <see cref="Render"/> runs on this thread.</summary>
    public static bool Active => _active;

    public static string Render(IDisplayDocument document)
    {
        var outer = _active;
        _active = true;
        try
        {
            return document.ToHtml();
        }
        finally
        {
            _active = outer;
        }
    }
}

/// <summary>A core displayable whose HTML is written by <see cref="DisplayHtml"/>, and so also renders as text.</summary>
internal interface IDisplayDocument : IHtmlRenderable;
