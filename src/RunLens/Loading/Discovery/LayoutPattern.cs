using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RunLens.Loading.Discovery;

/// <summary>
/// A parsed <see cref="LoadOptions.Layout"/>: folder names with placeholders (<c>{algo}/{env}_seed{seed}</c>), one
/// regular expression per folder, matched against the last folders of a run's path.
/// </summary>
internal sealed partial class LayoutPattern
{
    private readonly Regex[] _segments;
    private readonly List<string> _names;

    private LayoutPattern(string text, Regex[] segments, List<string> names)
    {
        Text = text;
        _segments = segments;
        _names = names;
    }

    /// <summary>The pattern as given.</summary>
    public string Text { get; }

    /// <summary>The number of folders the pattern names.</summary>
    public int Depth => _segments.Length;

    [GeneratedRegex(@"\{([^{}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderName();

    /// <summary>Parses a pattern; a malformed one is a <see cref="RunLoadException"/> that says what is wrong.</summary>
    public static LayoutPattern Parse(string text)
    {
        var trimmed = text.Trim().Trim('/');
        if (trimmed.Length == 0)
            throw Bad(text, "it is empty");
        var names = new List<string>();
        var segments = new List<Regex>();
        foreach (var segment in trimmed.Split('/'))
        {
            if (segment.Length == 0)
                throw Bad(text, "it has an empty folder name ('//')");
            var regex = new StringBuilder("^");
            var at = 0;
            foreach (Match m in Placeholder().Matches(segment))
            {
                regex.Append(Literal(text, segment[at..m.Index]));
                var name = m.Groups[1].Value;
                if (!PlaceholderName().IsMatch(name))
                    throw Bad(text, $"'{{{name}}}' is not a placeholder name (letters, digits, '_', '.', '-')");
                if (names.Contains(name, StringComparer.Ordinal))
                    throw Bad(text, $"{{{name}}} appears twice");
                var group = string.Create(CultureInfo.InvariantCulture, $"p{names.Count}");
                names.Add(name);
                // Seeds are digits, so "{env}_seed{seed}" splits "CartPole-v1_seed10" at the last "_seed".
                regex.Append(name == "seed" ? $"(?<{group}>\\d{{1,18}})" : $"(?<{group}>.+?)");
                at = m.Index + m.Length;
            }
            regex.Append(Literal(text, segment[at..])).Append('$');
            segments.Add(new Regex(regex.ToString(), RegexOptions.CultureInvariant));
        }
        if (names.Count == 0)
            throw Bad(text, "it has no placeholder such as {variant} or {seed}");
        return new LayoutPattern(text, [.. segments], names);
    }

    private static string Literal(string pattern, string literal)
    {
        if (literal.Contains('{', StringComparison.Ordinal) || literal.Contains('}', StringComparison.Ordinal))
            throw Bad(pattern, "a '{' or '}' is not part of a {placeholder}");
        return Regex.Escape(literal);
    }

    private static RunLoadException Bad(string pattern, string why) =>
        new($"The layout '{pattern}' (LoadOptions.Layout) cannot be used: {why}. Write folder names with placeholders, for example \"{{algo}}/{{env}}_seed{{seed}}\" or \"{{variant}}/seed{{seed}}\".");

    /// <summary>The values the pattern reads from the end of <paramref name="folders"/>, or null when it does not match.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Match(IReadOnlyList<string> folders)
    {
        if (folders.Count < _segments.Length)
            return null;
        var values = new List<KeyValuePair<string, string>>();
        var offset = folders.Count - _segments.Length;
        for (var i = 0; i < _segments.Length; i++)
        {
            var m = _segments[i].Match(folders[offset + i]);
            if (!m.Success)
                return null;
            for (var n = 0; n < _names.Count; n++)
            {
                if (m.Groups[string.Create(CultureInfo.InvariantCulture, $"p{n}")] is { Success: true } g)
                    values.Add(KeyValuePair.Create(_names[n], g.Value));
            }
        }
        return values;
    }
}
