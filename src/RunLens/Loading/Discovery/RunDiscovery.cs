using RunLens.Formats.Json;
namespace RunLens.Loading.Discovery;

/// <summary>
/// Walks a folder and asks the formats (<see cref="RunFormats.All"/>) what is a run. The first format that claims a
/// folder describes its runs; the walk goes on into the subfolders the claim did not use up. Folders whose names
/// start with '.' and build or tool folders (<c>node_modules</c>, <c>__pycache__</c>) are not searched.
/// A folder is searched once per real path: a link to a folder already searched (a <c>latest</c> alias) or to one
/// of the folders above it (a loop, <c>loop -&gt; ..</c>) is not followed, and the runs of the folder holding the
/// link say so in their notes (or, when it holds no run, a load issue does), so no file is read twice and nothing
/// is skipped silently. Real folders are searched before links, so an alias, not the folder, is the one skipped.
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
        var root = new DirectoryInfo(fullPath);
        var seen = new Seen();
        var real = RealPaths.Of(root.FullName) ?? root.FullName;
        seen.Add(real, root.FullName);
        Walk(root, real, context, runs, seen);
        if (!options.ReadHardLinksAsFiles)
            runs = SameFiles.ReadOnce(runs, context);
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

    /// <param name="dir">The folder to search.</param>
    /// <param name="dirReal">Its real path.</param>
    /// <param name="context">The load's context (options, issues).</param>
    /// <param name="runs">The runs found so far; this folder's and its subfolders' are added.</param>
    /// <param name="seen">The folders searched so far.</param>
    private static void Walk(DirectoryInfo dir, string dirReal, DiscoveryContext context, List<Run> runs, Seen seen)
    {
        if (RunFolder.List(dir, context) is not { } folder)
            return;
        IReadOnlyCollection<string> consumed = [];
        var first = runs.Count;
        var claimed = 0;
        foreach (var format in RunFormats.All)
        {
            if (format.Claim(folder) is not { } claim)
                continue;
            runs.AddRange(claim.Runs);
            claimed = claim.Runs.Count;
            if (!claim.Descend)
                return;
            consumed = claim.Consumed;
            break;
        }
        var searched = folder.Children
            .Where(child => !child.Name.StartsWith('.') && !SkippedFolders.Contains(child.Name)
                && !consumed.Contains(child.Name, StringComparer.OrdinalIgnoreCase))
            .OrderBy(child => child.LinkTarget is not null)
            .ToList();
        var skipped = new List<string>();
        foreach (var child in searched)
        {
            // Only a link needs resolving: a plain subfolder's real path is its parent's and its name.
            var real = child.LinkTarget is null ? Path.Join(dirReal, child.Name) : RealPaths.Of(child.FullName);
            if (real is null)
            {
                skipped.Add($"{child.Name}/ is a link that cannot be resolved (a loop of links, or its target is gone): not followed");
                continue;
            }
            // A folder mounted a second time (mount --bind) has a real path of its own but the same identity.
            var mounted = false;
            if (seen.SameFolder(real) is { } same && same != real)
                (real, mounted) = (same, true);
            if (seen.Paths.TryGetValue(real, out var already))
            {
                var how = mounted ? "a second mount of" : "a link to";
                if (dirReal == real || IsUnder(dirReal, real))
                {
                    skipped.Add($"{child.Name}/ is {(mounted ? "a second mount of" : "a link back to")} a folder above it (a loop): not followed, nothing under it is missed");
                    continue;
                }
                // An alias (latest -> run-42): the runs under its target say they were reached twice and read once.
                var alias = context.Relative(child.FullName);
                var reached = false;
                for (var i = 0; i < runs.Count; i++)
                {
                    if (runs[i].Info.Root == already || IsUnder(runs[i].Info.Root, already))
                    {
                        runs[i] = runs[i].WithInfo(runs[i].Info with { Notes = [.. runs[i].Info.Notes, $"also reached through {alias}/ ({how} {context.Relative(already)}): read once"] });
                        reached = true;
                    }
                }
                if (!reached)
                    skipped.Add($"{child.Name}/ is {how} {context.Relative(already)}, which is searched already: not searched twice");
                continue;
            }
            seen.Add(real, child.FullName);
            Walk(child, real, context, runs, seen);
        }
        if (skipped.Count == 0)
            return;
        if (claimed > 0)
        {
            for (var i = first; i < first + claimed; i++)
                runs[i] = runs[i].WithInfo(runs[i].Info with { Notes = [.. runs[i].Info.Notes, .. skipped] });
        }
        else
        {
            foreach (var note in skipped)
                context.Issues.Add(new LoadIssue(dir.FullName, null, null, note));
        }
    }

    /// <summary>
    /// The folders searched so far: each real path with the path it was searched under, and each folder's identity
    /// (<see cref="FileIdentity"/>) with its real path, so a folder mounted twice is searched once.
    /// </summary>
    private sealed class Seen
    {
        private readonly Dictionary<FileIdentity, string> _byIdentity = [];

        public Dictionary<string, string> Paths { get; } = new(StringComparer.Ordinal);

        public void Add(string real, string searchedAs)
        {
            Paths[real] = searchedAs;
            if (FileIdentity.Of(real) is { } identity)
                _byIdentity.TryAdd(identity, real);
        }

        /// <summary>The real path under which the folder at <paramref name="real"/> was searched already, if it was.</summary>
        public string? SameFolder(string real) =>
            FileIdentity.Of(real) is { } identity && _byIdentity.TryGetValue(identity, out var first) ? first : null;
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

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
