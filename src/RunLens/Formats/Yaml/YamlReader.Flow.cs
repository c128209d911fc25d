using System.Globalization;
using System.Text;

namespace RunLens.Formats.Yaml;

internal static partial class YamlReader
{
    /// <summary>Flow collections and quoted scalars, within one (joined) line.</summary>
    private sealed class FlowParser(string text, int line)
    {
        public int Position { get; private set; }

        public void End()
        {
            SkipSpaces();
            if (Position < text.Length)
                throw new YamlException(line, $"unexpected '{text[Position..]}' after a value");
        }

        private int _depth;

        public YamlNode Value(string? tag)
        {
            if (++_depth > MaxDepth)
                throw new YamlException(line, FormattableString.Invariant($"flow collections nested deeper than {MaxDepth} levels"));
            try
            {
                return ValueAt(tag);
            }
            finally
            {
                _depth--;
            }
        }

        private YamlNode ValueAt(string? tag)
        {
            SkipSpaces();
            if (Position < text.Length && text[Position] is '!' or '&')
            {
                var start = Position;
                while (Position < text.Length && text[Position] != ' ')
                    Position++;
                var token = text[start..Position];
                if (token[0] == '!')
                    tag = token;
                SkipSpaces();
            }
            if (Position >= text.Length)
                return new YamlScalar(null, false, tag, line);
            switch (text[Position])
            {
                case '[':
                {
                    Position++;
                    var items = new List<YamlNode>();
                    while (true)
                    {
                        SkipSpaces();
                        if (Expect(']'))
                            return new YamlSequence(items, tag, line);
                        items.Add(Value(null));
                        SkipSpaces();
                        if (!Expect(',') && !Peek(']'))
                            throw new YamlException(line, "expected ',' or ']' in a flow sequence");
                    }
                }
                case '{':
                {
                    Position++;
                    var entries = new List<(string, YamlNode)>();
                    while (true)
                    {
                        SkipSpaces();
                        if (Expect('}'))
                            return new YamlMapping(entries, tag, line);
                        var key = Position < text.Length && text[Position] is '"' or '\'' ? QuotedText() : Plain(inMappingKey: true);
                        SkipSpaces();
                        var value = Expect(':') ? Value(null) : new YamlScalar(null, false, null, line);
                        entries.Add((key, value));
                        SkipSpaces();
                        if (!Expect(',') && !Peek('}'))
                            throw new YamlException(line, "expected ',' or '}' in a flow mapping");
                    }
                }
                case '"' or '\'':
                    return new YamlScalar(QuotedText(), true, tag, line);
                default:
                    var plain = Plain(inMappingKey: false);
                    return new YamlScalar(IsNull(plain) ? null : plain, false, tag, line);
            }
        }

        public string QuotedText()
        {
            var quote = text[Position++];
            var sb = new StringBuilder();
            while (Position < text.Length)
            {
                var c = text[Position++];
                if (c == quote)
                {
                    if (quote == '\'' && Position < text.Length && text[Position] == '\'')
                    {
                        sb.Append('\'');
                        Position++;
                        continue;
                    }
                    return sb.ToString();
                }
                if (quote == '"' && c == '\\' && Position < text.Length)
                    sb.Append(Escape());
                else
                    sb.Append(c);
            }
            throw new YamlException(line, $"unterminated {(quote == '"' ? "double" : "single")}-quoted string");
        }

        private string Escape()
        {
            var c = text[Position++];
            switch (c)
            {
                case 'n': return "\n";
                case 't': return "\t";
                case 'r': return "\r";
                case '0': return "\0";
                case '"': return "\"";
                case '\\': return "\\";
                case '/': return "/";
                case ' ': return " ";
                case 'x' or 'u' or 'U':
                    var digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                    if (Position + digits > text.Length)
                        throw new YamlException(line, $"a short \\{c} escape");
                    // Not hex, or not a Unicode scalar (a lone surrogate, beyond U+10FFFF): YAML's error, not a crash.
                    if (!uint.TryParse(text.AsSpan(Position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                        || !Rune.IsValid(code))
                        throw new YamlException(line, $"\\{c}{text.Substring(Position, digits)} is not an escaped Unicode character");
                    Position += digits;
                    return new Rune(code).ToString();
                default:
                    return "\\" + c;
            }
        }

        private string Plain(bool inMappingKey)
        {
            var start = Position;
            while (Position < text.Length)
            {
                var c = text[Position];
                if (c is ',' or ']' or '}')
                    break;
                if (c == ':' && (inMappingKey || Position + 1 == text.Length || text[Position + 1] is ' ' or ',' or ']' or '}'))
                    break;
                Position++;
            }
            return text[start..Position].Trim();
        }

        private void SkipSpaces()
        {
            while (Position < text.Length && text[Position] == ' ')
                Position++;
        }

        private bool Expect(char c)
        {
            if (Position < text.Length && text[Position] == c)
            {
                Position++;
                return true;
            }
            return false;
        }

        private bool Peek(char c) => Position < text.Length && text[Position] == c;
    }
}
