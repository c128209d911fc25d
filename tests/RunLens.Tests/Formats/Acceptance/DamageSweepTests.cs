using System.Globalization;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Formats.Acceptance;

/// <summary>
/// Issue 5's robustness acceptance on the real logs: each format folder of ../shared/real-runs is copied into a
/// temp folder, a seeded, deterministic choice of its files is damaged (cut at a random offset, 1-8 random bytes
/// flipped, zeroed, garbage appended), and loading must never throw or hang; a damaged file whose runs' counts
/// changed must be named in some issue; runs whose files were untouched must count exactly what they did before.
/// </summary>
public class DamageSweepTests(ITestOutputHelper output)
{
    private const int Seed = 5;
    private const int FilesPerFolder = 8;

    /// <summary>The format folders of real-runs (each copied on its own so one case's damage never meets another's).</summary>
    private static readonly string[] FormatFolders = ["json-game-logs", "mlflow", "ray-tune", "sb3-baselines", "tfevents", "trajectories"];

    /// <summary>A hang is a failure: far above a real load of one format folder here (about a second).</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    private enum Damage { Truncate, FlipBytes, Zero, AppendGarbage }

    /// <summary>What one run counted: records, points per metric, episodes; and the files it read.</summary>
    private sealed record RunCounts(string Name, string Root, long Records, string Metrics, int Episodes, IReadOnlyList<string> Files, IReadOnlyList<LoadIssue> Issues);

    [RealDataFact("")]
    public void Damaged_real_files_never_crash_or_hang_and_lost_data_is_always_reported()
    {
        var root = RealRuns.Folder("", output);
        var random = new Random(Seed);
        var failures = new List<string>();
        var gaps = new List<string>();
        var cases = 0;
        foreach (var format in FormatFolders)
        {
            var source = Path.Combine(root, format);
            if (!Directory.Exists(source))
                continue;
            using var dir = new TempDir();
            var copy = Path.Combine(dir.Path, format);
            CopyFolder(source, copy);

            var before = Describe(copy, "undamaged " + format, failures);
            if (before is null)
                continue;
            // Only files some run reads (data or config) are worth damaging; the README of a repo is not.
            var candidates = Directory.EnumerateFiles(copy, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(copy, f)).Order(StringComparer.Ordinal).ToList();
            var chosen = candidates.OrderBy(_ => random.Next()).Take(FilesPerFolder).Order(StringComparer.Ordinal).ToList();
            var originals = chosen.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(copy, f)));
            var damages = new Dictionary<string, string>();
            foreach (var file in chosen)
                damages[file] = Apply(Path.Combine(copy, file), originals[file], random);
            cases += chosen.Count;

            var after = Describe(copy, format + " with " + string.Join(", ", damages.Select(d => d.Key + ": " + d.Value)), failures);
            if (after is null)
                continue;
            Check(copy, before, after, damages, failures, gaps);
        }
        foreach (var line in gaps.Concat(failures))
            output.WriteLine(line);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases} damaged files, {failures.Count} failures, {gaps.Count} known gaps or zero-byte files"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Applies one damage, chosen and sized by <paramref name="random"/>; returns what was done.</summary>
    private static string Apply(string path, byte[] original, Random random)
    {
        var damage = (Damage)random.Next(4);
        var bytes = (byte[])original.Clone();
        switch (damage)
        {
            case Damage.Truncate:
                var cut = original.Length == 0 ? 0 : random.Next(original.Length);
                File.WriteAllBytes(path, bytes[..cut]);
                return string.Create(CultureInfo.InvariantCulture, $"cut at {cut} of {original.Length}");
            case Damage.FlipBytes:
                var flips = new List<string>();
                for (var i = random.Next(1, 9); i > 0 && bytes.Length > 0; i--)
                {
                    var at = random.Next(bytes.Length);
                    var mask = (byte)random.Next(1, 256);
                    bytes[at] ^= mask;
                    flips.Add(string.Create(CultureInfo.InvariantCulture, $"{at}^{mask:x2}"));
                }
                File.WriteAllBytes(path, bytes);
                return "flipped " + string.Join(" ", flips);
            case Damage.Zero:
                File.WriteAllBytes(path, []);
                return "zeroed";
            default:
                var garbage = new byte[random.Next(1, 200)];
                random.NextBytes(garbage);
                using (var stream = new FileStream(path, FileMode.Append))
                    stream.Write(garbage);
                return string.Create(CultureInfo.InvariantCulture, $"{garbage.Length} garbage bytes appended");
        }
    }

    /// <summary>Loads and describes a folder within <see cref="HangLimit"/>; null (with the failure noted) on a throw or hang.</summary>
    private static Dictionary<string, RunCounts>? Describe(string folder, string what, List<string> failures)
    {
        var task = Task.Run(() =>
        {
            var runs = Runs.Load(folder);
            var listing = runs.Describe();
            var counts = new Dictionary<string, RunCounts>(StringComparer.Ordinal);
            foreach (var summary in listing)
            {
                var run = runs[summary.Name];
                var metrics = string.Join(";", summary.Metrics.Select(m => m.Name + "=" + m.Points.ToString(CultureInfo.InvariantCulture)));
                counts[summary.Name] = new RunCounts(summary.Name, summary.Root, summary.Records, metrics, summary.Episodes.Count,
                    run.Info.Files.SelectMany(f => f.DiskPaths).ToList(), summary.Issues.ToList());
            }
            // Issues that belong to no run count for every run (a broken file that made a run disappear).
            counts[""] = new RunCounts("", folder, 0, "", 0, [], listing.Issues.ToList());
            return counts;
        });
        try
        {
            if (!task.Wait(HangLimit))
            {
                failures.Add($"HANG (> {HangLimit.TotalSeconds} s) loading {what}");
                return null;
            }
            return task.Result;
        }
        catch (AggregateException e)
        {
            failures.Add($"THREW loading {what}: {e.InnerException}");
            return null;
        }
    }

    /// <summary>
    /// A run whose counts changed must have an issue naming one of the damaged files (in the run or in the set);
    /// a run none of whose files were damaged must be unchanged; a damaged file that changed nothing is harmless.
    /// </summary>
    private static void Check(string folder, Dictionary<string, RunCounts> before, Dictionary<string, RunCounts> after,
        Dictionary<string, string> damages, List<string> failures, List<string> gaps)
    {
        var damaged = damages.Keys.Select(f => Path.Combine(folder, f)).ToHashSet(StringComparer.Ordinal);
        var allIssues = after.Values.SelectMany(r => r.Issues).ToList();
        // An issue names a file by its path, a member of it (results.zip!progress.csv), or the folder it is in.
        bool Named(string file) => allIssues.Any(i => i.File == file
            || i.File.StartsWith(file + "!", StringComparison.Ordinal)
            || file.StartsWith(i.File + Path.DirectorySeparatorChar, StringComparison.Ordinal));

        foreach (var (name, old) in before)
        {
            if (name.Length == 0)
                continue;
            var touched = old.Files.Where(damaged.Contains).ToList();
            after.TryGetValue(name, out var now);
            // A run can be renamed by the damage and still hold everything: a zeroed results.zip leaves the trial's
            // results.zip.extracted copy, read as a run of its own name. Same counts under the old folder: no loss.
            now ??= after.Values.FirstOrDefault(r => r.Name.Length > 0 && !before.ContainsKey(r.Name)
                && r.Root.StartsWith(old.Root, StringComparison.Ordinal)
                && r.Records == old.Records && r.Metrics == old.Metrics && r.Episodes == old.Episodes);
            var same = now is not null && now.Records == old.Records && now.Metrics == old.Metrics && now.Episodes == old.Episodes;
            if (same)
                continue;
            var where = $"run '{name}' ({Describe(old)} before, {(now is null ? "gone" : Describe(now))} after)";
            if (touched.Count == 0)
            {
                // A run can also change through a damaged file it does not list as data (its config, meta.yaml,
                // params.json): that is fine when an issue names a damaged file in the run's folder or its parent's.
                var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(old.Root)) ?? old.Root;
                var inside = damaged.Where(f => f.StartsWith(parent + Path.DirectorySeparatorChar, StringComparison.Ordinal) && Named(f)).ToList();
                if (inside.Count == 0)
                    failures.Add($"UNTOUCHED run changed: {where}; damage: {string.Join(", ", damages.Select(d => d.Key + ": " + d.Value))}");
                continue;
            }
            var unnamed = touched.Where(f => !Named(f)).ToList();
            if (unnamed.Count == touched.Count && touched.All(f => damages[Path.GetRelativePath(folder, f)] == "zeroed"))
                gaps.Add($"BY DESIGN (a zero-byte file is a run of zero records without an issue, as a writer that never flushed leaves it): {where}");
            else if (unnamed.Count == touched.Count)
                failures.Add($"SILENT loss: {where}; no issue names {string.Join(", ", touched.Select(f => Path.GetRelativePath(folder, f) + " (" + damages[Path.GetRelativePath(folder, f)] + ")"))}");
        }
    }

    private static string Describe(RunCounts counts) =>
        string.Create(CultureInfo.InvariantCulture, $"{counts.Records} records, {counts.Episodes} episodes, [{counts.Metrics}]");

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }
}
