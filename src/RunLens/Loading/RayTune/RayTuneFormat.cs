using System.Text.Json;
using RunLens.Loading.Discovery;

namespace RunLens.Loading.RayTune;

/// <summary>
/// Ray Tune / RLlib results: one run per trial, format <c>ray-tune</c>.
/// </summary>
/// <remarks>
/// <para><b>Where trials are.</b> An experiment folder holds trial folders (see <see cref="RayTrialFolder"/>) and
/// usually <c>experiment_state-&lt;date&gt;.json</c>, Tune's experiment checkpoint (see
/// <see cref="RayExperimentState"/>). A trial folder loaded by itself is a run too. Trials that the state file
/// lists but that have no folder here are still listed, as runs without data files, with their status and config.
/// A state file that is not JSON (a pickle under a <c>.json</c> name) is reported and skipped.</para>
/// <para><b>Which file is read.</b> A trial's <c>result.json</c>, <c>progress.csv</c> and event files hold the same
/// results, so one is read: <c>result.json</c> when it is not empty (it is the most complete: nested results keep
/// their numbers), else <c>progress.csv</c>, else <c>progress.csv</c> inside <c>results.zip</c> (the zip is the
/// published file; a <c>results.zip.extracted/</c> copy beside it is read only when the zip cannot be), else the
/// event files. <see cref="RunInfo.Notes"/> says which was read and which mirrors were not. Field names are the same
/// whichever it is (see <see cref="RayRecordReader"/>); the step is <c>timesteps_total</c>, else
/// <c>training_iteration</c>.</para>
/// <para><b>Failed trials.</b> Empty result files (size 0) are reported as issues naming the file; a trial with no
/// results at all has status <c>FAILED</c> unless the state file gives its status, or <c>ERROR</c> when Tune left an
/// <c>error.txt</c>.</para>
/// <para><b>Hyperparameters</b> (<see cref="RunInfo.Config"/>): <c>params.json</c>; else the config the state file
/// holds for the trial; else the <c>config</c> of the first result in <c>result.json</c>; else the swept values in
/// the folder name (<c>learning_starts=10003,use_pytorch=True</c>, typed: numbers, <c>True</c>/<c>False</c>, text).
/// The seed is the config's <c>seed</c>.</para>
/// <para><b>Variant.</b> Trials of one experiment that differ only in their seed are the same configuration, so
/// <c>runs.ByVariant()</c> should put them together and keep other configurations apart. The variant is the
/// experiment folder's name followed by the trial's swept values other than seeds, from the state file's
/// <c>evaluated_params</c> or else the folder name (<c>2020-04-21/learning_starts=10003,use_pytorch=true</c>), and by
/// <c>env=...</c> when the experiment's trials differ in environment and the environment is not one of the swept
/// values; with no such values it is the experiment folder's name alone (<c>pong-impala-lowlatency-32</c>).</para>
/// <para><b>Tags</b>: <c>trainable</c>, <c>env</c>, <c>trial_id</c>, <c>experiment_tag</c>, <c>experiment</c>, when
/// known. <see cref="RunInfo.Timestamp"/> is the date in the trial folder's name.</para>
/// </remarks>
internal sealed class RayTuneFormat : IRunFormat
{
    public const string Format = "ray-tune";

    public FolderClaim? Claim(RunFolder folder)
    {
        var context = folder.Context;
        var self = RayTrialFolder.Inspect(folder);
        if (self.IsTrial)
        {
            var experiment = folder.Dir.Parent?.Name ?? "";
            // Subfolders are still searched: published result sets keep whole experiments below a trial's files
            // (rl-experiments' halfcheetah-sac/ holds a trial and the 2020-04-21/ sweep). Checkpoints and the
            // extracted copy of results.zip are the trial's own.
            return new FolderClaim(Describe(Prepare(self, null, context), experiment, [], context))
            {
                Consumed = folder.Children.Where(c => IsOwnFolder(self, c)).Select(c => c.Name).ToList(),
            };
        }

        var stateFiles = folder.Files.Where(f => RayExperimentState.IsStateFile(f.Name)).ToList();
        var candidates = folder.Children.Where(c => !c.Name.StartsWith('.') && RayTrialFolder.MayBe(c)).ToList();
        if (stateFiles.Count == 0 && candidates.Count == 0)
            return null;
        var states = ReadStates(stateFiles, context.Issues);

        var trials = new List<PreparedTrial>();
        var matched = new HashSet<RayStateTrial>();
        foreach (var child in folder.Children)
        {
            var state = states.FirstOrDefault(s => !matched.Contains(s.Trial) && Matches(s.Trial, child.Name));
            if (state.Trial is null && !candidates.Contains(child))
                continue;
            if (RunFolder.List(child, context) is not { } listed)
                continue;
            var inspected = RayTrialFolder.Inspect(listed);
            if (!inspected.IsTrial && state.Trial is null)
                continue;
            if (state.Trial is not null)
                matched.Add(state.Trial);
            // A trial folder holding more than its own subfolders is left to claim itself when the walk gets there,
            // so what lies below it is searched too (without the state file's status: rare enough).
            if (inspected.IsTrial && listed.Children.Any(c => !IsOwnFolder(inspected, c)))
                continue;
            trials.AddRange(Prepare(inspected, state.Trial is null ? null : state, context));
        }
        var unmatched = states.Where(s => !matched.Contains(s.Trial)).ToList();
        if (trials.Count == 0 && unmatched.Count == 0)
            return null;
        var runs = Describe(trials, folder.Dir.Name, unmatched, context, folder.Dir);
        return new FolderClaim(runs) { Consumed = trials.Select(t => t.Folder!.Dir.Name).Distinct(StringComparer.Ordinal).ToList() };
    }

    /// <summary>Subfolders that are part of a trial: checkpoints, the extracted copy of its zip, hidden folders.</summary>
    private static bool IsOwnFolder(RayTrialFolder trial, DirectoryInfo child) =>
        child.Name.StartsWith('.') || child.Name.StartsWith("checkpoint", StringComparison.Ordinal)
        || child.FullName == trial.Extracted?.FullName;

    /// <summary>A state file's trial with the file it came from.</summary>
    private readonly record struct StateEntry(RayStateTrial Trial, FileInfo File);

    /// <summary>The trials of every state file; a later file (by name, so by date) replaces a trial it lists again.</summary>
    private static List<StateEntry> ReadStates(List<FileInfo> files, List<LoadIssue> issues)
    {
        var entries = new List<StateEntry>();
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            foreach (var trial in RayExperimentState.Read(file, issues))
            {
                var at = trial.TrialId is null ? -1 : entries.FindIndex(e => e.Trial.TrialId == trial.TrialId);
                if (at >= 0)
                    entries[at] = new StateEntry(trial, file);
                else
                    entries.Add(new StateEntry(trial, file));
            }
        }
        return entries;
    }

    /// <summary>
    /// True when a folder is the trial's: its logdir's name, or (for folders renamed since, as published result
    /// sets do) a name holding its trial id or, when the tag has values, its experiment tag between '_'.
    /// </summary>
    private static bool Matches(RayStateTrial trial, string folderName)
    {
        if (trial.LogDir == folderName)
            return true;
        if (trial.TrialId is { } id && ("_" + folderName + "_").Contains("_" + id + "_", StringComparison.Ordinal))
            return true;
        return trial.ExperimentTag is { } tag && tag.Contains('=', StringComparison.Ordinal)
            && ("_" + folderName + "_").Contains("_" + tag + "_", StringComparison.Ordinal);
    }

    /// <summary>A trial with its data files chosen and its config read, before variants are decided.</summary>
    private sealed class PreparedTrial
    {
        public RayTrialFolder? Folder { get; init; }

        /// <summary>For a trial inside a zip of several trials: the run's name (the folder's, then the zip's folder).</summary>
        public string? RunName { get; init; }

        public StateEntry? State { get; init; }

        public List<RunFile> Files { get; } = [];

        public List<string> Notes { get; } = [];

        public Dictionary<string, ConfigValue> Config { get; set; } = new(StringComparer.Ordinal);

        public string? Status { get; set; }

        public RayTrialName? Name { get; init; }

        public List<KeyValuePair<string, ConfigValue>> Swept { get; set; } = [];

        public string? Env { get; set; }
    }

    /// <summary>The trial of a folder; for a <c>results.zip</c> of several trials, one per folder in the zip.</summary>
    private static List<PreparedTrial> Prepare(RayTrialFolder folder, StateEntry? state, DiscoveryContext context)
    {
        if (folder.ZipTrials.Count <= 1 || folder.Result is { Length: > 0 } || folder.Progress is { Length: > 0 })
            return [Prepare(folder, state, context, zipTrial: null)];
        return folder.ZipTrials.Select(z => Prepare(folder, null, context, z)).ToList();
    }

    private static PreparedTrial Prepare(RayTrialFolder folder, StateEntry? state, DiscoveryContext context, ZipTrial? zipTrial)
    {
        var inZip = zipTrial is { Folder.Length: > 0 };
        var trial = new PreparedTrial
        {
            Folder = folder,
            State = state,
            Name = inZip ? RayTrialName.Parse(zipTrial!.Folder[(zipTrial.Folder.LastIndexOf('/') + 1)..]) : folder.Name,
            RunName = inZip ? context.Relative(folder.Dir.FullName) + "/" + zipTrial!.Folder : null,
        };
        if (zipTrial is null)
            ChooseData(trial, folder, context);
        else
            ChooseZipData(trial, folder, zipTrial, context);
        ReadConfig(trial, inZip ? null : folder, context);
        if (state is { } s && s.Trial.Status is { } status)
        {
            trial.Status = status;
            trial.Notes.Add($"status {status} from {s.File.Name}");
        }
        else if (folder.ErrorFile is not null)
        {
            trial.Status = "ERROR";
        }
        else if (trial.Files.Count == 0)
        {
            trial.Status = "FAILED";
        }
        if (folder.FirstErrorLine() is { } error)
            trial.Notes.Add($"error.txt: {error}");
        return trial;
    }

    /// <summary>Picks the one data source of the trial and notes the mirrors not read.</summary>
    private static void ChooseData(PreparedTrial trial, RayTrialFolder folder, DiscoveryContext context)
    {
        var issues = context.Issues;
        var read = (string?)null;
        var mirrors = new List<string>();
        var empty = new List<(string Path, string Name)>();

        if (folder.Result is { } result)
        {
            if (result.Length == 0)
                empty.Add((result.FullName, result.Name));
            else if (IsPickle(result))
                issues.Add(new LoadIssue(result.FullName, 0, null, "not JSON: a binary Python pickle (it starts with byte 0x80); the file is skipped"));
            else
                Take(RayTrialFolder.ResultName, context.Describe(result, RayTuneFiles.Result));
        }
        if (folder.Progress is { } progress)
        {
            if (progress.Length == 0)
                empty.Add((progress.FullName, progress.Name));
            else
                Take(RayTrialFolder.ProgressName, context.Describe(progress, RayTuneFiles.Progress));
        }
        if (folder.Zip is { } zip)
        {
            if (folder.ZipProblem is { } problem)
                issues.Add(new LoadIssue(zip.FullName, null, null, $"cannot read the zip: {problem}; its results are not read"));
            // A zip of several trials gives one run per trial (see Prepare); here the zip holds this trial's results.
            var top = folder.ZipTrials.Count == 1 ? folder.ZipTrials[0] : null;
            if (top is { Progress: { } entry, ProgressBytes: > 0 })
                Take($"{RayTrialFolder.ZipName} ({entry})", context.Describe(zip, RayTuneFiles.Progress, entry));
            else if (top is { Result: { } json })
                trial.Notes.Add($"{RayTrialFolder.ZipName} holds {json}, which is read from files only: extract it to read it");
            else if (top is { Progress: { } emptyEntry })
                empty.Add((zip.FullName, $"{emptyEntry} in {RayTrialFolder.ZipName}"));
        }
        if (folder.Extracted is { } extracted)
        {
            var copy = new FileInfo(Path.Combine(extracted.FullName, RayTrialFolder.ResultName)) is { Exists: true, Length: > 0 } r ? (r, RayTuneFiles.Result)
                : new FileInfo(Path.Combine(extracted.FullName, RayTrialFolder.ProgressName)) is { Exists: true, Length: > 0 } p ? (p, RayTuneFiles.Progress)
                : ((FileInfo?)null, "");
            if (copy.Item1 is { } file)
            {
                var relativeToTrial = extracted.Name + "/" + file.Name;
                if (read is null)
                    Take(relativeToTrial, context.Describe(file, copy.Item2));
                else
                    mirrors.Add($"{relativeToTrial} (a copy of {RayTrialFolder.ZipName}, extracted beside it)");
            }
        }
        foreach (var events in folder.Events)
        {
            if (events.Length == 0)
                continue;
            Take(events.Name, context.Describe(events, RayTuneFiles.Events));
        }

        foreach (var (path, name) in empty)
        {
            var message = read is null
                ? $"empty {name}: the trial produced no results"
                : $"empty {name}; the results were read from {read}";
            issues.Add(new LoadIssue(path, 0, null, message));
            trial.Notes.Add(message);
        }
        if (read is not null)
            trial.Notes.Add(mirrors.Count == 0 ? $"results read from {read}" : $"results read from {read}; not read, as they hold the same results: {string.Join(", ", mirrors)}");
        else if (empty.Count == 0)
            trial.Notes.Add("no result files: the trial produced no results");

        void Take(string description, RunFile file)
        {
            if (read is null)
            {
                read = description;
                trial.Files.Add(file);
            }
            else if (file.Format == RayTuneFiles.Events && trial.Files.All(f => f.Format == RayTuneFiles.Events))
            {
                // Several event files of one trial (it was restored) are read together.
                read += ", " + description;
                trial.Files.Add(file);
            }
            else
            {
                mirrors.Add(description);
            }
        }
    }

    /// <summary>One trial of a zip holding several: its <c>progress.csv</c> entry.</summary>
    private static void ChooseZipData(PreparedTrial trial, RayTrialFolder folder, ZipTrial zipTrial, DiscoveryContext context)
    {
        if (zipTrial is { Progress: { } entry, ProgressBytes: > 0 })
        {
            trial.Files.Add(context.Describe(folder.Zip!, RayTuneFiles.Progress, entry));
            trial.Notes.Add($"results read from {RayTrialFolder.ZipName} ({entry})");
        }
        else if (zipTrial.Result is { } json)
        {
            trial.Notes.Add($"{RayTrialFolder.ZipName} holds {json}, which is read from files only: extract it to read it");
        }
        else
        {
            var message = $"empty {zipTrial.Progress} in {RayTrialFolder.ZipName}: the trial produced no results";
            context.Issues.Add(new LoadIssue(folder.Zip!.FullName, null, null, message));
            trial.Notes.Add(message);
        }
    }

    private static bool IsPickle(FileInfo file)
    {
        try
        {
            using var stream = file.OpenRead();
            return stream.ReadByte() == 0x80;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The trial's hyperparameters from the best source there is (see the class remarks).</summary>
    private static void ReadConfig(PreparedTrial trial, RayTrialFolder? folder, DiscoveryContext context)
    {
        if (folder?.Params is { } paramsFile)
        {
            using var doc = RayJson.Read(paramsFile, context.Issues, "the trial loads without its params.json");
            if (doc is not null && doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                RayJson.Flatten(doc.RootElement, "", trial.Config);
                return;
            }
            if (doc is not null)
                context.Issues.Add(new LoadIssue(paramsFile.FullName, 0, 1, "params.json is not a JSON object; the trial loads without it"));
        }
        if (trial.State is { } state && state.Trial.Config.Count > 0)
        {
            trial.Config = new(state.Trial.Config, StringComparer.Ordinal);
            trial.Notes.Add($"hyperparameters from {state.File.Name}");
            return;
        }
        if (folder?.Result is { Length: > 0 } result && FirstResultConfig(result) is { Count: > 0 } fromResult)
        {
            trial.Config = fromResult;
            trial.Notes.Add("hyperparameters from the config of the first result in result.json (no params.json)");
            return;
        }
        if (trial.Name is { Vars.Count: > 0 } name)
        {
            foreach (var (key, value) in name.Vars)
                trial.Config[key] = value;
            trial.Notes.Add("hyperparameters from the folder name (no params.json): the swept values only, as Tune shortened them");
        }
    }

    /// <summary>The <c>config</c> object of the first line of <c>result.json</c>, flattened; null when there is none.</summary>
    private static Dictionary<string, ConfigValue>? FirstResultConfig(FileInfo result)
    {
        try
        {
            using var stream = result.OpenRead();
            var buffer = new byte[Math.Min(result.Length, 8 << 20)];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var line = buffer.AsSpan(0, length);
            var end = line.IndexOf((byte)'\n');
            using var doc = RayJson.Parse(end < 0 ? line : line[..end], out _);
            if (doc is null || doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object)
                return null;
            var flat = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
            RayJson.Flatten(config, "", flat);
            return flat;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

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
            Notes = trial.Notes,
        };
        return new Run(info, context.Options);
    }

    private static void AddTag(Dictionary<string, string> tags, string key, string? value)
    {
        if (value is { Length: > 0 })
            tags[key] = value;
    }
}
