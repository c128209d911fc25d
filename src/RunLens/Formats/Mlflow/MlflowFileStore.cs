using RunLens.Formats.Yaml;
using RunLens.Loading.Discovery;

namespace RunLens.Formats.Mlflow;

/// <summary>
/// MLflow's file store, laid out as mlflow/store/tracking/file_store.py writes it: <c>&lt;store&gt;/&lt;experiment
/// id&gt;/meta.yaml</c> (<c>name</c>, <c>lifecycle_stage</c>), <c>&lt;experiment id&gt;/&lt;run id&gt;/meta.yaml</c>
/// (<c>run_id</c> or the older <c>run_uuid</c>, <c>run_name</c>, <c>status</c> as an integer, <c>start_time</c>,
/// <c>lifecycle_stage</c>), and per run <c>metrics/&lt;key&gt;</c>, <c>params/&lt;key&gt;</c>, <c>tags/&lt;key&gt;</c>, where a
/// key with <c>/</c> is a path of folders. Deleted experiments sit in <c>&lt;store&gt;/.trash/</c>.
/// </summary>
internal static class MlflowFileStore
{
    private const string MetaFile = "meta.yaml";
    private const long MaxTextBytes = 1 << 20;

    /// <summary>
    /// Experiment subfolders that are not runs (FileStore.RESERVED_EXPERIMENT_FOLDERS), and MLflow 3's logged models
    /// (<c>&lt;experiment&gt;/models/&lt;model id&gt;/</c>, with their own meta.yaml, metrics and params).
    /// </summary>
    private static readonly string[] ExperimentParts = ["tags", "datasets", "traces", "models"];

    /// <summary>Store subfolders that are not experiments: the model registry's <c>models</c> (and hidden ones such as <c>.trash</c>).</summary>
    private static readonly string[] StoreParts = ["models"];

    /// <summary>Run subfolders whose presence marks a run folder even when its meta.yaml is broken or missing.</summary>
    private static readonly string[] RunParts = ["metrics", "params", "tags"];

    /// <summary>A meta.yaml read: its mapping, or the problem that kept it from being read.</summary>
    private sealed record Meta(string Path, YamlMapping? Mapping, int? Line, string? Problem)
    {
        public string? this[string key] => Mapping?[key] is YamlScalar scalar ? scalar.Value : null;

        public bool IsRun => this["run_id"] is not null || this["run_uuid"] is not null;

        public bool IsExperiment => !IsRun && Mapping?["experiment_id"] is not null;

        public LoadIssue Issue(string consequence) => new(Path, null, Line, $"cannot read {MetaFile}: {Problem}; {consequence}");
    }

    /// <summary>The runs of the store, experiment or run at the folder, or null when it is none of them.</summary>
    public static IReadOnlyList<Run>? Read(RunFolder folder)
    {
        var context = folder.Context;
        if (folder.File(MetaFile) is { } own)
        {
            var meta = ReadMeta(own.FullName);
            if (meta.IsRun || (meta.Mapping is null && LooksLikeRun(folder.Children)))
                return SingleRun(folder.Dir, meta, context);
            if (meta.IsExperiment)
                return Experiment(folder.Dir, meta, MlflowRuns.Prefix(context, folder.Dir.Parent?.Parent), context);
        }
        return Store(folder);
    }

    private static List<Run>? Store(RunFolder folder)
    {
        var context = folder.Context;
        var experiments = new List<(DirectoryInfo Dir, Meta Meta)>();
        foreach (var child in folder.Children)
        {
            if (child.Name.StartsWith('.') || StoreParts.Contains(child.Name, StringComparer.Ordinal))
                continue;
            var path = Path.Combine(child.FullName, MetaFile);
            if (File.Exists(path))
                experiments.Add((child, ReadMeta(path)));
        }
        var isStore = experiments.Any(e => e.Meta.IsExperiment)
            || (folder.Dir.Name.Equals("mlruns", StringComparison.OrdinalIgnoreCase) && experiments.Count > 0);
        if (!isStore)
            return null;

        var prefix = MlflowRuns.Prefix(context, folder.Dir.Parent);
        var runs = new List<Run>();
        foreach (var (dir, meta) in experiments)
        {
            if (!meta.IsRun)
                runs.AddRange(Experiment(dir, meta, prefix, context));
        }
        if (folder.Child(".trash") is { } trash && Count(trash.EnumerateDirectories) is > 0 and var deleted)
        {
            context.Issues.Add(new LoadIssue(trash.FullName, null, null,
                FormattableString.Invariant($"{deleted} deleted experiment(s) in the store's .trash are not loaded")));
        }
        return runs;
    }

    private static List<Run> Experiment(DirectoryInfo dir, Meta meta, string prefix, DiscoveryContext context)
    {
        if (meta.Mapping is null)
            context.Issues.Add(meta.Issue($"experiment {dir.Name}'s runs load under its folder name"));
        var name = meta["name"] ?? dir.Name;
        if (meta["lifecycle_stage"] == MlflowRuns.Deleted)
        {
            context.Issues.Add(new LoadIssue(meta.Path, null, meta.Mapping?["lifecycle_stage"]?.Line,
                $"experiment '{name}' is deleted in MLflow (lifecycle_stage: deleted); its runs are not loaded"));
            return [];
        }

        var entries = new List<RunEntry>();
        foreach (var runDir in Subfolders(dir, context))
        {
            if (runDir.Name.StartsWith('.') || ExperimentParts.Contains(runDir.Name, StringComparer.Ordinal))
                continue;
            var path = Path.Combine(runDir.FullName, MetaFile);
            if (File.Exists(path))
            {
                if (Entry(runDir, ReadMeta(path), context) is { } entry)
                    entries.Add(entry);
            }
            else if (LooksLikeRun(Subfolders(runDir, context)))
            {
                context.Issues.Add(new LoadIssue(runDir.FullName, null, null,
                    "the run folder has no meta.yaml; the run loads with its folder name as id, without a status"));
                entries.Add(Entry(runDir, Missing(path), context)!);
            }
        }
        return Build(entries, name, prefix, context);
    }

    private static List<Run> SingleRun(DirectoryInfo dir, Meta meta, DiscoveryContext context)
    {
        var experimentDir = dir.Parent;
        string? experiment = null;
        if (experimentDir is not null && File.Exists(Path.Combine(experimentDir.FullName, MetaFile)))
            experiment = ReadMeta(Path.Combine(experimentDir.FullName, MetaFile))["name"];
        experiment ??= meta["experiment_id"] ?? experimentDir?.Name ?? "";
        var entry = Entry(dir, meta, context);
        return entry is null ? [] : Build([entry], experiment, MlflowRuns.Prefix(context, experimentDir?.Parent?.Parent), context);
    }

    /// <summary>A run found in an experiment, before names are made unique.</summary>
    private sealed record RunEntry(DirectoryInfo Dir, string Id, string? Name, string? Status, long? StartTime,
        Dictionary<string, ConfigValue> Params, SortedDictionary<string, string> Tags, List<RunFile> Metrics);

    private static RunEntry? Entry(DirectoryInfo dir, Meta meta, DiscoveryContext context)
    {
        if (meta.Mapping is null && meta.Problem is not null)
            context.Issues.Add(meta.Issue("the run loads with its folder name as id, without a status"));
        var id = meta["run_id"] ?? meta["run_uuid"] ?? dir.Name;
        if (meta["lifecycle_stage"] == MlflowRuns.Deleted)
        {
            context.Issues.Add(new LoadIssue(meta.Path, null, meta.Mapping?["lifecycle_stage"]?.Line,
                $"run {id} is deleted in MLflow (lifecycle_stage: deleted); it is not loaded"));
            return null;
        }
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, path) in Values(dir, "tags", context))
        {
            if (ReadText(path, context, "tag") is { } text)
                tags[key] = text;
        }
        var config = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        foreach (var (key, path) in Values(dir, "params", context))
        {
            if (ReadText(path, context, "param") is { } text)
                config[key] = MlflowRuns.ParamValue(text);
        }
        var metrics = Values(dir, "metrics", context)
            .Select(v => context.Describe(new FileInfo(v.Path), new MlflowMetricSource(v.Key)))
            .ToList();
        var name = tags.GetValueOrDefault(MlflowRuns.RunNameTag) ?? meta["run_name"];
        var status = meta.Mapping is null ? null : MlflowRuns.StatusName(meta["status"]);
        long? start = long.TryParse(meta["start_time"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var ms) ? ms : null;
        return new RunEntry(dir, id, string.IsNullOrEmpty(name) ? null : name, status, start, config, tags, metrics);
    }

    private static List<Run> Build(List<RunEntry> entries, string experiment, string prefix, DiscoveryContext context)
    {
        var names = MlflowRuns.UniqueNames(entries.Select(e => (e.Id, e.Name)).ToList());
        return entries.Select(e =>
        {
            var info = MlflowRuns.Info(e.Dir, context, MlflowFormat.FileStore, e.Metrics, e.Params,
                prefix + experiment + "/" + names[e.Id], experiment, e.StartTime, e.Status, e.Tags);
            return new Run(info, context.Options);
        }).ToList();
    }

    /// <summary>The key files under a run's <c>metrics</c>, <c>params</c> or <c>tags</c> folder: key (with '/') and path, by key.</summary>
    private static List<(string Key, string Path)> Values(DirectoryInfo run, string folder, DiscoveryContext context)
    {
        var root = Path.Combine(run.FullName, folder);
        if (!Directory.Exists(root))
            return [];
        try
        {
            return Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Select(p => (Key: Path.GetRelativePath(root, p).Replace('\\', '/'), Path: p))
                .OrderBy(v => v.Key, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Issues.Add(new LoadIssue(root, null, null, $"cannot list the run's {folder}: {ex.Message}; the run loads without them"));
            return [];
        }
    }

    /// <summary>A param or tag value: the whole file, as MLflow's read_file reads it. Null (with an issue) when unreadable.</summary>
    private static string? ReadText(string path, DiscoveryContext context, string what)
    {
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxTextBytes)
            {
                context.Issues.Add(new LoadIssue(path, null, null,
                    FormattableString.Invariant($"the {what} file is {length} bytes, more than MLflow ever writes; the run loads without it")));
                return null;
            }
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Issues.Add(new LoadIssue(path, null, null, $"cannot read the {what}: {ex.Message}; the run loads without it"));
            return null;
        }
    }

    /// <summary>The meta.yaml of a run folder that has none (already reported).</summary>
    private static Meta Missing(string path) => new(path, null, null, null);

    private static Meta ReadMeta(string path)
    {
        try
        {
            if (new FileInfo(path).Length > MaxTextBytes)
                return new Meta(path, null, null, "larger than 1 MB, not a meta.yaml MLflow writes");
            var root = YamlReader.Parse(File.ReadAllText(path));
            return root is YamlMapping mapping ? new Meta(path, mapping, null, null) : new Meta(path, null, root.Line, "not a YAML mapping");
        }
        catch (YamlException ex)
        {
            return new Meta(path, null, ex.Line, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Meta(path, null, null, ex.Message);
        }
    }

    private static bool LooksLikeRun(IEnumerable<DirectoryInfo> children) =>
        children.Any(c => RunParts.Contains(c.Name, StringComparer.Ordinal));

    private static DirectoryInfo[] Subfolders(DirectoryInfo dir, DiscoveryContext context)
    {
        try
        {
            return dir.GetDirectories().OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Issues.Add(new LoadIssue(dir.FullName, null, null, $"cannot list folder: {ex.Message}"));
            return [];
        }
    }

    private static int Count(Func<IEnumerable<DirectoryInfo>> list)
    {
        try
        {
            return list().Count();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
