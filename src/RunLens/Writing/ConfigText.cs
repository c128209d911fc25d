using System.Globalization;
using System.Text.Json;

namespace RunLens;

/// <summary>Hyperparameter values: checked, written to config.json, and turned into invariant text for sinks.</summary>
internal static class ConfigText
{
    public static List<KeyValuePair<string, string>> Convert(IReadOnlyList<KeyValuePair<string, object?>> hyperparameters)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var text = new List<KeyValuePair<string, string>>(hyperparameters.Count);
        foreach (var (name, value) in hyperparameters)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException("A hyperparameter has an empty name; every hyperparameter needs a name.", nameof(hyperparameters));
            if (!seen.Add(name))
                throw new ArgumentException($"The hyperparameter '{name}' is given twice; config.json holds each name once.", nameof(hyperparameters));
            text.Add(new(name, ToText(name, value)));
        }
        return text;
    }

    public static void Write(Utf8JsonWriter json, IReadOnlyList<KeyValuePair<string, object?>> hyperparameters)
    {
        json.WriteStartObject();
        foreach (var (name, value) in hyperparameters)
        {
            json.WritePropertyName(name);
            switch (value)
            {
                case null: json.WriteNullValue(); break;
                case string s: json.WriteStringValue(s); break;
                case bool b: json.WriteBooleanValue(b); break;
                case double d: json.WriteNumberValue(d); break;
                case float f: json.WriteNumberValue(f); break;
                case decimal m: json.WriteNumberValue(m); break;
                case ulong u: json.WriteNumberValue(u); break;
                default: json.WriteNumberValue(System.Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            }
        }
        json.WriteEndObject();
    }

    private static string ToText(string name, object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        float f when float.IsFinite(f) => f.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        double or float => throw new ArgumentException(
            $"The hyperparameter '{name}' is {System.Convert.ToString(value, CultureInfo.InvariantCulture)}, which config.json cannot hold; give a finite number.", "hyperparameters"),
        sbyte or byte or short or ushort or int or uint or long or ulong => System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => throw new ArgumentException(
            $"The hyperparameter '{name}' is a {value.GetType().Name}; config.json takes numbers, booleans, strings and null. Convert it first (for example with ToString(CultureInfo.InvariantCulture)).", "hyperparameters"),
    };
}
