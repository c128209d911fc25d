using System.Text.Json;

namespace RunLens.Samples;

/// <summary>
/// Writes a deterministic synthetic experiment of the exploration game: variants v1..vN, each run a
/// <c>&lt;variant&gt;/&lt;timestamp&gt;</c> folder with <c>config.json</c>, empty <c>checkpoints</c>, <c>tensorboard</c> and
/// <c>plots</c> folders and <c>json_logs/&lt;env&gt;_&lt;chunk&gt;.json[.gz]</c> files, plus a JSONL batch-metrics run.
/// It returns (and saves as <c>manifest.json</c>) the exact truths a scan must find.
/// </summary>
/// <example>
/// <code>
/// var manifest = SyntheticExperiment.Write("/tmp/exp", new SyntheticExperimentOptions { Damage = SyntheticDamage.All });
/// var scan = Runs.Load(manifest.ExperimentsPath).Scan();
/// Assert.Equal(manifest.Expected.Records, scan.Records);
/// </code>
/// </example>
public static class SyntheticExperiment
{
    private const int Maps = 6;

    /// <summary>
    /// Generates the experiment under <paramref name="outDir"/>/experiments. Memory stays bounded whatever the size;
    /// environments are written in parallel, and the output does not depend on how many threads wrote it.
    /// </summary>
    /// <param name="outDir">The output folder. A previous generator output there is replaced; anything else in an
    /// existing <c>experiments</c> folder makes it refuse.</param>
    /// <param name="options">What to generate; null for <see cref="SyntheticExperimentOptions.Default"/>.</param>
    public static SyntheticManifest Write(string outDir, SyntheticExperimentOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var o = options ?? SyntheticExperimentOptions.Default;
        o.Validate();
        var root = Path.GetFullPath(outDir);
        var experiments = Path.Combine(root, SyntheticManifest.ExperimentsFolder);
        Prepare(root, experiments);

        var world = new GridWorld(Maps, Prng.Seed(o.Seed, 0x3041D));
        var runs = ExperimentPlan.Create(o, world);
        var parts = new List<(RunPlan Run, int Env)>();
        foreach (var run in runs)
        {
            var dir = Path.Combine(experiments, run.Variant, run.Timestamp);
            foreach (var sub in new[] { "checkpoints", "tensorboard", "plots" })
                Directory.CreateDirectory(Path.Combine(dir, sub));
            if (!run.IsMetrics)
                Directory.CreateDirectory(Path.Combine(dir, "json_logs"));
            WriteConfig(Path.Combine(dir, "config.json"), run, run.IsMetrics ? 1 : o.EnvsPerRun);
            for (var env = 0; env < (run.IsMetrics ? 1 : o.EnvsPerRun); env++)
                parts.Add((run, env));
        }

        // Results land by index and merge in run and environment order, so the output ignores thread timing.
        var results = new PartResult[parts.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = o.Threads > 0 ? o.Threads : Environment.ProcessorCount };
        Parallel.For(0, parts.Count, parallel, i =>
        {
            var (run, env) = parts[i];
            var dir = Path.Combine(experiments, run.Variant, run.Timestamp);
            results[i] = run.IsMetrics ? MetricsLogs.Write(dir, run, o) : EnvironmentLogs.Write(dir, run, env, world, o);
        });

        var total = new Tally();
        var runManifests = new List<SyntheticRun>();
        var damage = new List<DamageReport>();
        var files = 0;
        long bytes = 0;
        foreach (var run in runs)
        {
            var tally = new Tally();
            var runFiles = 0;
            long runBytes = 0;
            var layouts = new SortedSet<RecordLayout>();
            for (var i = 0; i < parts.Count; i++)
            {
                if (parts[i].Run != run)
                    continue;
                tally.Merge(results[i].Tally);
                runFiles += results[i].DataFiles;
                runBytes += results[i].DataBytes;
                layouts.UnionWith(results[i].Layouts);
                damage.AddRange(results[i].Damage);
            }
            total.Merge(tally);
            files += runFiles;
            bytes += runBytes;
            runManifests.Add(new SyntheticRun(run.RelativePath, run.Variant, run.Seed, run.Bonus, layouts.ToList(), runFiles, runBytes, tally.ToExpected()));
        }
        var manifest = new SyntheticManifest(o, files, bytes, total.ToExpected(), runManifests, damage) { ExperimentsPath = experiments };
        manifest.Save(root);
        return manifest;
    }

    private static void Prepare(string root, string experiments)
    {
        Directory.CreateDirectory(root);
        var manifest = Path.Combine(root, SyntheticManifest.FileName);
        if (Directory.Exists(experiments))
        {
            if (!File.Exists(manifest) && Directory.EnumerateFileSystemEntries(experiments).Any())
                throw new IOException($"{experiments} holds files this generator did not write. Choose an empty output folder.");
            Directory.Delete(experiments, recursive: true);
        }
        // Deleted first so a half-written experiment never looks complete.
        File.Delete(manifest);
    }

    private static void WriteConfig(string path, RunPlan run, int envs)
    {
        using var file = File.Create(path);
        using var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("variant", run.Variant);
        json.WriteNumber("seed", run.Seed);
        json.WriteNumber("exploration_bonus", run.Bonus);
        json.WriteNumber("num_envs", envs);
        json.WriteEndObject();
    }
}
