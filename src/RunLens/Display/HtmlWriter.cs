using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace RunLens.Display;

/// <summary>
/// Builds an HTML fragment. Text always goes through <see cref="WebUtility.HtmlEncode(string)"/>; tag and class names
/// must be plain identifiers; the only raw text is embedded assets (the stylesheet, scripts) and JSON written by
/// System.Text.Json with its default encoder, which escapes &lt;, &gt; and &amp;. So no data can become markup. The same
/// calls also write plain text (<see cref="DisplayText"/>): headings and notes as lines, tables as aligned columns,
/// markup, scripts and style left out, so a value's plain-text output reads like its HTML.
/// </summary>
internal sealed partial class HtmlWriter
{
    private readonly StringBuilder _html = new();
    private readonly Stack<string> _open = new();

    /// <summary>A writer of HTML, or of plain text while <see cref="DisplayText"/> renders.</summary>
    public HtmlWriter()
    {
        IsText = DisplayText.Active;
    }

    /// <summary>True when this writer writes plain text.</summary>
    public bool IsText { get; }

    /// <summary>Opens an element (closed by <see cref="Close"/>).</summary>
    public HtmlWriter Open(string tag, string? cssClass = null)
    {
        if (!IsText)
            StartTag(tag, cssClass);
        _open.Push(tag);
        return this;
    }

    /// <summary>An element with no content and encoded attribute values, such as <c>&lt;progress value="0.4" max="1"&gt;</c>.</summary>
    public HtmlWriter Empty(string tag, string? cssClass, params (string Name, string Value)[] attributes)
    {
        if (IsText)
            return this;
        StartTag(tag, cssClass, null, attributes);
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>Closes the innermost open element.</summary>
    public HtmlWriter Close()
    {
        var tag = _open.Pop();
        if (!IsText)
            _html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element holding encoded text (in text: a heading on its own line after a blank one, a list item
    /// as "- item", anything else as a line).</summary>
    public HtmlWriter Element(string tag, string? text, string? cssClass = null)
    {
        if (IsText)
        {
            Line(tag switch { "h3" or "h4" => "\n" + text, "li" => "- " + text, _ => text });
            return this;
        }
        StartTag(tag, cssClass);
        _html.Append(WebUtility.HtmlEncode(text ?? "")).Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>Encoded text inside the current element.</summary>
    public HtmlWriter Text(string? text)
    {
        _html.Append(IsText ? text : WebUtility.HtmlEncode(text ?? ""));
        return this;
    }

    /// <summary>Whole lines of plain text (a text table); only for text writers.</summary>
    public HtmlWriter Lines(string text)
    {
        if (!IsText)
            throw new InvalidOperationException("Raw lines are plain text; an HTML writer takes encoded text only.");
        Line(text);
        return this;
    }

    /// <summary>The RunLens stylesheet (an embedded asset, never data); nothing in text.</summary>
    public HtmlWriter Stylesheet()
    {
        if (!IsText)
            _html.Append("<style>").Append(Assets.DisplayCss).Append("</style>");
        return this;
    }

    /// <summary>
    /// A data block, <c>&lt;script type="application/json"&gt;</c>, holding <paramref name="value"/> serialized with
    /// <paramref name="type"/>. Its options must keep System.Text.Json's default encoder: it writes <c>&lt;</c> as
    /// <c>\u003C</c>, so a <c>&lt;/script&gt;</c> inside the data cannot end the block.
    /// </summary>
    public HtmlWriter JsonBlock<T>(string cssClass, T value, JsonTypeInfo<T> type)
    {
        if (type.Options.Encoder is not null && type.Options.Encoder != JavaScriptEncoder.Default)
            throw new ArgumentException("A JSON block needs System.Text.Json's default encoder (it escapes '<').", nameof(type));
        if (IsText)
            return this;
        StartTag("script", cssClass, "application/json");
        _html.Append(JsonSerializer.Serialize(value, type)).Append("</script>");
        return this;
    }

    /// <summary>An inline script: an embedded asset's text, never data.</summary>
    public HtmlWriter Script(string assetText)
    {
        if (IsText)
            return this;
        _html.Append("<script>").Append(assetText).Append("</script>");
        return this;
    }

    /// <summary>The fragment (or text); every opened element must be closed.</summary>
    public override string ToString() =>
        _open.Count != 0 ? throw new InvalidOperationException($"Unclosed <{_open.Peek()}>.")
        : IsText ? _html.ToString().TrimEnd('\n') : _html.ToString();

    private void Line(string? text)
    {
        if (_html.Length > 0 && _html[^1] != '\n')
            _html.Append('\n');
        _html.Append(text).Append('\n');
    }

    private void StartTag(string tag, string? cssClass, string? scriptType = null, params (string Name, string Value)[] attributes)
    {
        if (!Name().IsMatch(tag))
            throw new ArgumentException($"'{tag}' is not a tag name.", nameof(tag));
        _html.Append('<').Append(tag);
        if (scriptType is not null)
            _html.Append(" type=\"").Append(scriptType).Append('"');
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
