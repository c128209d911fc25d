using RunLens.Loading.Discovery;

namespace RunLens.Formats.RayTune;

internal sealed partial class RayTuneFormat
{
    /// <summary>Gives every trial of one experiment its variant and makes the runs.</summary>
    private static List<Run> Describe(
        List<PreparedTrial> trials, string experiment, List<StateEntry> stateOnly, DiscoveryContext context, DirectoryInfo? experimentDir = null)
    {
        var all = new List<PreparedTrial>(trials);
        foreach (var entry in stateOnly)
        {
            var config = new Dictionary<string, ConfigValue>(entry.Trial.Config, StringComparer.Ordinal);
            var trial = new PreparedTrial { State = entry, Config = config, Status = entry.Trial.Status, Name = entry.Trial.LogDir is { } l ? RayTrialName.Parse(l) : null };
            trial.Notes.Add($"listed in {entry.File.Name} only: no trial folder here, so no results");
            if (entry.Trial.Status is { } status)
                trial.Notes.Add($"status {status} from {entry.File.Name}");
            all.Add(trial);
        }
        foreach (var trial in all)
        {
            trial.Env = Text(trial.Config, "env") ?? trial.Name?.Env;
            trial.Swept = Swept(trial);
        }
        var envsDiffer = all.Select(t => t.Env).Distinct(StringComparer.Ordinal).Count() > 1;
        var runs = new List<Run>();
        foreach (var trial in all)
        {
            var swept = trial.Swept;
            if (envsDiffer && trial.Env is { } env && !swept.Any(kv => kv.Key == "env"))
                swept = [new("env", ConfigValue.Of(env)), .. swept];
            var variant = swept.Count == 0 ? experiment
                : experiment + "/" + string.Join(",", swept.Select(kv => kv.Key + "=" + kv.Value.ToString()));
            runs.Add(MakeRun(trial, variant, experiment, context, experimentDir));
        }
        return runs;
    }

    /// <summary>The trial's swept values except seeds, sorted by key.</summary>
    private static List<KeyValuePair<string, ConfigValue>> Swept(PreparedTrial trial)
    {
        IEnumerable<KeyValuePair<string, ConfigValue>> values =
            trial.State is { Trial.Evaluated.Count: > 0 } state ? state.Trial.Evaluated
            : trial.Name?.Vars ?? [];
        return values.Where(kv => !IsSeed(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
    }

    private static bool IsSeed(string key)
    {
        var last = key[(key.LastIndexOfAny(['.', '/']) + 1)..];
        return last.Equals("seed", StringComparison.OrdinalIgnoreCase) || last.Equals("random_seed", StringComparison.OrdinalIgnoreCase);
    }

    private static string? Text(IReadOnlyDictionary<string, ConfigValue> config, string key) =>
        config.TryGetValue(key, out var value) && value.Text is { Length: > 0 } text ? text : null;

    private static Run MakeRun(PreparedTrial trial, string variant, string experiment, DiscoveryContext context, DirectoryInfo? experimentDir)
    {
        var state = trial.State?.Trial;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        AddTag(tags, "trainable", state?.Trainable ?? trial.Name?.Trainable);
        AddTag(tags, "env", trial.Env);
        AddTag(tags, "trial_id", state?.TrialId);
        AddTag(tags, "experiment_tag", state?.ExperimentTag);
        AddTag(tags, "experiment", experiment);
        RunInfo info;
        if (trial.Folder is { } folder)
        {
            info = RunConventions.Info(folder.Dir, context, Format, trial.Files, trial.Config, trial.RunName);
        }
        else
        {
            var dir = experimentDir!;
            var relative = context.Relative(dir.FullName);
            var leaf = state!.LogDir ?? string.Join('_', new[] { state.Trainable, trial.Env, state.TrialId, state.ExperimentTag }.Where(p => p is { Length: > 0 }));
            info = RunConventions.Info(dir, context, Format, [], trial.Config, relative == "." ? leaf : relative + "/" + leaf);
        }
        info = info with
        {
            Variant = variant,
            Timestamp = trial.Name?.Date,
            Tags = tags,
            Status = trial.Status,
            Notes = trial.Mirrors?.Notes(trial.Notes) ?? trial.Notes,
        };
        return new Run(info, context.Options);
    }

    private static void AddTag(Dictionary<string, string> tags, string key, string? value)
    {
        if (value is { Length: > 0 })
            tags[key] = value;
    }
}
