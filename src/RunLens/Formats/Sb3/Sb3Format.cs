using System.Globalization;
using System.Text.RegularExpressions;
using RunLens.Formats.Csv;
using RunLens.Formats.Json;
using RunLens.Formats.Yaml;
using RunLens.Loading.Discovery;
using RunLens.Loading;

namespace RunLens.Formats.Sb3;

/// <summary>
/// Stable-Baselines3 and OpenAI-baselines runs: a folder holding <c>*.monitor.csv</c> files (one per environment),
/// a logger <c>progress.csv</c>, and/or an <c>evaluations.npz</c> (the EvalCallback's), as SB3 and RL Baselines3
/// Zoo (<c>&lt;algo&gt;/&lt;EnvId&gt;_&lt;n&gt;/</c>) write them.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Records: progress.csv rows (step <c>time/total_timesteps</c>; baselines' <c>progress.json</c> when there is
/// no progress.csv), the monitor rows of every environment as one series (one <see cref="FileFormats.Sb3Monitors"/>
/// file: episodes merged in time order at the run's total environment steps, SB3's <c>ts2xy(..., "timesteps")</c> x,
/// with <c>episode/env</c>; see <see cref="MonitorMergeReader"/>), and other JSON or CSV logs beside them. Episodes:
/// the same merged monitor rows (<see cref="MonitorEpisodes"/>), then the evaluation episodes of evaluations.npz
/// (<see cref="EvaluationEpisodes"/>).</item>
/// <item>A <c>monitor/</c> subfolder of monitor files (imitation's layout) is part of the run. A folder holding
/// nothing but monitor files is a run of its own, so one whose parent another format claimed still loads.</item>
/// <item>Zoo: the <c>&lt;EnvId&gt;/</c> subfolder's <c>config.yml</c> (hyperparameters, Python <c>OrderedDict</c>
/// dumps) is the config, its <c>args.yml</c> is added under <c>args.</c>; the seed is <c>args.seed</c>; the variant
/// is <c>&lt;algo folder&gt;/&lt;EnvId&gt;</c>, so the runs <c>_1</c>, <c>_2</c> of one algorithm on one environment group
/// together. Other SB3 folders use a <c>config.json</c>-style file beside the logs, if any.</item>
/// <item>SB3's logger writes the same numbers to progress.csv, progress.json and TensorBoard event files (beside
/// progress.csv, or in <c>PPO_1/</c>-style subfolders, which are then the run's), and EvalCallback's evaluations.npz
/// holds the <c>eval/mean_reward</c> it also logs. The primary log is progress.csv (else progress.json); every other
/// output is a mirror read without the metrics verified to equal the primary's (<see cref="Mirrors"/>, checked at
/// the first scan, not at discovery), and the run's <see cref="RunInfo.Notes"/> say what was skipped as a verified
/// mirror of what. Without a primary log, event files beside the monitor files are read and <c>PPO_1/</c>
/// subfolders are left to the TensorBoard format.</item>
/// <item>Hyperparameters SB3 logged with <c>HParam</c> into the event files become the config (<see cref="Sb3HParams"/>:
/// the first 64 KiB of each file are read at discovery), noted.</item>
/// <item>EvalCallback's <c>log_path</c> subfolder (<c>eval/</c>: a subfolder holding evaluations.npz and no other log)
/// belongs to the training run above it; a folder with evaluations.npz and no training logs is a run of its own, noted.</item>
/// <item>Ray Tune's format is asked first and takes its trial folders; a Ray progress.csv that reaches this format
/// anyway (Ray's <c>training_iteration</c> column) is not taken for SB3's.</item>
/// </list>
/// </remarks>
internal sealed partial class Sb3Format : IRunFormat
{
    /// <summary>The <see cref="RunInfo.Format"/> of these runs.</summary>
    public const string Format = "sb3";

    private const string MonitorFolder = "monitor";

    private const string EvaluationsName = "evaluations.npz";

    /// <summary>SB3's TensorBoard run folders: the algorithm's class name and a counter (<c>PPO_1</c>, <c>RecurrentPPO_3</c>).</summary>
    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*_\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex TensorBoardFolder();

    /// <summary>The zoo's run folder: the environment id and a counter (<c>CartPole-v1_1</c>).</summary>
    [GeneratedRegex(@"^(?<env>.+)_\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex ZooRunFolder();

    public FolderClaim? Claim(RunFolder folder)
    {
        var context = folder.Context;
        var monitors = folder.Files.Where(f => CsvLogFiles.IsMonitor(f.Name)).ToList();
        var progress = folder.File("progress.csv") is { } csv && !IsRayProgress(csv) ? csv : null;
        var evaluations = folder.File(EvaluationsName);
        if (monitors.Count == 0 && progress is null && evaluations is null)
            return null;

        var consumed = new List<string>();
        var notes = new List<string>();
        if (folder.Child(MonitorFolder) is { } monitorDir && MonitorFiles(monitorDir, context) is { Count: > 0 } nested)
        {
            monitors.AddRange(nested);
            consumed.Add(monitorDir.Name);
        }
        monitors.Sort(NaturalOrder);
        var training = monitors.Count > 0 || progress is not null;

        var files = new List<RunFile>();
        // The primary log: progress.csv, else baselines' progress.json. SB3's other outputs are checked against it.
        var primaryInfo = progress ?? folder.File("progress.json");
        var primary = primaryInfo is null ? null : folder.Describe(primaryInfo, progress is not null ? CsvSource.Instance : (RecordSource)JsonSource.Instance);
        var mirrors = primary is null ? null : new Mirrors(primary, context.Options.Fields, "SB3's logger");
        if (primary is not null)
            files.Add(primary);
        if (progress is not null && folder.File("progress.json") is { } progressJson)
            files.AddRange(mirrors!.Add("progress.json", [folder.Describe(progressJson, JsonSource.Instance)]));
        var monitorFiles = monitors.Select(m => folder.Describe(m, MonitorSource.Instance)).ToList();
        var monitorGroup = monitorFiles.Count > 0 ? MonitorGroup(folder, monitors, monitorFiles) : null;
        if (monitorGroup is not null)
            files.Add(monitorGroup);
        var evaluationFiles = EvaluationFiles(folder, evaluations, training, consumed, notes);
        foreach (var (name, file) in evaluationFiles)
            files.AddRange(mirrors is null ? [file] : mirrors.Add(name, [file]));
        var eventFiles = AddTensorBoard(folder, mirrors, files, consumed);
        // Other logs a training script wrote beside SB3's (JSON lines, CSVs) are the run's too.
        var taken = files.Select(f => f.Path).Concat(monitors.Select(m => m.FullName)).ToHashSet(StringComparer.Ordinal);
        files.AddRange(LogFiles.Under(folder.Dir, context.LoadRoot, recursive: false, context.Issues).Where(f => !taken.Contains(f.Path)));
        // Those other logs are other loggers' (an episode_rewards.csv): each keeps its own stream beside the logger's
        // progress.csv or progress.json, which is files[0] when there is one.
        files = LogStreams.Assign(files, folder.Dir.FullName, notes, main: files.Count > 0 && files[0].Format is FileFormats.Csv or FileFormats.Json ? files[0] : null);
        notes.AddRange(CsvColumns.Notes(files, folder.Dir.FullName, context.Options.Fields));
        if (monitorFiles.Count > 1)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{monitorFiles.Count} monitor files (one per environment) are read as one series: every environment's episodes in time order at the run's total environment steps, as SB3's load_results and ts2xy(..., \"timesteps\") merge them; episode/env gives each episode's environment."));
        }

        var zoo = ZooConfigFolder(folder);
        if (zoo is not null)
            consumed.Add(zoo.Name);
        var (config, args) = ReadConfig(folder, zoo);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        AddHParams(folder, eventFiles, config, tags, notes);
        var info = RunConventions.Info(folder.Dir, context, Format, files, config);
        info = info with
        {
            Seed = args.TryGetValue("seed", out var seed) && seed.Number is { } n && n == Math.Floor(n) ? (long)n : info.Seed,
            Variant = ZooVariant(folder.Dir, zoo, args) ?? info.Variant,
            Tags = tags.Count > 0 ? tags : info.Tags,
            Notes = mirrors?.Notes(notes) ?? notes,
        };
        // Training episodes (merged monitor rows) first, then the EvalCallback's evaluation episodes.
        var episodes = new List<IEpisodeSource>();
        if (monitorGroup is not null)
            episodes.Add(new MonitorEpisodes(monitorGroup, monitorFiles.Select(f => f.RelativePath).ToList(), context.Options.Fields));
        foreach (var (_, file) in evaluationFiles)
            episodes.Add(new EvaluationEpisodes(file));
        return new FolderClaim([new Run(info, context.Options, episodes)]) { Consumed = consumed };
    }

    /// <summary>
    /// Hyperparameters SB3 logged with <c>HParam</c> into the run's event files (<see cref="Sb3HParams"/>) join the
    /// config (a value a config file already gives is kept, and the difference noted); the declared metrics become the
    /// <c>hparams.metrics</c> tag, as for TensorBoard runs.
    /// </summary>
    private static void AddHParams(RunFolder folder, IReadOnlyList<FileInfo> eventFiles, Dictionary<string, ConfigValue> config,
        Dictionary<string, string> tags, List<string> notes)
    {
        if (eventFiles.Count == 0 || Sb3HParams.Read(eventFiles, folder.Context.Issues) is not { } found)
            return;
        var (hparams, file) = found;
        var kept = new List<string>();
        foreach (var (name, value) in hparams.Config)
        {
            if (config.TryGetValue(name, out var existing) && existing != value)
                kept.Add($"{name} ({existing} from the config file, {value} in HParam)");
            else
                config[name] = value;
        }
        if (hparams.Metrics.Count > 0)
            tags["hparams.metrics"] = string.Join(", ", hparams.Metrics);
        var relative = Path.GetRelativePath(folder.Dir.FullName, file.FullName).Replace('\\', '/');
        var note = string.Create(CultureInfo.InvariantCulture,
            $"Hyperparameters {string.Join(", ", hparams.Config.Keys)} come from SB3's HParam record in the TensorBoard event file {relative} (read from its first {Sb3HParams.Bound / 1024} KiB).");
        notes.Add(kept.Count > 0 ? $"{note} The config file's value is kept for: {string.Join("; ", kept)}." : note);
    }

    /// <summary>
    /// The run's monitor files as one <see cref="FileFormats.Sb3Monitors"/> file, read by one
    /// <see cref="MonitorMergeReader"/> (so by one scan worker, in merged order, while the run's other files scan in
    /// parallel). Its relative path is the one file's, or the files' folder with <c>*.monitor.csv</c> (with
    /// <c>**/</c> when they are in more than one folder): unique in the run, and saying it is a group.
    /// </summary>
    private static RunFile MonitorGroup(RunFolder folder, List<FileInfo> monitors, List<RunFile> described)
    {
        string relative;
        if (described.Count == 1)
            relative = described[0].RelativePath;
        else
        {
            var dirs = described.Select(f => f.RelativePath[..(f.RelativePath.LastIndexOf('/') + 1)]).Distinct(StringComparer.Ordinal).ToList();
            var runDir = folder.Context.Relative(folder.Dir.FullName);
            relative = dirs.Count == 1 ? dirs[0] + "*.monitor.csv" : (runDir == "." ? "" : runDir + "/") + "**/*.monitor.csv";
        }
        return new RunFile(folder.Dir.FullName, relative, described.Sum(f => f.Bytes))
        {
            Source = new MonitorGroupSource([.. monitors.Select(m => m.FullName)]),
        };
    }

    /// <summary>
    /// True when a progress.csv is Ray Tune's (a <c>training_iteration</c> column, which SB3's logger never writes):
    /// Ray folders without <c>params.json</c>, such as an extracted <c>results.zip</c>, are the Ray format's.
    /// </summary>
    private static bool IsRayProgress(FileInfo file)
    {
        try
        {
            using var reader = new StreamReader(file.OpenRead());
            var header = new char[64 * 1024];
            var length = reader.ReadBlock(header, 0, header.Length);
            var line = header.AsSpan(0, length);
            var end = line.IndexOfAny('\r', '\n');
            var names = new string(end < 0 ? line : line[..end]).Split(',');
            return names.Any(n => n.Trim().Trim('"') == "training_iteration");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static List<FileInfo> MonitorFiles(DirectoryInfo dir, DiscoveryContext context)
    {
        try
        {
            return dir.GetFiles().Where(f => CsvLogFiles.IsMonitor(f.Name)).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Issues.Add(new LoadIssue(dir.FullName, null, null, $"cannot list folder: {ex.Message}"));
            return [];
        }
    }

    /// <summary>The zoo's <c>&lt;EnvId&gt;/</c> subfolder with <c>config.yml</c>/<c>args.yml</c>, if any.</summary>
    private static DirectoryInfo? ZooConfigFolder(RunFolder folder)
    {
        static bool HasConfig(DirectoryInfo d) =>
            File.Exists(Path.Combine(d.FullName, "config.yml")) || File.Exists(Path.Combine(d.FullName, "args.yml"));
        var match = ZooRunFolder().Match(folder.Dir.Name);
        if (match.Success && folder.Children.FirstOrDefault(c => c.Name == match.Groups["env"].Value) is { } named && HasConfig(named))
            return named;
        return folder.Children.FirstOrDefault(c => File.Exists(Path.Combine(c.FullName, "args.yml")) && File.Exists(Path.Combine(c.FullName, "config.yml")));
    }

    /// <summary>
    /// The hyperparameters (zoo <c>config.yml</c>, plus <c>args.yml</c> under <c>args.</c>), or a JSON config beside
    /// the logs. Also returns the args alone, for the seed and variant.
    /// </summary>
    private static (Dictionary<string, ConfigValue> Config, Dictionary<string, ConfigValue> Args) ReadConfig(RunFolder folder, DirectoryInfo? zoo)
    {
        var issues = folder.Context.Issues;
        if (zoo is null)
            return (RunConventions.ReadConfig(folder.Dir, issues), new Dictionary<string, ConfigValue>());
        var config = ReadYaml(Path.Combine(zoo.FullName, "config.yml"), issues);
        var args = ReadYaml(Path.Combine(zoo.FullName, "args.yml"), issues);
        foreach (var (key, value) in args)
            config["args." + key] = value;
        return (config, args);
    }

    private static Dictionary<string, ConfigValue> ReadYaml(string path, List<LoadIssue> issues)
    {
        if (!File.Exists(path))
            return new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        try
        {
            var root = YamlReader.Parse(File.ReadAllText(path));
            if (YamlConfig.AsMapping(root) is null)
                issues.Add(new LoadIssue(path, null, root.Line, "not a mapping of settings; the run loads without it"));
            return YamlConfig.Flatten(root);
        }
        catch (YamlException ex)
        {
            issues.Add(new LoadIssue(path, null, ex.Line, $"cannot read the YAML: {ex.Message}; the run loads without it"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(path, null, null, $"cannot read: {ex.Message}; the run loads without it"));
        }
        return new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
    }

    /// <summary>
    /// <c>&lt;algo&gt;/&lt;EnvId&gt;</c> for a zoo run: the algorithm folder the run is in (where the user grouped it:
    /// rl-trained-agents keeps TQC-with-HER runs under <c>her/</c> though args.yml says <c>tqc</c>), else
    /// <c>args.algo</c>; the environment from <c>args.env</c>, else the config folder's name.
    /// </summary>
    private static string? ZooVariant(DirectoryInfo dir, DirectoryInfo? zoo, Dictionary<string, ConfigValue> args)
    {
        if (zoo is null)
            return null;
        var algo = dir.Parent?.Name ?? (args.TryGetValue("algo", out var a) ? a.Text : null);
        var env = args.TryGetValue("env", out var e) && e.Text is { Length: > 0 } envText ? envText : zoo.Name;
        return algo is null ? env : algo + "/" + env;
    }

    /// <summary>Monitor files by their leading number (<c>2.monitor.csv</c> before <c>10.monitor.csv</c>), then name.</summary>
    private static int NaturalOrder(FileInfo a, FileInfo b)
    {
        var (na, nb) = (LeadingNumber(a.Name), LeadingNumber(b.Name));
        var byNumber = Nullable.Compare(na, nb);
        return byNumber != 0 ? byNumber : string.CompareOrdinal(a.FullName, b.FullName);
    }

    private static long? LeadingNumber(string name)
    {
        var digits = name.TakeWhile(char.IsAsciiDigit).Count();
        return digits is > 0 and < 18 ? long.Parse(name.AsSpan(0, digits), CultureInfo.InvariantCulture) : null;
    }
}
