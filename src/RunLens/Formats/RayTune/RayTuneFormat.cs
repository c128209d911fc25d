using RunLens.Loading;
using RunLens.Loading.Discovery;

namespace RunLens.Formats.RayTune;

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
/// <para><b>Failed trials.</b> A trial that failed is a run with a status and notes, not unreadable data: empty result
/// files (size 0, what Tune leaves when a trial dies before its first report) are noted by name, not reported as
/// issues, as nothing in them was lost; a trial with no results at all has status <c>FAILED</c> unless the state
/// file gives its status (<c>ERROR</c>, <c>TERMINATED</c>...), or <c>ERROR</c> when Tune left an <c>error.txt</c> or
/// <c>error.pkl</c> (the first line of <c>error.txt</c> is noted). A file that has bytes but cannot be read (a pickle
/// under a <c>.json</c> name, a broken zip, broken lines) is still an issue.</para>
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
internal sealed partial class RayTuneFormat : IRunFormat
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

        /// <summary>The check of the trial's other result files against the one read, when it has any.</summary>
        public Mirrors? Mirrors { get; set; }

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
        else if (folder.ErrorFile is not null || folder.HasErrorPickle)
        {
            trial.Status = "ERROR";
        }
        else if (trial.Files.Count == 0)
        {
            trial.Status = "FAILED";
        }
        if (folder.FirstErrorLine() is { } error)
            trial.Notes.Add($"error.txt: {error}");
        else if (folder.HasErrorPickle)
            trial.Notes.Add("error.pkl: Tune pickled the trial's exception (a Python pickle, not read here)");
        return trial;
    }
}
