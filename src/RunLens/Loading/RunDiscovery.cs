namespace RunLens;

/// <summary>
/// Walks a folder and decides what is a run. A folder with a <c>json_logs/</c> folder is a run holding every log
/// file beneath it; otherwise a folder holding log files directly is a run of those files and of its run-part
/// subfolders (<c>snapshots/</c>, <c>episodes/</c>, ...), and its other subfolders are searched too. Conventions shared by all runs (names, variant, timestamp, seed, config) are read once, here.
/// </summary>
internal static class RunDiscovery
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "checkpoints", "plots", "node_modules", "__pycache__", "tensorboard",
    };

    /// <summary>
    /// Subfolders that are parts of the run holding them (snapshot episodes, episode logs), never runs of their own.
    /// A run's shape must not depend on empty folders such as <c>json_logs/</c>, which git does not keep.
    /// </summary>
    private static readonly HashSet<string> RunParts = new(StringComparer.OrdinalIgnoreCase)
    {
        "snapshots", "episodes", "logs", "metrics",
    };

    public static RunSet Discover(string fullPath, LoadOptions options)
    {
        var issues = new List<LoadIssue>();
        var runs = new List<Run>();
        if (File.Exists(fullPath))
        {
            if (!LogFiles.IsLogFileName(fullPath))
                throw new RunLoadException($"'{fullPath}' is not a JSON log. Give a .json, .jsonl or .ndjson file (optionally .gz), or a folder of runs.");
            var root = Path.GetDirectoryName(fullPath)!;
            var file = LogFiles.Describe(fullPath, root);
            runs.Add(new Run(new RunInfo(Path.GetFileName(fullPath), LogFiles.Format, fullPath, null, null, null,
                new Dictionary<string, ConfigValue>(), [file]), options));
            return new RunSet(fullPath, runs, issues);
        }
        if (!Directory.Exists(fullPath))
            throw new RunLoadException($"No file or folder at '{fullPath}'. Give the folder of an experiment (experiments/<variant>/<timestamp>/json_logs/*.json), a run's folder, or a log file.");

        Walk(new DirectoryInfo(fullPath), fullPath, options, runs, issues);
        if (runs.Count == 0)
            throw new RunLoadException($"No run found under '{fullPath}'. Expected a folder with json_logs/ (JSON arrays of per-step records) or with .json/.jsonl/.ndjson log files (optionally .gz).");
        runs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new RunSet(fullPath, runs, issues);
    }

    private static void Walk(DirectoryInfo dir, string loadRoot, LoadOptions options, List<Run> runs, List<LoadIssue> issues)
    {
        DirectoryInfo[] children;
        try
        {
            children = dir.GetDirectories().OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(dir.FullName, null, null, $"cannot list folder: {ex.Message}"));
            return;
        }
        if (children.Any(c => c.Name.Equals("json_logs", StringComparison.OrdinalIgnoreCase)))
        {
            var files = LogFiles.Under(dir, loadRoot, recursive: true, issues);
            if (files.Count > 0)
                runs.Add(RunConventions.Describe(dir, loadRoot, files, options, issues));
            return;
        }
        var direct = LogFiles.Under(dir, loadRoot, recursive: false, issues);
        var isRun = direct.Count > 0;
        if (isRun)
        {
            foreach (var part in children.Where(c => RunParts.Contains(c.Name)))
                direct.AddRange(LogFiles.Under(part, loadRoot, recursive: true, issues));
            direct.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
            runs.Add(RunConventions.Describe(dir, loadRoot, direct, options, issues));
        }
        foreach (var child in children)
        {
            if (!child.Name.StartsWith('.') && !SkippedFolders.Contains(child.Name) && !(isRun && RunParts.Contains(child.Name)))
                Walk(child, loadRoot, options, runs, issues);
        }
    }
}
