using System.Globalization;
using System.Text;

namespace RunLens.Formats.RayTune;

/// <summary>
/// Reads the numbers out of a Python dict as <c>repr</c> printed it, the way Ray Tune before 0.8 wrote nested results
/// into <c>progress.csv</c> cells (<c>{'learner': {'cur_lr': 0.0005, 'entropy': 804.1}, 'done': True}</c>). Numbers
/// (with <c>nan</c>, <c>inf</c>, <c>-inf</c>) and booleans become values under dotted names, like the nested objects
/// of <c>result.json</c>; strings, <c>None</c>, lists and tuples are passed over, as the JSON reader passes over
/// arrays. Anything else (an object's <c>&lt;...&gt;</c> repr, a call such as <c>array([...])</c>) makes the cell
/// unreadable as a dict, and it stays text.
/// </summary>
internal ref struct PythonLiteral
{
    private readonly ReadOnlySpan<char> _text;
    private readonly List<(string Name, double Value)> _values;
    private int _at;

    private PythonLiteral(ReadOnlySpan<char> text, List<(string Name, double Value)> values)
    {
        _text = text;
        _values = values;
    }

    /// <summary>
    /// The numeric leaves of a dict literal under <paramref name="prefix"/>, or false (and nothing added) when the
    /// text is not a dict literal made of the parts above.
    /// </summary>
    public static bool TryReadDict(string text, string prefix, List<(string Name, double Value)> values)
    {
        var start = values.Count;
        var reader = new PythonLiteral(text.AsSpan(), values);
        reader.SkipSpace();
        if (reader.Peek() != '{' || !reader.Value(prefix, depth: 0))
        {
            values.RemoveRange(start, values.Count - start);
            return false;
        }
        reader.SkipSpace();
        if (reader._at == text.Length)
            return true;
        values.RemoveRange(start, values.Count - start);
        return false;
    }

    private readonly char Peek() => _at < _text.Length ? _text[_at] : '\0';

    private void SkipSpace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
            _at++;
    }

    /// <summary>Reads one value; its numbers are kept under <paramref name="name"/>, or dropped when it is null.</summary>
    private bool Value(string? name, int depth)
    {
        if (depth > 64)
            return false;
        SkipSpace();
        var c = Peek();
        switch (c)
        {
            case '{':
                return Dict(name, depth);
            case '[' or '(':
                return Sequence(c == '[' ? ']' : ')', depth);
            case '\'' or '"':
                return String(out _);
        }
        var token = Token();
        if (token.IsEmpty)
            return false;
        switch (token)
        {
            case "True" or "False":
                if (name is not null)
                    _values.Add((name, token is "True" ? 1 : 0));
                return true;
            case "None":
                return true;
        }
        if (!TryNumber(token, out var number))
            return false;
        if (name is not null)
            _values.Add((name, number));
        return true;
    }

    private bool Dict(string? name, int depth)
    {
        _at++;
        while (true)
        {
            SkipSpace();
            if (Peek() == '}')
            {
                _at++;
                return true;
            }
            if (!Key(out var key))
                return false;
            SkipSpace();
            if (Peek() != ':')
                return false;
            _at++;
            if (!Value(name is null ? null : name.Length == 0 ? key : name + "." + key, depth + 1))
                return false;
            SkipSpace();
            if (Peek() == ',')
                _at++;
            else if (Peek() != '}')
                return false;
        }
    }

    private bool Key(out string key)
    {
        key = "";
        var c = Peek();
        if (c is '\'' or '"')
            return String(out key);
        // Policy ids and other keys may be numbers or names.
        var token = Token();
        if (token.IsEmpty)
            return false;
        key = token.ToString();
        return true;
    }

    private bool Sequence(char close, int depth)
    {
        _at++;
        while (true)
        {
            SkipSpace();
            if (Peek() == close)
            {
                _at++;
                return true;
            }
            // Elements have no names: like arrays in result.json, their numbers are not fields.
            if (!Value(null, depth + 1))
                return false;
            SkipSpace();
            if (Peek() == ',')
                _at++;
            else if (Peek() != close)
                return false;
        }
    }

    private bool String(out string value)
    {
        value = "";
        var quote = _text[_at++];
        var text = new StringBuilder();
        while (_at < _text.Length)
        {
            var c = _text[_at++];
            if (c == quote)
            {
                value = text.ToString();
                return true;
            }
            if (c == '\\' && _at < _text.Length)
            {
                var escaped = _text[_at++];
                text.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => escaped });
                continue;
            }
            text.Append(c);
        }
        return false;
    }

    /// <summary>A run of characters that can make a number or a name.</summary>
    private ReadOnlySpan<char> Token()
    {
        var start = _at;
        while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] is '.' or '-' or '+' or '_'))
            _at++;
        return _text[start.._at];
    }

    private static bool TryNumber(ReadOnlySpan<char> token, out double number)
    {
        switch (token)
        {
            case "nan" or "-nan":
                number = double.NaN;
                return true;
            case "inf":
                number = double.PositiveInfinity;
                return true;
            case "-inf":
                number = double.NegativeInfinity;
                return true;
        }
        // Python ints may carry '_' separators only in source code, never in repr: a plain float parse suffices.
        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }
}
