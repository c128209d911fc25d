using System.Text.Json;
using System.Text.RegularExpressions;
using RunLens.Formats.Json;
using RunLens.Formats.Yaml;
using RunLens.Loading.Discovery;

namespace RunLens.Formats.Wandb;

/// <summary>
/// Weights &amp; Biases local run folders, <c>wandb/run-&lt;yyyyMMdd_HHmmss&gt;-&lt;id&gt;/</c> and
/// <c>offline-run-...</c> (the SDK's run directory: <c>files/</c>, <c>logs/</c>, <c>run-&lt;id&gt;.wandb</c>). A folder
/// holding such folders claims them all, and its <c>latest-run</c> link is not read again. Per run:
/// <c>files/config.yaml</c> (each key wrapped as <c>{desc, value}</c>, or <c>{value}</c>) is the config, its
/// <c>_wandb</c> key's scalars become <c>_wandb.*</c> tags; <c>files/wandb-metadata.json</c> (host, program, python,
/// gpu, git...) becomes tags as written; <c>files/wandb-summary.json</c>, the last value of each metric, becomes
/// <c>summary.*</c> tags (W&amp;B media and histograms as their <c>_type</c>). The history is
/// <c>wandb-history.jsonl</c> (older clients; <c>_step</c> is a step field) when present, else the binary
/// <c>run-&lt;id&gt;.wandb</c>, read by <see cref="WandbLogReader"/>. The timestamp is the folder's. Clients before
/// 0.10 wrote these files in the run folder itself, without <c>files/</c>: they are read there.
/// </summary>
internal sealed partial class WandbFormat : IRunFormat
{
    /// <summary>The <see cref="RunInfo.Format"/> of W&amp;B runs.</summary>
    public const string Format = "wandb";


    private const string HistoryFile = "wandb-history.jsonl";
    private const long MaxSmallFileBytes = 16 << 20;

    [GeneratedRegex(@"^(?:offline-)?run-(\d{8}_\d{6})-([A-Za-z0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RunFolderName();

    public FolderClaim? Claim(RunFolder folder)
    {
        var context = folder.Context;
        if (RunFolderName().Match(folder.Dir.Name) is { Success: true } own && IsRunFolder(folder.Dir, folder.Files, folder.Children))
            return new FolderClaim([Describe(folder.Dir, own, context)]) { Descend = false };

        var runs = new List<Run>();
        var consumed = new List<string>();
        foreach (var child in folder.Children)
        {
            if (child.LinkTarget is null && RunFolderName().Match(child.Name) is { Success: true } match && IsRunFolder(child))
            {
                runs.Add(Describe(child, match, context));
                consumed.Add(child.Name);
            }
        }
        if (runs.Count == 0)
            return null;
        // latest-run (and any other link here) points at a run folder already listed.
        consumed.AddRange(folder.Children.Where(c => c.LinkTarget is not null).Select(c => c.Name));
        return new FolderClaim(runs) { Consumed = consumed };
    }

    private static bool IsRunFolder(DirectoryInfo dir)
    {
        try
        {
            return IsRunFolder(dir, dir.GetFiles(), dir.GetDirectories());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsRunFolder(DirectoryInfo dir, IEnumerable<FileInfo> files, IEnumerable<DirectoryInfo> children) =>
        children.Any(c => c.Name == "files") || files.Any(f => f.Name.EndsWith(".wandb", StringComparison.Ordinal) || f.Name == HistoryFile);

    private static Run Describe(DirectoryInfo dir, Match name, DiscoveryContext context)
    {
        var id = name.Groups[2].Value;
        // Clients before 0.10 kept the run's files in the run folder itself, not in files/.
        var filesDir = Path.Combine(dir.FullName, "files");
        if (!Directory.Exists(filesDir))
            filesDir = dir.FullName;
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var config = ReadConfig(Path.Combine(filesDir, "config.yaml"), tags, context.Issues);
        if (ReadJson(Path.Combine(filesDir, "wandb-metadata.json"), context.Issues) is { } metadata)
            Flatten(metadata, "", tags);
        if (ReadJson(Path.Combine(filesDir, "wandb-summary.json"), context.Issues) is { } summary)
            Flatten(summary, "summary.", tags);

        var notes = new List<string>();
        var files = new List<RunFile>();
        var history = new[] { Path.Combine(filesDir, HistoryFile), Path.Combine(dir.FullName, HistoryFile) }.FirstOrDefault(File.Exists);
        var binary = Path.Combine(dir.FullName, $"run-{id}.wandb");
        if (history is not null)
        {
            files.Add(context.Describe(new FileInfo(history), JsonSource.Instance));
        }
        else if (File.Exists(binary))
        {
            files.Add(context.Describe(new FileInfo(binary), WandbLogSource.Instance));
            notes.Add($"history read from the binary run-{id}.wandb (W&B's transaction log): its history records, at full resolution");
        }
        else
        {
            notes.Add($"no history: the run folder has neither {HistoryFile} nor run-{id}.wandb; only its config and summary are known");
        }
        if (dir.Name.StartsWith("offline-", StringComparison.Ordinal))
            notes.Add("an offline run (never synced to W&B)");

        var info = RunConventions.Info(dir, context, Format, files, config) with
        {
            Timestamp = name.Groups[1].Value,
            Tags = tags,
            Notes = notes,
        };
        return new Run(info, context.Options);
    }

    /// <summary>
    /// The config from <c>config.yaml</c>: each key's <c>value</c> (the wrapper's <c>desc</c> dropped), flattened; the
    /// <c>_wandb</c> key's scalars go to the tags; <c>wandb_version</c> is dropped.
    /// </summary>
    private static Dictionary<string, ConfigValue> ReadConfig(string path, IDictionary<string, string> tags, List<LoadIssue> issues)
    {
        if (!File.Exists(path))
            return new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        YamlNode root;
        try
        {
            root = YamlReader.Parse(File.ReadAllText(path));
        }
        catch (YamlException ex)
        {
            issues.Add(new LoadIssue(path, null, ex.Line, $"cannot read the config: {ex.Message}; the run loads without a config"));
            return new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(path, null, null, $"cannot read the config: {ex.Message}; the run loads without a config"));
            return new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        }
        if (root is not YamlMapping mapping)
        {
            if (root is not YamlScalar { Value: null })
                issues.Add(new LoadIssue(path, null, root.Line, "the config is not a YAML mapping; the run loads without a config"));
            return new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        }
        var entries = new List<(string Key, YamlNode Value)>();
        foreach (var (key, node) in mapping.Entries)
        {
            var value = node is YamlMapping wrapper && wrapper["value"] is { } inner && wrapper.Entries.All(e => e.Key is "value" or "desc")
                ? inner
                : node;
            if (key == "wandb_version")
                continue;
            if (key == "_wandb")
            {
                if (value is YamlMapping wandb)
                {
                    foreach (var (name, item) in wandb.Entries)
                    {
                        if (item is YamlScalar scalar)
                            tags["_wandb." + name] = YamlConfig.Scalar(scalar).ToString();
                    }
                }
                continue;
            }
            entries.Add((key, value));
        }
        return YamlConfig.Flatten(new YamlMapping(entries, null, mapping.Line));
    }

    /// <summary>A small JSON object file, or null (absent, or reported). Python's bare NaN/Infinity are read as such.</summary>
    private static JsonElement? ReadJson(string path, List<LoadIssue> issues)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxSmallFileBytes)
            {
                issues.Add(new LoadIssue(path, null, null, FormattableString.Invariant($"{length} bytes is too large for this file; not read")));
                return null;
            }
            var bytes = File.ReadAllBytes(path);
            var element = Parse(bytes) ?? ParseWithNonFinite(bytes);
            if (element is { ValueKind: JsonValueKind.Object })
                return element;
            issues.Add(new LoadIssue(path, 0, 1, "not a JSON object; not read"));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(path, null, null, $"cannot read: {ex.Message}; the run loads without it"));
            return null;
        }
    }

    private static JsonElement? Parse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes);
            return JsonElement.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? ParseWithNonFinite(byte[] bytes)
    {
        var start = bytes.AsSpan().IndexOfAnyExcept(" \t\r\n\uFEFF"u8);
        byte[] copy = [];
        return start >= 0 && bytes[start] == '{'
            && NonFiniteLiterals.Rewrite(bytes.AsSpan(start), ref copy, out _, out var written) == ParseOutcome.Complete
            ? Parse(copy.AsSpan(0, written))
            : null;
    }

    /// <summary>
    /// Adds an object's values as text tags under dotted names: numbers as written, arrays as JSON text, W&amp;B objects
    /// (media, histograms, tables: a <c>_type</c> key) as their type.
    /// </summary>
    private static void Flatten(JsonElement element, string prefix, IDictionary<string, string> into)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix + property.Name;
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Object when value.TryGetProperty("_type", out var type):
                    into[key] = type.ValueKind == JsonValueKind.String ? type.GetString()! : type.GetRawText();
                    break;
                case JsonValueKind.Object:
                    Flatten(value, key + ".", into);
                    break;
                case JsonValueKind.String:
                    into[key] = NonFiniteText(value.GetString()!);
                    break;
                case JsonValueKind.Null:
                    into[key] = "";
                    break;
                default:
                    into[key] = value.GetRawText();
                    break;
            }
        }
    }

    /// <summary>A marker string of <see cref="NonFiniteLiterals"/> back to Python's token; other text unchanged.</summary>
    private static string NonFiniteText(string text) => text switch
    {
        "\uFDD0N" => "NaN",
        "\uFDD0P" => "Infinity",
        "\uFDD0M" => "-Infinity",
        _ => text,
    };
}
