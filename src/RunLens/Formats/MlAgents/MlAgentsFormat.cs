using System.Globalization;
using System.Text.Json;
using RunLens.Formats.TensorBoard;
using RunLens.Loading.Discovery;

namespace RunLens.Formats.MlAgents;

/// <summary>
/// Unity ML-Agents results folders (<c>mlagents-learn --run-id=ID</c> writes <c>results/ID/</c>): a folder holding
/// <c>configuration.yaml</c> (the full resolved settings) and a <c>run_logs/</c> folder, with one subfolder per
/// behavior holding that behavior's TensorBoard event files (ML-Agents' <c>TensorboardWriter</c> writes each
/// behavior, its stats category, to <c>ID/&lt;BehaviorName&gt;/events.out.tfevents...</c>). Each behavior with event
/// files is a run of format <c>ml-agents</c>: named after the results folder when it has one behavior, after the
/// behavior's folder when it has several (their tags are the same, <c>Environment/Cumulative Reward</c>, so they
/// cannot share one run). Tags keep their names as written.
/// </summary>
/// <remarks>
/// <para>The configuration is <c>configuration.yaml</c> flattened with names as written
/// (<c>behaviors.3DBall.hyperparameters.batch_size</c>, <c>env_settings.seed</c>); another behavior's settings are
/// left out of a behavior's run. The seed is <c>env_settings.seed</c> unless it is -1 (ML-Agents' "random").</para>
/// <para><c>run_logs/training_status.json</c> gives the ML-Agents, PyTorch and status-format versions as tags
/// (<c>mlagents.*</c>) and the behavior's checkpoints and final checkpoint as notes; <c>run_logs/timers.json</c>'s
/// metadata (start and end times, command line, versions) are tags under <c>timers.</c>, and its gauges (whole-run
/// summaries, not series) are counted in a note. The event files' text summaries (ML-Agents writes the
/// hyperparameters as a <c>Hyperparameters</c> text summary at step 0) are read as TensorBoard reads them: text
/// values of their records (<see cref="RecordRow.Text"/>), not series, and the scan's notes name them.</para>
/// </remarks>
internal sealed class MlAgentsFormat : IRunFormat
{
    /// <summary>The run format name.</summary>
    public const string Format = "ml-agents";

    private const string Configuration = "configuration.yaml";
    private const string RunLogs = "run_logs";

    public FolderClaim? Claim(RunFolder folder)
    {
        if (folder.File(Configuration) is not { } configFile || folder.Child(RunLogs) is not { } runLogs)
            return null;
        var context = folder.Context;
        var behaviors = folder.Children
            .Select(dir => (Dir: dir, Events: EventFiles(dir, context.Issues)))
            .Where(b => b.Events.Count > 0)
            .ToList();
        var config = RunConventions.ReadYamlConfig(configFile.FullName, context.Issues);
        var status = ReadJson(Path.Combine(runLogs.FullName, "training_status.json"), context.Issues);
        var timers = ReadJson(Path.Combine(runLogs.FullName, "timers.json"), context.Issues);
        var runs = new List<Run>();
        foreach (var (dir, events) in behaviors)
        {
            var behavior = dir.Name;
            var files = TensorBoardSource.Describe(events, context, out _);
            var own = config.Where(kv => OwnKey(kv.Key, behavior))
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            var tags = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["mlagents.behavior"] = behavior };
            var notes = new List<string>();
            if (status is { } s)
                ReadStatus(s, behavior, tags, notes);
            if (timers is { } t)
                ReadTimers(t, tags, notes);
            var info = RunConventions.Info(behaviors.Count == 1 ? folder.Dir : dir, context, Format, files, own) with
            {
                Tags = tags,
                Notes = notes,
            };
            if (own.TryGetValue("env_settings.seed", out var seed) && seed.Number is { } n && n >= 0 && n == Math.Floor(n))
                info = info with { Seed = (long)n };
            runs.Add(new Run(info, context.Options));
        }
        // The results folder owns its tree: checkpoints (.onnx, .pt) and the behaviors' folders hold no other runs.
        return new FolderClaim(runs) { Descend = false };
    }

    /// <summary>True for settings of every behavior's run: all but the other behaviors' <c>behaviors.&lt;name&gt;.*</c>.</summary>
    private static bool OwnKey(string key, string behavior) =>
        !key.StartsWith("behaviors.", StringComparison.Ordinal) || key.StartsWith("behaviors." + behavior + ".", StringComparison.Ordinal);

    /// <summary>The folder's event files in the order TensorBoard reads them (a resumed run adds a later file).</summary>
    private static List<FileInfo> EventFiles(DirectoryInfo dir, List<LoadIssue> issues)
    {
        try
        {
            return dir.GetFiles().Where(f => TensorBoardFormat.IsEventFile(f.Name))
                .OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(dir.FullName, null, null, $"cannot list folder: {ex.Message}"));
            return [];
        }
    }

    /// <summary>training_status.json: <c>{"metadata": {...versions}, "&lt;behavior&gt;": {"checkpoints": [...], "final_checkpoint": {...}}}</c>.</summary>
    private static void ReadStatus(JsonElement status, string behavior, IDictionary<string, string> tags, List<string> notes)
    {
        if (status.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in metadata.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                    tags["mlagents." + property.Name] = property.Value.GetString()!;
            }
        }
        if (!status.TryGetProperty(behavior, out var own) || own.ValueKind != JsonValueKind.Object)
            return;
        if (own.TryGetProperty("checkpoints", out var checkpoints) && checkpoints.ValueKind == JsonValueKind.Array && checkpoints.GetArrayLength() > 0)
        {
            var last = checkpoints[checkpoints.GetArrayLength() - 1];
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"training_status.json: {checkpoints.GetArrayLength()} checkpoints, the last {Checkpoint(last)}"));
        }
        if (own.TryGetProperty("final_checkpoint", out var final) && final.ValueKind == JsonValueKind.Object)
            notes.Add("training_status.json: final checkpoint " + Checkpoint(final));
        if (own.TryGetProperty("lesson_num", out var lesson) && lesson.ValueKind == JsonValueKind.Number)
            tags["mlagents.lesson_num"] = lesson.GetRawText();
    }

    /// <summary>A checkpoint entry (<c>steps</c>, <c>file_path</c>, <c>reward</c>) in words.</summary>
    private static string Checkpoint(JsonElement checkpoint)
    {
        if (checkpoint.ValueKind != JsonValueKind.Object)
            return "(unreadable)";
        var parts = new List<string>();
        if (checkpoint.TryGetProperty("steps", out var steps) && steps.ValueKind == JsonValueKind.Number)
            parts.Add("at step " + steps.GetRawText());
        if (checkpoint.TryGetProperty("reward", out var reward) && reward.ValueKind == JsonValueKind.Number)
            parts.Add("mean reward " + reward.GetDouble().ToString("G6", CultureInfo.InvariantCulture));
        if (checkpoint.TryGetProperty("file_path", out var path) && path.ValueKind == JsonValueKind.String)
            parts.Add(path.GetString()!);
        return parts.Count > 0 ? string.Join(", ", parts) : "(no step)";
    }

    /// <summary>timers.json: its <c>metadata</c> strings as tags; its <c>gauges</c> counted.</summary>
    private static void ReadTimers(JsonElement timers, IDictionary<string, string> tags, List<string> notes)
    {
        if (timers.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in metadata.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                    tags["timers." + property.Name] = property.Value.GetString()!;
            }
        }
        if (timers.TryGetProperty("gauges", out var gauges) && gauges.ValueKind == JsonValueKind.Object)
        {
            var count = gauges.EnumerateObject().Count();
            if (count > 0)
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"timers.json: {count} gauges (value, min, max and count over the whole run; not series)"));
        }
    }

    /// <summary>A small JSON object file, or null when absent or unreadable (then an issue).</summary>
    private static JsonElement? ReadJson(string path, List<LoadIssue> issues)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
                return doc.RootElement.Clone();
            issues.Add(new LoadIssue(path, 0, 1, "not a JSON object; left out"));
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(path, null, null, $"cannot read: {ex.Message}; left out"));
        }
        return null;
    }
}
