using System.Text.Json;
using System.Text.Unicode;
using RunLens.Formats.Json;
using RunLens.Loading.Discovery;

namespace RunLens.Formats.RayTune;

/// <summary>
/// The small JSON documents of a Ray Tune experiment (<c>params.json</c>, <c>experiment_state-*.json</c>, the first
/// line of <c>result.json</c>), read the way Python wrote them: bare <c>NaN</c>/<c>Infinity</c>/<c>-Infinity</c>
/// tokens are accepted, and a file that is really a pickle (Tune has written pickles under <c>.json</c> names) is
/// recognised and reported instead of failing as broken JSON.
/// </summary>
internal static class RayJson
{
    /// <summary>Config values that could not be written as JSON: Tune stores them as hex pickles.</summary>
    public const string PickledValue = "(pickled Python object)";

    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, MaxDepth = 256 };

    /// <summary>
    /// Parses a document. Returns null with <paramref name="problem"/> set when it is not JSON: a pickle, binary
    /// data, or broken JSON (the problem then says where).
    /// </summary>
    public static JsonDocument? Parse(ReadOnlySpan<byte> bytes, out string? problem)
    {
        problem = null;
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];
        var first = bytes.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
        {
            problem = "the file is empty";
            return null;
        }
        if (bytes[first] == 0x80)
        {
            problem = "not JSON: a binary Python pickle (it starts with byte 0x80)";
            return null;
        }
        if (bytes[first] is not ((byte)'{' or (byte)'[') || !Utf8.IsValid(bytes))
        {
            problem = $"not JSON: it starts with byte 0x{bytes[first]:X2}{(Utf8.IsValid(bytes) ? "" : " and is not UTF-8 text")}";
            return null;
        }
        try
        {
            return JsonDocument.Parse(bytes.ToArray(), Options);
        }
        catch (JsonException ex) when (NonFiniteLiterals.MayContainToken(bytes))
        {
            // Python's bare NaN/Infinity: rewrite them as marker strings (read back by Value) and try again.
            if (bytes[first] == '{')
            {
                var target = new byte[bytes.Length + 256];
                if (NonFiniteLiterals.Rewrite(bytes[first..], ref target, out _, out var written) == ParseOutcome.Complete)
                {
                    try
                    {
                        return JsonDocument.Parse(target.AsMemory(0, written), Options);
                    }
                    catch (JsonException again)
                    {
                        problem = Describe(again);
                        return null;
                    }
                }
            }
            problem = Describe(ex);
            return null;
        }
        catch (JsonException ex)
        {
            problem = Describe(ex);
            return null;
        }
    }

    /// <summary>Reads and parses a small JSON file; problems become an issue naming the file.</summary>
    public static JsonDocument? Read(FileInfo file, List<LoadIssue> issues, string whatHappens)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(file.FullName, null, null, $"cannot read: {ex.Message}; {whatHappens}"));
            return null;
        }
        var doc = Parse(bytes, out var problem);
        if (doc is null)
            issues.Add(new LoadIssue(file.FullName, 0, null, $"{problem}; {whatHappens}"));
        return doc;
    }

    /// <summary>
    /// Adds an object's values under dotted names as every run's JSON config is flattened
    /// (<see cref="RunConventions.Flatten(JsonElement, string, Dictionary{string, ConfigValue})"/>), except that
    /// Tune's pickled fallbacks become <see cref="PickledValue"/> and its NaN/Infinity markers numbers.
    /// </summary>
    public static void Flatten(JsonElement element, string prefix, Dictionary<string, ConfigValue> into) =>
        RunConventions.Flatten(element, prefix, into, TuneValue);

    /// <summary>What Tune encodes inside JSON values; null for an ordinary value.</summary>
    private static ConfigValue? TuneValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object when IsPickled(value) => ConfigValue.Of(PickledValue),
        JsonValueKind.String => Value(value.GetString()!),
        _ => null,
    };

    /// <summary>True for Tune's <c>{"_type": "CLOUDPICKLE_FALLBACK", "value": "&lt;hex&gt;"}</c>.</summary>
    public static bool IsPickled(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("_type", out var type)
        && type.ValueKind == JsonValueKind.String && type.GetString() is "CLOUDPICKLE_FALLBACK" or "PICKLE_FALLBACK";

    /// <summary>A string value, or the number a non-finite marker stands for.</summary>
    private static ConfigValue Value(string text) => text switch
    {
        "\uFDD0N" => ConfigValue.Of(double.NaN),
        "\uFDD0P" => ConfigValue.Of(double.PositiveInfinity),
        "\uFDD0M" => ConfigValue.Of(double.NegativeInfinity),
        _ => ConfigValue.Of(text),
    };

    /// <summary>The text of a string element, with non-finite markers shown as Python wrote them.</summary>
    public static string? Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() switch
        {
            "\uFDD0N" => "NaN",
            "\uFDD0P" => "Infinity",
            "\uFDD0M" => "-Infinity",
            var s => s,
        },
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => null,
    };

    private static string Describe(JsonException ex) =>
        ex.LineNumber is { } line
            ? $"invalid JSON at line {line + 1}: {Clean(ex.Message)}"
            : $"invalid JSON: {Clean(ex.Message)}";

    private static string Clean(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
