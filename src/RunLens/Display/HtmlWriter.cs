using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace RunLens.Display;

/// <summary>
/// Builds an HTML fragment. Text always goes through <see cref="WebUtility.HtmlEncode(string)"/>; tag and class names
/// must be plain identifiers; the only raw text is the stylesheet asset. So no data can become markup.
/// </summary>
internal sealed partial class HtmlWriter
{
    private readonly StringBuilder _html = new();
    private readonly Stack<string> _open = new();

    /// <summary>Opens an element (closed by <see cref="Close"/>).</summary>
    public HtmlWriter Open(string tag, string? cssClass = null)
    {
        StartTag(tag, cssClass);
        _open.Push(tag);
        return this;
    }

    /// <summary>An element with no content and encoded attribute values, such as <c>&lt;progress value="0.4" max="1"&gt;</c>.</summary>
    public HtmlWriter Empty(string tag, string? cssClass, params (string Name, string Value)[] attributes)
    {
        StartTag(tag, cssClass, attributes);
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>Closes the innermost open element.</summary>
    public HtmlWriter Close()
    {
        _html.Append("</").Append(_open.Pop()).Append('>');
        return this;
    }

    /// <summary>An element holding encoded text.</summary>
    public HtmlWriter Element(string tag, string? text, string? cssClass = null)
    {
        StartTag(tag, cssClass);
        _html.Append(WebUtility.HtmlEncode(text ?? "")).Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>Encoded text inside the current element.</summary>
    public HtmlWriter Text(string? text)
    {
        _html.Append(WebUtility.HtmlEncode(text ?? ""));
        return this;
    }

    /// <summary>The RunLens stylesheet (an embedded asset, never data).</summary>
    public HtmlWriter Stylesheet()
    {
        _html.Append("<style>").Append(Assets.DisplayCss).Append("</style>");
        return this;
    }

    /// <summary>The fragment; every opened element must be closed.</summary>
    public override string ToString() =>
        _open.Count == 0 ? _html.ToString() : throw new InvalidOperationException($"Unclosed <{_open.Peek()}>.");

    private void StartTag(string tag, string? cssClass, params (string Name, string Value)[] attributes)
    {
        if (!Name().IsMatch(tag))
            throw new ArgumentException($"'{tag}' is not a tag name.", nameof(tag));
        _html.Append('<').Append(tag);
        if (cssClass is not null)
        {
            if (!Classes().IsMatch(cssClass))
                throw new ArgumentException($"'{cssClass}' is not a list of class names.", nameof(cssClass));
            _html.Append(" class=\"").Append(cssClass).Append('"');
        }
        foreach (var (name, value) in attributes)
        {
            if (!Name().IsMatch(name))
                throw new ArgumentException($"'{name}' is not an attribute name.", nameof(attributes));
            _html.Append(' ').Append(name).Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
        }
        _html.Append('>');
    }

    [GeneratedRegex("^[a-z][a-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    [GeneratedRegex("^[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Classes();
}
