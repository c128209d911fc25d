using System.Globalization;
using System.Text.Json;
using System.Text;

namespace RunLens.Formats.Yaml;

/// <summary>
/// Turns a YAML configuration into a run's <see cref="RunInfo.Config"/>: nested mappings flatten to dotted names,
/// Python's <c>OrderedDict</c> dumps (a tagged list of key/value pairs, as RL Baselines3 Zoo writes
/// <c>config.yml</c>) read as mappings, scalars are typed as PyYAML types them (null, booleans <c>true/yes/on</c>...,
/// integers, floats incl. <c>.inf</c>/<c>.nan</c>) except that <c>1e-4</c> is a number here (PyYAML reads it as text,
/// which no researcher means), quoted scalars stay text, and sequences become lists (<see cref="ConfigValue.Items"/>).
/// </summary>
internal static class YamlConfig
{
    /// <summary>The flattened configuration; an empty one when the root is not a mapping (or pair list).</summary>
    public static Dictionary<string, ConfigValue> Flatten(YamlNode root)
    {
        var into = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        if (AsMapping(root) is { } entries)
            Flatten(entries, "", into);
        return into;
    }

    /// <summary>
    /// The entries of a mapping, or of a Python <c>OrderedDict</c> dump (<c>!!python/object/apply:collections.OrderedDict</c>
    /// tags a list of the constructor's arguments, whose one item is the list of key/value pairs); null for anything else.
    /// </summary>
    public static IReadOnlyList<(string Key, YamlNode Value)>? AsMapping(YamlNode node)
    {
        if (node is YamlMapping mapping)
            return mapping.Entries;
        if (node is YamlSequence { Items: [YamlSequence pairs] } arguments && IsOrderedDict(arguments)
            && pairs.Items.All(i => i is YamlSequence { Items: [YamlScalar { Value: not null }, _] }))
            return pairs.Items.Select(i => (((YamlScalar)((YamlSequence)i).Items[0]).Value!, ((YamlSequence)i).Items[1])).ToList();
        return null;
    }

    private static bool IsOrderedDict(YamlSequence sequence) =>
        sequence.Tag is { } tag && tag.Contains("OrderedDict", StringComparison.Ordinal);

    private static void Flatten(IReadOnlyList<(string Key, YamlNode Value)> entries, string prefix, Dictionary<string, ConfigValue> into)
    {
        foreach (var (key, value) in entries)
        {
            var name = prefix.Length == 0 ? key : prefix + "." + key;
            if (AsMapping(value) is { } nested)
                Flatten(nested, name, into);
            else if (value is YamlScalar scalar)
                into[name] = Scalar(scalar);
            else
                into[name] = Value(value);
        }
    }

    /// <summary>
    /// A node as a config value: scalars typed (<see cref="Scalar"/>), sequences as lists of their items; a mapping
    /// inside a sequence (no dotted name to flatten to) is its JSON text.
    /// </summary>
    public static ConfigValue Value(YamlNode node) => node switch
    {
        _ when AsMapping(node) is not null => ConfigValue.Of(ToJson(node)),
        YamlScalar scalar => Scalar(scalar),
        YamlSequence sequence => ConfigValue.List(sequence.Items.Select(Value).ToList()),
        _ => ConfigValue.Of(ToJson(node)),
    };

    /// <summary>A scalar typed as PyYAML would (see the class remarks); null is <see cref="ConfigValue.Null"/>.</summary>
    public static ConfigValue Scalar(YamlScalar scalar)
    {
        if (scalar.Value is not { } text)
            return ConfigValue.Null;
        if (scalar.Quoted || scalar.Tag is "!!str")
            return ConfigValue.Of(text);
        if (text is "null" or "Null" or "NULL" or "~")
            return ConfigValue.Null;
        if (Boolean(text) is { } b)
            return ConfigValue.Of(b);
        if (Number(text) is { } n)
            return ConfigValue.Of(n);
        return ConfigValue.Of(text);
    }

    private static bool? Boolean(string text) => text switch
    {
        "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" => true,
        "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" => false,
        _ => null,
    };

    private static double? Number(string text)
    {
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
        }
        if (text.Length == 0 || !(char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.'))
            return null;
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (plain.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(plain[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            return hex;
        return double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !plain.Contains(' ', StringComparison.Ordinal)
            ? value
            : null;
    }

    /// <summary>A node as JSON text (for sequences in a config): scalars typed, mappings as objects.</summary>
    public static string ToJson(YamlNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, node);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        if (AsMapping(node) is { } entries)
        {
            writer.WriteStartObject();
            foreach (var (key, value) in entries)
            {
                writer.WritePropertyName(key);
                Write(writer, value);
            }
            writer.WriteEndObject();
            return;
        }
        switch (node)
        {
            case YamlSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            case YamlScalar scalar:
                var value = Scalar(scalar);
                if (value.IsNull)
                    writer.WriteNullValue();
                else if (value.Boolean is { } b)
                    writer.WriteBooleanValue(b);
                else if (value.Number is { } n && double.IsFinite(n))
                    writer.WriteNumberValue(n);
                else
                    writer.WriteStringValue(scalar.Value);
                break;
        }
    }
}
