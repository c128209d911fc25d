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
/// System.Text.Json with its default encoder, which escapes &lt;, &gt; and &amp;. So no data can become markup.
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

    /// <summary>
    /// A data block, <c>&lt;script type="application/json"&gt;</c>, holding <paramref name="value"/> serialized with
    /// <paramref name="type"/>. Its options must keep System.Text.Json's default encoder: it writes <c>&lt;</c> as
    /// <c>\u003C</c>, so a <c>&lt;/script&gt;</c> inside the data cannot end the block.
    /// </summary>
    public HtmlWriter JsonBlock<T>(string cssClass, T value, JsonTypeInfo<T> type)
    {
        if (type.Options.Encoder is not null && type.Options.Encoder != JavaScriptEncoder.Default)
            throw new ArgumentException("A JSON block needs System.Text.Json's default encoder (it escapes '<').", nameof(type));
        StartTag("script", cssClass, "application/json");
        _html.Append(JsonSerializer.Serialize(value, type)).Append("</script>");
        return this;
    }

    /// <summary>An inline script: an embedded asset's text, never data.</summary>
    public HtmlWriter Script(string assetText)
    {
        _html.Append("<script>").Append(assetText).Append("</script>");
        return this;
    }

    /// <summary>The fragment; every opened element must be closed.</summary>
    public override string ToString() =>
        _open.Count == 0 ? _html.ToString() : throw new InvalidOperationException($"Unclosed <{_open.Peek()}>.");

    private void StartTag(string tag, string? cssClass, string? scriptType = null)
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
        _html.Append('>');
    }

    [GeneratedRegex("^[a-z][a-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    [GeneratedRegex("^[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Classes();
}
