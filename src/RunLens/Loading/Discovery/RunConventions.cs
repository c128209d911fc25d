using System.Text.Json;
using RunLens.Formats.Json;
using RunLens.Formats.Yaml;

namespace RunLens.Loading.Discovery;

/// <summary>
/// The conventions every run shares, whatever its format: the name (path from the loaded folder), the timestamp of
/// <c>experiments/&lt;variant&gt;/&lt;timestamp&gt;/</c>, the config's seed, and the configuration file. Variant and
/// seed from folder names are settled after every format has claimed its runs (<see cref="RunIdentities"/>).
/// </summary>
internal static class RunConventions
{
    private static readonly string[] ConfigFiles =
        ["config.json", "params.json", "hparams.json", "args.json", "config.yaml", "config.yml", "hparams.yaml"];

    /// <summary>A JSON-log run of a folder: its files, and the config file found beside them.</summary>
    public static Run Describe(DirectoryInfo dir, DiscoveryContext context, IReadOnlyList<RunFile> files) =>
        new(Info(dir, context, LogFiles.Format, files, ReadConfig(dir, context.Issues)), context.Options);

    /// <summary>
    /// A run's description from its folder: the name is the folder's path from the loaded folder (unless given), the
    /// timestamp a timestamp-named folder's name, the seed the config's <c>seed</c>. The variant is left to the
    /// format (its tool's own identity) and then to <see cref="RunIdentities"/> (folder layouts, the layout pattern).
    /// </summary>
    public static RunInfo Info(DirectoryInfo dir, DiscoveryContext context, string format, IReadOnlyList<RunFile> files,
        IReadOnlyDictionary<string, ConfigValue> config, string? name = null)
    {
        var relative = context.Relative(dir.FullName);
        name ??= relative == "." ? dir.Name : relative;
        var timestamp = FolderLayouts.TimestampPattern().IsMatch(dir.Name) ? dir.Name : null;
        return new RunInfo(name, format, dir.FullName, null, timestamp, SeedFrom(config), config, files);
    }

    private static long? SeedFrom(IReadOnlyDictionary<string, ConfigValue> config) =>
        config.TryGetValue("seed", out var v) && v.Number is { } n && n == Math.Floor(n) ? (long)n : null;

    /// <summary>Reads the first config file found, flattened to dotted names. A broken one is an issue, not an error.</summary>
    public static Dictionary<string, ConfigValue> ReadConfig(DirectoryInfo dir, List<LoadIssue> issues)
    {
        var config = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var path = ConfigFiles.Select(f => Path.Combine(dir.FullName, f)).FirstOrDefault(File.Exists);
        if (path is null)
            return config;
        if (path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            return ReadYamlConfig(path, issues);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            });
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
                Flatten(doc.RootElement, "", config);
            else
                issues.Add(new LoadIssue(path, 0, 1, "the config is not a JSON object; the run loads without a config"));
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(path, null, null, $"cannot read the config: {ex.Message}; the run loads without a config"));
        }
        return config;
    }

    /// <summary>Reads a YAML config (see <see cref="YamlConfig"/>). A broken one is an issue with its line.</summary>
    public static Dictionary<string, ConfigValue> ReadYamlConfig(string path, List<LoadIssue> issues)
    {
        try
        {
            var root = YamlReader.Parse(File.ReadAllText(path));
            if (YamlConfig.AsMapping(root) is null && root is not YamlScalar { Value: null })
                issues.Add(new LoadIssue(path, null, root.Line, "the config is not a YAML mapping; the run loads without a config"));
            return YamlConfig.Flatten(root);
        }
        catch (YamlException ex)
        {
            issues.Add(new LoadIssue(path, null, ex.Line, $"cannot read the config: {ex.Message}; the run loads without a config"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(path, null, null, $"cannot read the config: {ex.Message}; the run loads without a config"));
        }
        return new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
    }

    /// <summary>Adds an object's values to <paramref name="into"/> under dotted names (arrays as lists, null as null).</summary>
    public static void Flatten(JsonElement element, string prefix, Dictionary<string, ConfigValue> into) =>
        Flatten(element, prefix, into, special: null);

    /// <summary>
    /// Adds an object's values to <paramref name="into"/> under dotted names: objects nest, numbers, booleans and
    /// text keep their types, arrays are lists of values, null is <see cref="ConfigValue.Null"/>. <paramref name="special"/>, when given,
    /// sees each value first and returns what to keep for it, or null to let those rules decide: a format's own
    /// encodings inside JSON (Ray Tune's pickled objects and non-finite markers) stay with that format.
    /// </summary>
    public static void Flatten(JsonElement element, string prefix, Dictionary<string, ConfigValue> into, Func<JsonElement, ConfigValue?>? special)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
            var value = property.Value;
            if (special?.Invoke(value) is { } kept)
            {
                into[key] = kept;
                continue;
            }
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(value, key, into, special);
                    break;
                default:
                    into[key] = Value(value, special);
                    break;
            }
        }
    }

    /// <summary>
    /// One JSON value as a config value: numbers, booleans and text keep their types, null is
    /// <see cref="ConfigValue.Null"/>, arrays are lists of their items; an object inside an array (which has no dotted
    /// name to flatten to) is its JSON text.
    /// </summary>
    public static ConfigValue Value(JsonElement value, Func<JsonElement, ConfigValue?>? special = null)
    {
        if (special?.Invoke(value) is { } kept)
            return kept;
        return value.ValueKind switch
        {
            JsonValueKind.Number => ConfigValue.Of(value.GetDouble()),
            JsonValueKind.True or JsonValueKind.False => ConfigValue.Of(value.GetBoolean()),
            JsonValueKind.String => ConfigValue.Of(value.GetString()!),
            JsonValueKind.Array => ConfigValue.List(value.EnumerateArray().Select(item => Value(item, special)).ToList()),
            JsonValueKind.Object => ConfigValue.Of(value.GetRawText()),
            _ => ConfigValue.Null,
        };
    }
}
