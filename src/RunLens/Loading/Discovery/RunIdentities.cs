using System.Globalization;

namespace RunLens.Loading.Discovery;

/// <summary>
/// The last step of discovery: every run's variant and seed, and where they came from (<see cref="RunInfo.Identity"/>).
/// In order of precedence: the layout pattern (<see cref="LoadOptions.Layout"/>); the tool's own identity (a format
/// that set the variant: MLflow and Ray Tune experiments, the zoo's args.yml); a guess from the folder names
/// (<see cref="FolderLayouts"/>), written in the run's notes. A seed from the run's config is kept over a folder
/// name's; when the two differ, the notes say so.
/// </summary>
internal static class RunIdentities
{
    public static List<Run> Apply(List<Run> runs, DiscoveryContext context)
    {
        var pattern = context.Options.Layout is { } text ? LayoutPattern.Parse(text) : null;
        var matched = 0;
        var result = new List<Run>(runs.Count);
        foreach (var run in runs)
        {
            var folder = Directory.Exists(run.Info.Root) ? run.Info.Root : Path.GetDirectoryName(run.Info.Root) ?? run.Info.Root;
            var info = Identify(run.Info, folder, context);
            if (pattern is not null)
            {
                var folders = Folders(folder, context, pattern.Depth);
                if (pattern.Match(folders) is { } values)
                {
                    matched++;
                    info = FromPattern(Identify(run.Info, folder, context, guess: false), pattern, values);
                }
                else
                {
                    info = info with { Notes = [.. info.Notes, $"the layout '{pattern.Text}' does not match its folders '{string.Join('/', folders)}'; {Describe(info)}"] };
                }
            }
            result.Add(ReferenceEquals(info, run.Info) ? run : run.WithInfo(info));
        }
        if (pattern is not null && matched == 0 && runs.Count > 0)
        {
            var examples = runs.Take(3).Select(r => "'" + string.Join('/', Folders(
                Directory.Exists(r.Info.Root) ? r.Info.Root : Path.GetDirectoryName(r.Info.Root) ?? r.Info.Root, context, pattern.Depth)) + "'");
            throw new RunLoadException(string.Create(CultureInfo.InvariantCulture,
                $"The layout '{pattern.Text}' (LoadOptions.Layout) matches none of the {runs.Count} runs found. It is matched against the last {pattern.Depth} folder names of each run's path, such as {string.Join(", ", examples)}."));
        }
        return result;
    }

    /// <summary>The tool's identity if the format gave one, else the guess from the folder names (with a note).</summary>
    private static RunInfo Identify(RunInfo info, string folder, DiscoveryContext context, bool guess = true)
    {
        var seedSource = info.Seed is null ? IdentitySource.None : IdentitySource.Config;
        if (info.Variant is not null)
            return info with { Identity = new RunIdentity(IdentitySource.Tool, seedSource, null) };
        var identity = new RunIdentity(IdentitySource.None, seedSource, null);
        if (!guess)
            return info with { Identity = identity };
        var dir = new DirectoryInfo(folder);
        var relative = context.Relative(folder);
        if (FolderLayouts.Guess(dir, relative == "." ? dir.Name : relative) is not { } layout)
            return info with { Identity = identity };

        var notes = info.Notes.ToList();
        var taken = new List<string>();
        var variant = info.Variant;
        var seed = info.Seed;
        if (layout.Variant is not null)
        {
            variant = layout.Variant;
            identity = identity with { Variant = IdentitySource.Folders, Layout = layout.Layout };
            taken.Add($"variant '{layout.Variant}'");
        }
        if (layout.Seed is { } folderSeed)
        {
            if (seed is null)
            {
                seed = folderSeed;
                identity = identity with { Seed = IdentitySource.Folders, Layout = layout.Layout };
                taken.Add(string.Create(CultureInfo.InvariantCulture, $"seed {folderSeed}"));
            }
            else if (seed != folderSeed)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"the config's seed {seed} differs from seed {folderSeed} in the folder name (layout {layout.Layout}); the config's is kept"));
            }
        }
        var config = Merge(info.Config, layout.Config, "the folder name", notes);
        var added = layout.Config.Where(kv => !info.Config.ContainsKey(kv.Key) && config.ContainsKey(kv.Key)).Select(kv => kv.Key).ToList();
        if (added.Count > 0)
            taken.Add("config " + string.Join(", ", added));
        var tags = info.Tags.ToDictionary(StringComparer.Ordinal);
        foreach (var (key, value) in layout.Tags)
            tags.TryAdd(key, value);
        // A layout that gives nothing (SB3's PPO_3: a run number) is only recorded in the identity: there is no
        // guess to explain.
        if (taken.Count > 0)
            notes.Add($"{Join(taken)} from {(layout.Loose ? "" : "the folder layout ")}{layout.Layout}" + (layout.Remark is null ? "" : $" ({layout.Remark})"));
        else
            identity = identity with { Layout = layout.Layout };
        return info with { Variant = variant, Seed = seed, Config = config, Tags = tags, Notes = notes, Identity = identity };
    }

    /// <summary>The identity a matching pattern gives; it wins over the tool's and the config's (with a note when they differ).</summary>
    private static RunInfo FromPattern(RunInfo info, LayoutPattern pattern, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        var notes = info.Notes.ToList();
        var identity = info.Identity with { Layout = pattern.Text };
        var given = values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var variant = info.Variant;
        var seed = info.Seed;
        var timestamp = info.Timestamp;
        var taken = new List<string>();
        var composed = given.TryGetValue("variant", out var v) ? v
            : given.ContainsKey("algo") || given.ContainsKey("env")
                ? string.Join('/', new[] { "algo", "env" }.Where(given.ContainsKey).Select(k => given[k]))
                : null;
        if (composed is not null)
        {
            variant = composed;
            identity = identity with { Variant = IdentitySource.Pattern };
            taken.Add($"variant '{composed}'");
        }
        if (given.TryGetValue("seed", out var seedText) && long.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out var patternSeed))
        {
            if (seed is { } recorded && recorded != patternSeed)
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"the config's seed {recorded} differs from seed {patternSeed} read by the layout; the layout's is used"));
            seed = patternSeed;
            identity = identity with { Seed = IdentitySource.Pattern };
            taken.Add(string.Create(CultureInfo.InvariantCulture, $"seed {patternSeed}"));
        }
        if (given.TryGetValue("timestamp", out var t))
            timestamp = t;
        var tags = info.Tags.ToDictionary(StringComparer.Ordinal);
        foreach (var key in new[] { "algo", "env" }.Where(given.ContainsKey))
            tags[key] = given[key];
        var extra = given.Where(kv => kv.Key is not ("variant" or "seed" or "timestamp" or "algo" or "env"))
            .Select(kv => KeyValuePair.Create(kv.Key, FolderLayouts.Typed(kv.Value))).ToList();
        var config = info.Config.ToDictionary(StringComparer.Ordinal);
        foreach (var (key, value) in extra)
        {
            if (config.TryGetValue(key, out var old) && old != value)
                notes.Add($"the config's {key} = {old} differs from {value} read by the layout; the layout's is used");
            config[key] = value;
        }
        if (extra.Count > 0)
            taken.Add("config " + string.Join(", ", extra.Select(kv => kv.Key)));
        if (taken.Count > 0)
            notes.Add($"{Join(taken)} from the layout '{pattern.Text}'");
        return info with { Variant = variant, Seed = seed, Timestamp = timestamp, Config = config, Tags = tags, Notes = notes, Identity = identity };
    }

    /// <summary>Adds values a folder name gives to the config; the config file's value is kept when both exist and differ.</summary>
    private static IReadOnlyDictionary<string, ConfigValue> Merge(IReadOnlyDictionary<string, ConfigValue> config,
        IReadOnlyList<KeyValuePair<string, ConfigValue>> values, string source, List<string> notes)
    {
        if (values.Count == 0)
            return config;
        var merged = config.ToDictionary(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (merged.TryGetValue(key, out var old))
            {
                if (old != value)
                    notes.Add($"the config's {key} = {old} differs from {value} in {source}; the config's is kept");
            }
            else if (!config.Any(kv => kv.Value == value && Abbreviates(key, kv.Key)))
            {
                merged[key] = value;
            }
        }
        return merged;
    }

    /// <summary>
    /// True when a folder's short name stands for a config key (<c>batch</c> for <c>batch_size</c>, <c>lr</c> for
    /// <c>learning_rate</c>): with the same value, the folder repeats the config and is not added twice.
    /// </summary>
    private static bool Abbreviates(string shortName, string key)
    {
        var leaf = key[(key.LastIndexOf('.') + 1)..];
        if (leaf.StartsWith(shortName, StringComparison.OrdinalIgnoreCase))
            return true;
        var initials = string.Concat(leaf.Split('_', '-').Where(w => w.Length > 0).Select(w => w[0]));
        return initials.Length > 1 && initials.Equals(shortName, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The run's folder names from the loaded folder down; when the pattern names more folders than that (a run's
    /// own folder was loaded), the full path's last folders, so <c>{variant}/seed{seed}</c> still fits <c>alpha/seed3</c>.
    /// </summary>
    private static List<string> Folders(string folder, DiscoveryContext context, int depth)
    {
        var relative = context.Relative(folder);
        var parts = relative == "." || relative.StartsWith("..", StringComparison.Ordinal) ? [] : relative.Split('/').ToList();
        if (parts.Count >= depth)
            return parts;
        var full = new List<string>();
        for (var dir = new DirectoryInfo(folder); dir is not null && dir.Parent is not null; dir = dir.Parent)
            full.Insert(0, dir.Name);
        return full.Count > depth ? full[^depth..] : full;
    }

    private static string Describe(RunInfo info) =>
        info.Variant is null && info.Seed is null ? "it has no variant or seed from its folders" : $"kept: {info.Identity}";

    private static string Join(List<string> parts) =>
        parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];
}
