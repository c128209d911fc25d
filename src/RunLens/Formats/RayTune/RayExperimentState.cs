using System.Text.Json;
using System.Text;

namespace RunLens.Formats.RayTune;

/// <summary>One trial as a Tune experiment checkpoint lists it.</summary>
/// <param name="TrialId">Tune's trial id (<c>51f92a76</c>, <c>a1b2c_00000</c>).</param>
/// <param name="Trainable">The trainable name (<c>PPO</c>).</param>
/// <param name="ExperimentTag">The experiment tag (<c>0_env=BreakoutNoFrameskip-v4</c>).</param>
/// <param name="Status">Tune's status: <c>PENDING</c>, <c>RUNNING</c>, <c>PAUSED</c>, <c>TERMINATED</c> or <c>ERROR</c>.</param>
/// <param name="LogDir">The name of the trial's folder (the last part of its logdir), when it had one.</param>
/// <param name="Config">The trial's config, flattened.</param>
/// <param name="Evaluated">The values the search chose for this trial (the swept ones), flattened.</param>
internal sealed record RayStateTrial(
    string? TrialId, string? Trainable, string? ExperimentTag, string? Status, string? LogDir,
    Dictionary<string, ConfigValue> Config, Dictionary<string, ConfigValue> Evaluated);

/// <summary>
/// Reads Tune's experiment checkpoint, <c>experiment_state-&lt;date&gt;.json</c>. Its <c>checkpoints</c> list holds one
/// entry per trial, either an object or (Ray 0.8 to 1.x) a JSON string holding the trial's JSON, so the trial is
/// decoded twice; Ray 2 writes <c>trial_data</c> pairs of JSON strings (the trial, then its runtime state). Values
/// Python could not write as JSON are <c>{"_type": "CLOUDPICKLE_FALLBACK", "value": "&lt;hex&gt;"}</c> blobs, and
/// numbers may be bare <c>NaN</c>/<c>Infinity</c>/<c>-Infinity</c> tokens, at both levels.
/// </summary>
internal static class RayExperimentState
{
    /// <summary>True for a file name Tune gives its experiment checkpoints.</summary>
    public static bool IsStateFile(string name) =>
        name.StartsWith("experiment_state", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal);

    /// <summary>The trials of a state file; empty (with an issue) when the file cannot be read.</summary>
    public static List<RayStateTrial> Read(FileInfo file, List<LoadIssue> issues)
    {
        var trials = new List<RayStateTrial>();
        using var doc = RayJson.Read(file, issues, "the file is skipped (trial status and configs from it are not used)");
        if (doc is null)
            return trials;
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            issues.Add(new LoadIssue(file.FullName, 0, 1, "not an experiment state: the document is not a JSON object; the file is skipped"));
            return trials;
        }
        var index = 0;
        if (root.TryGetProperty("checkpoints", out var checkpoints) && checkpoints.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in checkpoints.EnumerateArray())
            {
                if (Decode(entry, file, index, issues) is { } trial)
                    trials.Add(Trial(trial.RootElement, null));
                index++;
            }
        }
        if (root.TryGetProperty("trial_data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var pair in data.EnumerateArray())
            {
                var parts = pair.ValueKind == JsonValueKind.Array ? pair.EnumerateArray().ToList() : [pair];
                using var trial = parts.Count > 0 ? Decode(parts[0], file, index, issues) : null;
                using var runtime = parts.Count > 1 ? Decode(parts[1], file, index, issues) : null;
                if (trial is not null)
                    trials.Add(Trial(trial.RootElement, runtime?.RootElement));
                index++;
            }
        }
        return trials;
    }

    /// <summary>An entry as an object: itself, or the JSON document its string holds.</summary>
    private static JsonDocument? Decode(JsonElement entry, FileInfo file, int index, List<LoadIssue> issues)
    {
        if (entry.ValueKind == JsonValueKind.Object)
            return JsonDocument.Parse(entry.GetRawText());
        if (entry.ValueKind == JsonValueKind.String)
        {
            var doc = RayJson.Parse(Encoding.UTF8.GetBytes(entry.GetString()!), out var problem);
            if (doc is not null && doc.RootElement.ValueKind == JsonValueKind.Object)
                return doc;
            doc?.Dispose();
            issues.Add(new LoadIssue(file.FullName, null, null,
                $"trial entry {index}: {problem ?? "not a JSON object"}; this trial is skipped"));
            return null;
        }
        issues.Add(new LoadIssue(file.FullName, null, null, $"trial entry {index}: expected an object or a JSON string, found {entry.ValueKind}; this trial is skipped"));
        return null;
    }

    private static RayStateTrial Trial(JsonElement trial, JsonElement? runtime)
    {
        var config = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        if (trial.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object)
            RayJson.Flatten(c, "", config);
        var evaluated = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        if (trial.TryGetProperty("evaluated_params", out var e) && e.ValueKind == JsonValueKind.Object)
            RayJson.Flatten(e, "", evaluated);
        var status = Text(runtime, "status") ?? Text(trial, "status");
        // The folder's name moved between Ray versions: logdir (to 1.x), relative_logdir (2.0 to 2.6), a trial dir
        // name (2.7 and later).
        var logdir = Text(trial, "logdir") ?? Text(trial, "relative_logdir") ?? Text(trial, "_relative_logdir")
            ?? Text(trial, "trial_dir_name") ?? Text(trial, "_trial_dir_name") ?? Text(runtime, "logdir");
        return new RayStateTrial(Text(trial, "trial_id"), Text(trial, "trainable_name"), Text(trial, "experiment_tag"),
            status, LastPart(logdir), config, evaluated);
    }

    private static string? Text(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static string? LastPart(string? path) =>
        path?.TrimEnd('/', '\\') is { Length: > 0 } trimmed ? trimmed[(trimmed.LastIndexOfAny(['/', '\\']) + 1)..] : null;
}
