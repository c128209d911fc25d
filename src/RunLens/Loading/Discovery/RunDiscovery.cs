using RunLens.Formats.Json;
namespace RunLens.Loading.Discovery;

/// <summary>
/// Walks a folder and asks the formats (<see cref="RunFormats.All"/>) what is a run. The first format that claims a
/// folder describes its runs; the walk goes on into the subfolders the claim did not use up. Folders whose names
/// start with '.' and build or tool folders (<c>node_modules</c>, <c>__pycache__</c>) are not searched.
/// </summary>
internal static class RunDiscovery
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "checkpoints", "plots", "node_modules", "__pycache__",
    };

    public static RunSet Discover(string fullPath, LoadOptions options)
    {
        if (File.Exists(fullPath))
            return SingleFile(fullPath, options);
        if (!Directory.Exists(fullPath))
            throw new RunLoadException($"No file or folder at '{fullPath}'. Give the folder of an experiment (experiments/<variant>/<timestamp>/json_logs/*.json), a run's folder, or a log file.");

        var context = new DiscoveryContext(fullPath, options);
        var runs = new List<Run>();
        Walk(new DirectoryInfo(fullPath), context, runs);
        if (runs.Count == 0)
            throw new RunLoadException($"No run found under '{fullPath}'. Expected JSON logs (json_logs/, .json/.jsonl/.ndjson, optionally .gz), TensorBoard event files, SB3/baselines CSVs, Ray Tune trials, an MLflow store or W&B run folders.");
        return new RunSet(fullPath, UniqueNames(RunIdentities.Apply(runs, context)), context.Issues);
    }

    /// <summary>
    /// One file: the formats look at its folder as if it held that file alone (configs beside it are still read),
    /// and the run that owns the file is returned (an event file, a monitor file, a result.json, an .npz of
    /// episodes...), named as the file; a file several runs share (an MLflow SQLite store) gives all of them, each
    /// under its own name. A JSON or CSV log that no format claims is a run of its own.
    /// </summary>
    private static RunSet SingleFile(string fullPath, LoadOptions options)
    {
        var parent = new DirectoryInfo(Path.GetDirectoryName(fullPath)!);
        var context = new DiscoveryContext(parent.FullName, options);
        var folder = RunFolder.Only(new FileInfo(fullPath), context);
        foreach (var format in RunFormats.All)
        {
            if (format.Claim(folder) is not { } claim)
                continue;
            // A run whose root is the file itself (a run of an SQLite store that logged no metric) is in it too.
            var owners = claim.Runs.Where(r => r.Owns(fullPath) || r.Info.Root == fullPath).ToList();
            if (owners.Count == 1)
                return new RunSet(fullPath, RunIdentities.Apply([owners[0].OnlyFile(fullPath, Path.GetFileName(fullPath))], context), context.Issues);
            // A file that holds several runs (an MLflow SQLite store): each of them, under the names its format gave.
            if (owners.Count > 1)
                return new RunSet(fullPath, UniqueNames(RunIdentities.Apply(owners.Select(r => r.OnlyFile(fullPath, r.Name)).ToList(), context)), context.Issues);
            break;
        }
        if (!LogFiles.IsLogFileName(fullPath))
            throw new RunLoadException($"'{fullPath}' is not a log file RunLens reads. Give a JSON/JSON-lines/CSV log (optionally .gz), a TensorBoard event file, an SB3 monitor file, or a folder of runs.");
        var file = LogFiles.Describe(fullPath, parent.FullName);
        var run = new Run(new RunInfo(Path.GetFileName(fullPath), LogFiles.Format, fullPath, null, null, null,
            new Dictionary<string, ConfigValue>(), [file]), options);
        return new RunSet(fullPath, RunIdentities.Apply([run], context), []);
    }

    private static void Walk(DirectoryInfo dir, DiscoveryContext context, List<Run> runs)
    {
        if (RunFolder.List(dir, context) is not { } folder)
            return;
        IReadOnlyCollection<string> consumed = [];
        foreach (var format in RunFormats.All)
        {
            if (format.Claim(folder) is not { } claim)
                continue;
            runs.AddRange(claim.Runs);
            if (!claim.Descend)
                return;
            consumed = claim.Consumed;
            break;
        }
        foreach (var child in folder.Children)
        {
            if (!child.Name.StartsWith('.') && !SkippedFolders.Contains(child.Name)
                && !consumed.Contains(child.Name, StringComparer.OrdinalIgnoreCase))
                Walk(child, context, runs);
        }
    }

    /// <summary>Sorts runs by name; a name met twice (two formats naming runs alike) gets " (2)", " (3)"...</summary>
    private static List<Run> UniqueNames(List<Run> runs)
    {
        runs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
        {
            var name = runs[i].Name;
            if (seen.Add(name))
                continue;
            var n = 2;
            while (!seen.Add(FormattableString.Invariant($"{name} ({n})")))
                n++;
            runs[i] = runs[i].Renamed(FormattableString.Invariant($"{name} ({n})"));
        }
        return runs;
    }
}
