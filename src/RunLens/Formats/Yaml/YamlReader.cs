using System.Text;

namespace RunLens.Formats.Yaml;

/// <summary>
/// Reads the YAML that training tools write: block mappings and sequences (including a sequence at the indentation
/// of its key, and <c>- - a</c> nesting as RL Zoo's OrderedDict dumps use), flow collections (<c>[64, 64]</c>,
/// <c>{a: 1}</c>, also across lines), plain scalars continued on more-indented lines, single- and double-quoted
/// scalars, literal and folded block scalars, comments, tags (kept on the node: <c>!!python/object/apply:...</c>),
/// anchors (ignored) and one document (<c>---</c>). Not YAML's every corner: aliases stay as text, complex keys are
/// refused with the line.
/// </summary>
internal static partial class YamlReader
{
    /// <summary>
    /// How deep collections may nest. Each level is a call of the parser (and later of the config's flattening), so a
    /// hostile file of 100,000 '[' or '- ' would overflow the stack and end the process; no config a tool writes comes
    /// near this (PyYAML itself stops at Python's recursion limit of 1,000).
    /// </summary>
    public const int MaxDepth = 256;

    /// <summary>Parses a document. An empty document is a null scalar.</summary>
    /// <exception cref="YamlException">The text is not YAML this reader understands (with the line).</exception>
    public static YamlNode Parse(string text)
    {
        var lines = Split(text);
        var parser = new Parser(lines);
        return parser.Document();
    }

    private static List<Line> Split(string text)
    {
        var lines = new List<Line>();
        var number = 0;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            number++;
            var line = number == 1 && raw.StartsWith('\uFEFF') ? raw[1..] : raw;
            var indent = 0;
            while (indent < line.Length && line[indent] == ' ')
                indent++;
            if (indent < line.Length && line[indent] == '\t')
                throw new YamlException(number, "a tab in the indentation; YAML indents with spaces");
            lines.Add(new Line(number, indent, line[indent..], line));
        }
        return lines;
    }

    private sealed record Line(int Number, int Indent, string Text, string Raw)
    {
        /// <summary>The text without a trailing comment (a '#' after whitespace, outside quotes) and trailing spaces.</summary>
        // Computed, not stored: `with` copies make remainders of lines, and a stored value would be copied along.
        public string Content => StripComment(Text);

        public bool IsBlank => Content.Length == 0;
    }

    private static string StripComment(string text)
    {
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            if (InQuotes(text, ref i, ref quote, opensAnywhere: false))
                continue;
            if (text[i] == '#' && (i == 0 || text[i - 1] is ' ' or '\t'))
                return text[..i].TrimEnd();
        }
        return text.TrimEnd();
    }

    /// <summary>
    /// The one quote scanner: follows quotes through <paramref name="text"/> a character at a time. True when the
    /// character at <paramref name="i"/> belongs to a quoted part (its opening or closing quote or a character
    /// inside; <c>\x</c> in double quotes and <c>''</c> in single quotes are stepped over), false when it is plain
    /// text for the caller to look at. A quote opens plain text only after a separator, as in YAML's block context
    /// (<c>it's</c> is plain), unless <paramref name="opensAnywhere"/>: the flow-value check counts every quote.
    /// </summary>
    private static bool InQuotes(string text, ref int i, ref char quote, bool opensAnywhere)
    {
        var c = text[i];
        if (quote != '\0')
        {
            if (quote == '"' && c == '\\')
                i++;
            else if (c == quote)
            {
                if (quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                    i++;
                else
                    quote = '\0';
            }
            return true;
        }
        if (c is '"' or '\'' && (opensAnywhere || i == 0 || text[i - 1] is ' ' or '[' or '{' or ',' or ':' or '-'))
        {
            quote = c;
            return true;
        }
        return false;
    }

    private sealed class Parser(List<Line> lines)
    {
        private int _at;
        // A line replaced by what follows a "- " or a "key: " on it (its column and text), until consumed.
        private Line? _virtual;

        private Line? Current
        {
            get
            {
                if (_virtual is not null)
                    return _virtual;
                while (_at < lines.Count && (lines[_at].IsBlank || IsDirective(lines[_at])))
                    _at++;
                return _at < lines.Count ? lines[_at] : null;
            }
        }

        private static bool IsDirective(Line line) =>
            line.Indent == 0 && (line.Content.StartsWith('%') || line.Content == "..." || line.Content == "---");

        /// <summary>Consumes the current line, leaving its remainder <paramref name="rest"/> as the current line.</summary>
        private void Replace(Line rest)
        {
            if (_virtual is null)
                _at++;
            _virtual = rest;
        }

        private void Advance()
        {
            if (_virtual is not null)
                _virtual = null;
            else
                _at++;
        }

        public YamlNode Document()
        {
            // "--- content" starts a document with content on the same line.
            while (_at < lines.Count && (lines[_at].IsBlank || lines[_at].Content.StartsWith('%')))
                _at++;
            if (_at < lines.Count && lines[_at].Indent == 0 && lines[_at].Content.StartsWith("--- ", StringComparison.Ordinal))
            {
                var first = lines[_at];
                Replace(first with { Indent = 4, Text = first.Content[4..].TrimStart() });
            }
            if (Current is not { } line)
                return new YamlScalar(null, false, null, 1);
            var node = Block(line.Indent, null);
            if (Current is { } extra && extra.Content != "---")
                throw new YamlException(extra.Number, $"unexpected text '{extra.Content}' after the document's root node");
            return node;
        }

        private int _depth;

        /// <summary>The node starting at the current line, whose indentation is <paramref name="indent"/>.</summary>
        private YamlNode Block(int indent, string? tag)
        {
            if (++_depth > MaxDepth)
                throw new YamlException(Current!.Number, FormattableString.Invariant($"collections nested deeper than {MaxDepth} levels"));
            try
            {
                return BlockAt(indent, tag);
            }
            finally
            {
                _depth--;
            }
        }

        private YamlNode BlockAt(int indent, string? tag)
        {
            var line = Current!;
            var text = line.Content;
            if (text.StartsWith('!') || text.StartsWith('&'))
            {
                var (props, rest) = Properties(text);
                tag = props ?? tag;
                if (rest.Length == 0)
                {
                    // A tag alone on its line applies to the block below (at this indentation or deeper).
                    Advance();
                    if (Current is { } below && below.Indent >= indent)
                        return Block(below.Indent, tag);
                    return new YamlScalar(null, false, tag, line.Number);
                }
                line = line with { Indent = line.Indent + (text.Length - rest.Length), Text = rest };
                Replace(line);
                text = rest;
                indent = line.Indent;
            }
            if (IsSequenceEntry(text))
                return Sequence(indent, tag);
            if (MappingKey(text, line.Number) is not null)
                return Mapping(indent, tag);
            Advance();
            return Inline(text, line, indent - 1, tag);
        }

        private static bool IsSequenceEntry(string text) => text == "-" || text.StartsWith("- ", StringComparison.Ordinal);

        private YamlSequence Sequence(int indent, string? tag)
        {
            var items = new List<YamlNode>();
            var start = Current!.Number;
            while (Current is { } line && line.Indent == indent && IsSequenceEntry(line.Content))
            {
                var rest = line.Content.Length == 1 ? "" : line.Content[2..];
                var column = indent + 2 + (rest.Length - rest.TrimStart().Length);
                rest = rest.TrimStart();
                if (rest.Length == 0)
                {
                    Advance();
                    items.Add(Current is { } below && below.Indent > indent ? Block(below.Indent, null) : new YamlScalar(null, false, null, line.Number));
                    continue;
                }
                Replace(line with { Indent = column, Text = rest });
                items.Add(Block(column, null));
            }
            if (Current is { } after && after.Indent > indent)
                throw new YamlException(after.Number, "bad indentation after a sequence entry");
            return new YamlSequence(items, tag, start);
        }

        private YamlMapping Mapping(int indent, string? tag)
        {
            var entries = new List<(string, YamlNode)>();
            var start = Current!.Number;
            while (Current is { } line && line.Indent == indent && !IsSequenceEntry(line.Content))
            {
                var (key, rest) = MappingKey(line.Content, line.Number)
                    ?? throw new YamlException(line.Number, $"expected 'key: value' in a mapping, found '{line.Content}'");
                Advance();
                string? valueTag = null;
                if (rest.StartsWith('!') || rest.StartsWith('&'))
                    (valueTag, rest) = Properties(rest);
                YamlNode value;
                if (rest.Length == 0)
                {
                    // The value is the block below: deeper, or a sequence at the key's own indentation.
                    value = Current is { } below && (below.Indent > indent || (below.Indent == indent && IsSequenceEntry(below.Content)))
                        ? Block(below.Indent, valueTag)
                        : new YamlScalar(null, false, valueTag, line.Number);
                }
                else
                    value = Inline(rest, line, indent, valueTag);
                entries.Add((key, value));
            }
            if (Current is { } after && after.Indent > indent)
                throw new YamlException(after.Number, $"bad indentation: '{after.Content}' is deeper than the mapping's keys");
            return new YamlMapping(entries, tag, start);
        }

        /// <summary>
        /// A value written on its line after "key: " or "- ": a flow collection, a quoted or plain scalar, or a block
        /// scalar header. Lines deeper than <paramref name="parentIndent"/> continue it.
        /// </summary>
        private YamlNode Inline(string text, Line line, int parentIndent, string? tag)
        {
            if (text.StartsWith('|') || text.StartsWith('>'))
                return BlockScalar(text, line, parentIndent, tag);
            if (text.StartsWith('[') || text.StartsWith('{') || text.StartsWith('"') || text.StartsWith('\''))
            {
                var joined = new StringBuilder(text);
                while (!Complete(joined.ToString()) && Current is { } next && next.Indent > parentIndent)
                {
                    joined.Append(text.StartsWith('"') || text.StartsWith('\'') ? " " : " ").Append(next.Content);
                    Advance();
                }
                var flow = new FlowParser(joined.ToString(), line.Number);
                var node = flow.Value(tag);
                flow.End();
                return node;
            }
            var plain = new StringBuilder(text);
            while (Current is { } next && next.Indent > parentIndent)
            {
                // PyYAML: "mapping values are not allowed here"; a deeper "key: value" is an indentation mistake.
                if (MappingKey(next.Content, next.Number) is not null)
                    throw new YamlException(next.Number, $"bad indentation: '{next.Content}' is deeper than the key before it");
                plain.Append(' ').Append(next.Content);
                Advance();
            }
            return new YamlScalar(IsNull(plain.ToString()) ? null : plain.ToString(), false, tag, line.Number);
        }

        private YamlScalar BlockScalar(string header, Line line, int parentIndent, string? tag)
        {
            var literal = header[0] == '|';
            var keep = header.Contains('+');
            var strip = header.Contains('-');
            var body = new List<string>();
            var blockIndent = -1;
            while (_at < lines.Count)
            {
                var next = lines[_at];
                if (next.Raw.Trim().Length == 0)
                {
                    body.Add("");
                    _at++;
                    continue;
                }
                if (next.Indent <= parentIndent)
                    break;
                if (blockIndent < 0)
                    blockIndent = next.Indent;
                if (next.Indent < blockIndent)
                    break;
                body.Add(next.Raw[blockIndent..]);
                _at++;
            }
            var trailing = 0;
            while (body.Count > 0 && body[^1].Length == 0)
            {
                body.RemoveAt(body.Count - 1);
                trailing++;
            }
            var text = literal ? string.Join('\n', body) : Fold(body);
            if (!strip && body.Count > 0)
                text += "\n";
            if (keep)
                text += new string('\n', trailing);
            return new YamlScalar(text, true, tag, line.Number);
        }

        private static string Fold(List<string> body)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < body.Count; i++)
            {
                if (i > 0)
                    sb.Append(body[i].Length == 0 || body[i - 1].Length == 0 || body[i].StartsWith(' ') ? "\n" : " ");
                sb.Append(body[i]);
            }
            return sb.ToString();
        }

        /// <summary>True when brackets and quotes of a flow value are closed.</summary>
        private static bool Complete(string text)
        {
            var depth = 0;
            char quote = '\0';
            for (var i = 0; i < text.Length; i++)
            {
                if (InQuotes(text, ref i, ref quote, opensAnywhere: true))
                    continue;
                if (text[i] is '[' or '{')
                    depth++;
                else if (text[i] is ']' or '}')
                    depth--;
            }
            return quote == '\0' && depth <= 0;
        }
    }

    /// <summary>Splits "key: rest" (rest possibly empty); null when the text is not a mapping entry.</summary>
    private static (string Key, string Value)? MappingKey(string text, int line)
    {
        if (text.StartsWith('"') || text.StartsWith('\''))
        {
            var flow = new FlowParser(text, line);
            var key = flow.QuotedText();
            var after = text[flow.Position..].TrimStart();
            if (!after.StartsWith(':') || (after.Length > 1 && after[1] != ' '))
                return null;
            return (key, after[1..].Trim());
        }
        if (text.StartsWith('[') || text.StartsWith('{') || text.StartsWith("? ", StringComparison.Ordinal))
        {
            if (text.StartsWith("? ", StringComparison.Ordinal))
                throw new YamlException(line, "complex mapping keys ('? ') are not supported");
            return null;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ':' && (i + 1 == text.Length || text[i + 1] == ' '))
                return (text[..i].TrimEnd(), text[(i + 1)..].Trim());
        }
        return null;
    }

    /// <summary>Splits leading node properties (a tag and/or an anchor) from the rest.</summary>
    private static (string? Tag, string Text) Properties(string text)
    {
        string? tag = null;
        while (text.Length > 0 && (text[0] == '!' || text[0] == '&'))
        {
            var end = text.IndexOf(' ');
            var token = end < 0 ? text : text[..end];
            if (token[0] == '!')
                tag = token;
            text = end < 0 ? "" : text[(end + 1)..].TrimStart();
        }
        return (tag, text);
    }

    internal static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";
}
