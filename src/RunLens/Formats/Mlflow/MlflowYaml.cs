using System.Globalization;
using System.Text.RegularExpressions;
using System.Text;

namespace RunLens;

/// <summary>
/// The one place RunLens writes YAML: the flat <c>key: value</c> files of an MLflow file store (<c>meta.yaml</c>), in
/// the style PyYAML's <c>safe_dump</c> gives them. Strings stay plain unless YAML would read them as another type
/// or they hold indicator characters; then they are single-quoted (<c>''</c>, <c>'0'</c>), or double-quoted with
/// escapes when they hold control characters.
/// </summary>
internal sealed partial class MlflowYaml
{
    private readonly StringBuilder _text = new();

    /// <summary>Adds <c>key: 'value'</c> or <c>key: value</c> for a string.</summary>
    public MlflowYaml String(string key, string value) => Line(key, Scalar(value));

    /// <summary>Adds <c>key: 123</c>, or <c>key: null</c> for a missing number.</summary>
    public MlflowYaml Integer(string key, long? value) =>
        Line(key, value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "null");

    /// <summary>Adds a line whose value is already YAML (<c>null</c>, <c>[]</c>).</summary>
    public MlflowYaml Raw(string key, string yaml) => Line(key, yaml);

    /// <summary>The document, each line ending with <c>\n</c>.</summary>
    public override string ToString() => _text.ToString();

    /// <summary>A YAML scalar for <paramref name="value"/> that reads back as the same string.</summary>
    public static string Scalar(string value)
    {
        if (value.Any(c => char.IsControl(c)))
            return DoubleQuoted(value);
        return NeedsQuotes(value) ? "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'" : value;
    }

    private MlflowYaml Line(string key, string yaml)
    {
        _text.Append(key).Append(": ").Append(yaml).Append('\n');
        return this;
    }

    private static bool NeedsQuotes(string value) =>
        value.Length == 0
        || "#,[]{}&*!|>'\"%@` ".Contains(value[0], StringComparison.Ordinal)
        || ("-?:".Contains(value[0], StringComparison.Ordinal) && (value.Length == 1 || value[1] == ' '))
        || value[^1] is ' ' or ':'
        || value.Contains(": ", StringComparison.Ordinal)
        || value.Contains(" #", StringComparison.Ordinal)
        || OtherType().IsMatch(value);

    private static string DoubleQuoted(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    // PyYAML's implicit resolvers (bool, float, int, null, timestamp, merge, value): a plain scalar matching one of
    // them would read back as something other than a string.
    [GeneratedRegex(@"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
        + @"|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        + @"|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
        + @"|~|null|Null|NULL"
        + @"|[0-9]{4}-[0-9][0-9]-[0-9][0-9]|[0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?"
        + @"|<<|=)$")]
    private static partial Regex OtherType();
}
