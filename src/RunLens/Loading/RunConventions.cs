using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RunLens;

/// <summary>
/// The conventions every run shares, whatever its format: the name (path from the loaded folder), the variant and
/// timestamp of <c>experiments/&lt;variant&gt;/&lt;timestamp&gt;/</c>, the seed, and the configuration file.
/// </summary>
internal static partial class RunConventions
{
    private static readonly string[] ConfigFiles = ["config.json", "params.json", "hparams.json", "args.json"];

    [GeneratedRegex(@"^(\d{8}[_-]?\d{6}|\d{4}-\d{2}-\d{2}[_T-]\d{2}[-:.]?\d{2}[-:.]?\d{2})", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"(?:^|[_\-/.])(?:seed|s)[_=\-]?(\d{1,9})(?=$|[_\-/.])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SeedPattern();

    public static Run Describe(DirectoryInfo dir, string loadRoot, List<RunFile> files, LoadOptions options, List<LoadIssue> issues)
    {
        var relative = Path.GetRelativePath(loadRoot, dir.FullName).Replace('\\', '/');
        var name = relative == "." ? dir.Name : relative;
        var isTimestamp = TimestampPattern().IsMatch(dir.Name);
        var timestamp = isTimestamp ? dir.Name : null;
        var variant = isTimestamp ? dir.Parent?.Name : null;
        var config = ReadConfig(dir, issues);
        var seed = SeedFrom(config) ?? SeedFrom(name);
        return new Run(new RunInfo(name, LogFiles.Format, dir.FullName, variant, timestamp, seed, config, files), options);
    }

    private static long? SeedFrom(IReadOnlyDictionary<string, ConfigValue> config) =>
        config.TryGetValue("seed", out var v) && v.Number is { } n && n == Math.Floor(n) ? (long)n : null;

    private static long? SeedFrom(string name)
    {
        var match = SeedPattern().Match(name);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Reads the first config file found, flattened to dotted names. A broken one is an issue, not an error.</summary>
    private static Dictionary<string, ConfigValue> ReadConfig(DirectoryInfo dir, List<LoadIssue> issues)
    {
        var config = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var path = ConfigFiles.Select(f => Path.Combine(dir.FullName, f)).FirstOrDefault(File.Exists);
        if (path is null)
            return config;
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

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, ConfigValue> into)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(value, key, into);
                    break;
                case JsonValueKind.Number:
                    into[key] = ConfigValue.Of(value.GetDouble());
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    into[key] = ConfigValue.Of(value.GetBoolean());
                    break;
                case JsonValueKind.String:
                    into[key] = ConfigValue.Of(value.GetString()!);
                    break;
                case JsonValueKind.Array:
                    into[key] = ConfigValue.Of(value.GetRawText());
                    break;
                default:
                    into[key] = ConfigValue.Of("");
                    break;
            }
        }
    }
}
