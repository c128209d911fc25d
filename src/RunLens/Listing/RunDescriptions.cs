namespace RunLens;

/// <summary>
/// <c>runs.Describe()</c> and <c>run.Describe()</c>: what each run holds, counted exactly, in one value a notebook
/// shows as a table (and <c>runlens ls</c> prints).
/// </summary>
public static class RunDescriptions
{
    /// <summary>
    /// Runs summarised at once. Each run's scan already reads its files in parallel; two runs at a time keep the
    /// cores busy across many small runs without multiplying the scan threads by the number of cores.
    /// </summary>
    private const int RunsInParallel = 2;

    /// <summary>
    /// Summarises every run of the set (reading every record once, two runs at a time) in the set's order, and
    /// gives each run the problems met while finding it (a broken config file in its folder).
    /// </summary>
    /// <example><code>var listing = Runs.Load("sample-runs").Describe(); listing[0].Metrics</code></example>
    public static RunListing Describe(this RunSet runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var owners = DiscoveryIssuesByRun(runs, out var unowned);
        var summaries = new RunSummary[runs.Count];
        using var live = LiveProgress.Begin(FormattableString.Invariant($"Describing {runs.Count:N0} runs"));
        var done = 0;
        Parallel.For(0, runs.Count, new ParallelOptions { MaxDegreeOfParallelism = RunsInParallel }, i =>
        {
            summaries[i] = Summarise(runs[i], owners[i]);
            var finished = Interlocked.Increment(ref done);
            live.Report("Describing", (double)finished / runs.Count, FormattableString.Invariant($"{finished:N0}/{runs.Count:N0} runs, last {runs[i].Name}"));
        });
        live.Complete(FormattableString.Invariant($"Described {runs.Count:N0} runs in {live.Elapsed.TotalSeconds:0.0} s"));
        return new RunListing(runs.Root, summaries.AsReadOnly(), new LoadIssues(unowned));
    }

    /// <summary>
    /// Summarises one run: its names, configuration, files, every metric with exact point counts and step range,
    /// episodes, skipped records and issues. Reads every record once (a scan without samples, not kept, unless the
    /// run's default <see cref="Run.Scan"/> was already made) and its <see cref="Run.Episodes"/>.
    /// Problems met while finding the run (a broken config file) belong to its <see cref="RunSet"/>: use
    /// <see cref="Describe(RunSet)"/> to have them in the summary.
    /// </summary>
    /// <example><code>runs["cartpole-ppo/lr=0.0003,batch=512/seed_0"].Describe()</code></example>
    public static RunSummary Describe(this Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Summarise(run, []);
    }

    private static RunSummary Summarise(Run run, IReadOnlyList<LoadIssue> discovery)
    {
        var info = run.Info;
        var scan = run.ScanCounts();
        var episodes = run.Episodes;
        // Grouped by file (a stable sort keeps each file's own order: by offset or line) so a run's problems read
        // file by file, wherever they were found.
        var issues = discovery.Concat(scan.Issues).Concat(episodes.Issues)
            .OrderBy(i => i.File, StringComparer.Ordinal).ToList();
        return new RunSummary(
            info.Name, info.Format, info.Root, info.Variant, info.Timestamp, info.Seed, info.Status,
            new SortedDictionary<string, ConfigValue>(info.Config.ToDictionary(), StringComparer.Ordinal).AsReadOnly(),
            new SortedDictionary<string, string>(info.Tags.ToDictionary(), StringComparer.Ordinal).AsReadOnly(),
            info.Notes.Concat(scan.Notes).Distinct(StringComparer.Ordinal).ToList().AsReadOnly(),
            scan.Files, info.Bytes, scan.Records, scan.StepMin, scan.StepMax,
            scan.Fields.Where(f => !IsTheStep(f, run.FieldMap)).Select(MetricSummary.From).OrderBy(m => m.Name, StringComparer.Ordinal).ToList().AsReadOnly(),
            EpisodeSummary.From(episodes),
            new LoadIssues(issues.AsReadOnly()),
            new SortedDictionary<string, long>(scan.SkippedByReason.ToDictionary(), StringComparer.Ordinal).AsReadOnly())
        {
            Summary = new SortedDictionary<string, ConfigValue>(info.Summary.ToDictionary(), StringComparer.Ordinal).AsReadOnly(),
        };
    }

    /// <summary>
    /// True for the step field itself (<c>step</c> in <c>{"step": 3, "loss": 0.5}</c>): a step-named field whose every
    /// value is its record's step. It is the axis of the metrics, not one of them. Each bucket's first and last value
    /// must be its first and last step and every value must lie in its step range; with one step per bucket (step
    /// ranges of up to 1,024 steps) that is exact. A step-named field with other values (<c>timesteps</c> counting
    /// environment steps while <c>step</c> counts updates) stays a metric.
    /// </summary>
    private static bool IsTheStep(FieldCurve field, FieldMap map) =>
        map.StepRank(field.Name) >= 0 && field.NonFinite == 0
        && field.Buckets.All(b => b.First == b.FirstStep && b.Last == b.LastStep && b.Min >= b.StepStart && b.Max < b.StepEnd);

    /// <summary>
    /// Gives each discovery issue to the run it is about: the run one of whose files it names (when no other run reads
    /// that file), else the run whose folder holds the file (the innermost, when run folders nest; none when several
    /// runs share that root). The rest, and issues naming a store several runs read, belong to no run.
    /// </summary>
    private static List<LoadIssue>[] DiscoveryIssuesByRun(RunSet runs, out List<LoadIssue> unowned)
    {
        var owners = Enumerable.Range(0, runs.Count).Select(_ => new List<LoadIssue>()).ToArray();
        unowned = [];
        // A file a run reads part of (an MLflow SQLite store: one run id of many) may hold more than the run: an issue
        // naming it (a deleted run not loaded) goes by folder instead, where runs sharing the store's root own none.
        // Nor does a file several runs read (-1) give its issues to one of them.
        var fileOwner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
        {
            foreach (var file in runs[i].Info.Files)
            {
                if (file.Source.ReadsPartOfFile)
                    fileOwner[file.Path] = -1;
                else if (!fileOwner.TryAdd(file.Path, i) && fileOwner[file.Path] != i)
                    fileOwner[file.Path] = -1;
            }
        }
        foreach (var issue in runs.Issues)
        {
            var owner = fileOwner.TryGetValue(issue.File, out var byFile) ? (byFile >= 0 ? byFile : null) : FolderOwner(runs, issue.File);
            (owner is { } i ? owners[i] : unowned).Add(issue);
        }
        return owners;
    }

    private static int? FolderOwner(RunSet runs, string path)
    {
        int? owner = null;
        var longest = -1;
        for (var i = 0; i < runs.Count; i++)
        {
            var root = Path.TrimEndingDirectorySeparator(runs[i].Info.Root);
            var inside = path == root
                || path.Length > root.Length && path.StartsWith(root, StringComparison.Ordinal)
                    && (path[root.Length] == Path.DirectorySeparatorChar || path[root.Length] == Path.AltDirectorySeparatorChar);
            if (inside && root.Length > longest)
            {
                owner = i;
                longest = root.Length;
            }
            else if (inside && root.Length == longest)
            {
                // Runs with the same root (the runs of one SQLite store, whose root is the database): none is the owner.
                owner = null;
            }
        }
        return owner;
    }
}
