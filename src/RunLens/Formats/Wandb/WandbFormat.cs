using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RunLens.Formats.Json;
using RunLens.Formats.Yaml;
using RunLens.Loading.Discovery;

namespace RunLens.Formats.Wandb;

/// <summary>
/// Weights &amp; Biases local run folders, <c>wandb/run-&lt;yyyyMMdd_HHmmss&gt;-&lt;id&gt;/</c> and
/// <c>offline-run-...</c> (the SDK's run directory: <c>files/</c>, <c>logs/</c>, <c>run-&lt;id&gt;.wandb</c>). A folder
/// holding such folders claims them all, and its <c>latest-run</c> link is not read again.
/// </summary>
/// <remarks>
/// <para>Current clients write only <c>run-&lt;id&gt;.wandb</c>, W&amp;B's transaction log: its history records are the
/// run's records (<see cref="WandbLogReader"/>), and its other records, read once at discovery by
/// <see cref="WandbRunLog"/>, give the config (hyperparameters, nested values under dotted names, <c>_wandb</c>
/// left out), the <see cref="RunInfo.Summary"/>, the run's tags (<see cref="RunInfo.Tags"/>, each a key with an empty
/// value), its id, display name, project, entity, group, job type, notes and host (<see cref="RunInfo.SystemTags"/>
/// under the proto's names: <c>run_id</c>, <c>display_name</c>, <c>project</c>, <c>group</c>...), the x axes of
/// <c>define_metric</c> (<see cref="RunInfo.XAxes"/>) and the status from the exit record: <c>finished</c> (exit code
/// 0), <c>crashed (exit code N)</c>, or <c>running or killed (no exit record)</c> with a note; an empty (0-byte) log
/// is the status <c>empty</c> with a note, not a broken file.</para>
/// <para>Older clients also wrote <c>files/config.yaml</c> (each key wrapped as <c>{desc, value}</c>: unwrapped; its
/// <c>_wandb</c> key's scalars become <c>_wandb.*</c> system tags), <c>files/wandb-summary.json</c> and
/// <c>wandb-history.jsonl</c> (before 0.10, in the run folder itself): they are read when the log lacks that part
/// (the history file, when present, is the history). <c>files/wandb-metadata.json</c> (host, program, python, gpu,
/// git...) becomes system tags as written.</para>
/// <para>Runs are named as W&amp;B shows them: the path of the folder holding the run folders, then the display name;
/// runs sharing a display name there keep their folder's path. The variant is the run's group (W&amp;B's way of
/// gathering seeds of one configuration), the timestamp the folder's.</para>
/// </remarks>
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
            return new FolderClaim(Named([Describe(folder.Dir, own, context)], context, folder.Dir.Parent)) { Descend = false };

        var runs = new List<(Run Run, string? DisplayName)>();
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
        return new FolderClaim(Named(runs, context, folder.Dir)) { Consumed = consumed };
    }

    /// <summary>
    /// Names runs as W&amp;B shows them: <c>&lt;folder of the run folders&gt;/&lt;display name&gt;</c>. Runs whose display name
    /// another run there shares (or that have none) keep their folder's path, which is unique.
    /// </summary>
    private static List<Run> Named(List<(Run Run, string? DisplayName)> runs, DiscoveryContext context, DirectoryInfo? parent)
    {
        var relative = parent is null ? "." : context.Relative(parent.FullName);
        var prefix = relative == "." || relative.StartsWith("..", StringComparison.Ordinal) ? "" : relative + "/";
        var shared = runs.Where(r => r.DisplayName is not null).GroupBy(r => r.DisplayName, StringComparer.Ordinal)
            .Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return runs.Select(r => r.DisplayName is { } name && !shared.Contains(name) ? r.Run.Renamed(prefix + name) : r.Run).ToList();
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

    private static (Run Run, string? DisplayName) Describe(DirectoryInfo dir, Match name, DiscoveryContext context)
    {
        var id = name.Groups[2].Value;
        // Clients before 0.10 kept the run's files in the run folder itself, not in files/.
        var filesDir = Path.Combine(dir.FullName, "files");
        if (!Directory.Exists(filesDir))
            filesDir = dir.FullName;
        var system = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var config = ReadConfig(Path.Combine(filesDir, "config.yaml"), system, context.Issues);
        if (ReadJson(Path.Combine(filesDir, "wandb-metadata.json"), context.Issues) is { } metadata)
            Flatten(metadata, "", system);
        var summary = ReadJson(Path.Combine(filesDir, "wandb-summary.json"), context.Issues) is { } summaryJson
            ? WandbRunLog.Flatten(JsonObject.Create(summaryJson)!, media: true)
            : new Dictionary<string, ConfigValue>(StringComparer.Ordinal);

        var notes = new List<string>();
        var files = new List<RunFile>();
        string? status = null, displayName = null, group = null;
        IReadOnlyDictionary<string, string> axes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var history = new[] { Path.Combine(filesDir, HistoryFile), Path.Combine(dir.FullName, HistoryFile) }.FirstOrDefault(File.Exists);
        var binary = new FileInfo(Path.Combine(dir.FullName, $"run-{id}.wandb"));
        if (history is not null)
            files.Add(context.Describe(new FileInfo(history), JsonSource.Instance));
        if (binary.Exists && binary.Length == 0)
        {
            status = "empty";
            notes.Add($"run-{id}.wandb is empty (0 bytes): the run never flushed its log (it was starting, or was killed at once); nothing to read");
        }
        else if (binary.Exists)
        {
            if (history is null)
            {
                files.Add(context.Describe(binary, WandbLogSource.Instance));
                notes.Add($"history read from the binary run-{id}.wandb (W&B's transaction log): its history records, at full resolution");
            }
            if (WandbRunLog.Read(binary.FullName, context.Options.Fields) is { } log)
            {
                // The log is what the client itself keeps; config.yaml and wandb-summary.json (older clients) are
                // copies written from it, read when the log has none.
                if (log.Config.Count > 0)
                    config = WandbRunLog.Flatten(log.Config, media: false);
                if (log.Summary.Count > 0)
                    summary = WandbRunLog.Flatten(log.Summary, media: true);
                foreach (var (key, value) in log.Identity)
                    system[key] = value;
                foreach (var tag in log.Tags)
                    tags[tag] = "";
                log.Identity.TryGetValue("display_name", out displayName);
                log.Identity.TryGetValue("group", out group);
                axes = log.XAxes;
                (status, var note) = Status(log.ExitCode, id);
                if (note is not null)
                    notes.Add(note);
                if (axes.Count > 0)
                {
                    notes.Add("plotted against another metric (define_metric step_metric; Run.Metric gives them so): "
                        + string.Join(", ", axes.Select(a => $"{a.Key} against {a.Value}")));
                }
            }
        }
        else if (history is null)
        {
            notes.Add($"no history: the run folder has neither {HistoryFile} nor run-{id}.wandb; only its config and summary are known");
        }
        if (dir.Name.StartsWith("offline-", StringComparison.Ordinal))
            notes.Add("an offline run (never synced to W&B)");

        var info = RunConventions.Info(dir, context, Format, files, config) with
        {
            // W&B's group gathers the runs of one configuration (seeds, workers): what a variant is here.
            Variant = group,
            Timestamp = name.Groups[1].Value,
            Status = status,
            Tags = tags,
            SystemTags = system,
            Summary = summary,
            XAxes = axes,
            Notes = notes,
        };
        return (new Run(info, context.Options), displayName);
    }

    /// <summary>
    /// The run's state from its exit record (RunExitRecord.exit_code), as W&amp;B shows it: 0 is finished, anything else
    /// crashed; a log without one is a run still running, or killed before it could write it (SIGKILL, power loss).
    /// </summary>
    private static (string Status, string? Note) Status(int? exitCode, string id) => exitCode switch
    {
        0 => ("finished", null),
        { } code => (string.Create(CultureInfo.InvariantCulture, $"crashed (exit code {code})"),
            string.Create(CultureInfo.InvariantCulture, $"the run exited with code {code}")),
        null => ("running or killed (no exit record)",
            $"run-{id}.wandb has no exit record: the run is still running, or was killed before it could finish (SIGKILL, out of memory, power loss)"),
    };

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
