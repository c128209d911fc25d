using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Loading;

/// <summary>
/// On every folder of real logs: no file is read by two runs (nothing listed twice), and every file that looks like a
/// log (by its tool's naming) is read by a run, or named in a note or an issue saying why it is not (nothing skipped
/// silently).
/// </summary>
public class RealFoldersAccountTests(ITestOutputHelper output)
{
    [RealDataTheory("")]
    [InlineData("current-tools")]
    [InlineData("json-game-logs")]
    [InlineData("mlflow")]
    [InlineData("ray-tune")]
    [InlineData("sb3-baselines")]
    [InlineData("tfevents")]
    [InlineData("trajectories")]
    public void Every_log_file_is_read_once_or_named_in_a_note(string folder)
    {
        var root = RealRuns.Folder(folder, output);
        var runs = Runs.Load(root);
        var readers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            // A store several runs read part of (an MLflow database) is shared by design.
            foreach (var path in run.Info.Files.Where(f => !f.Source.ReadsPartOfFile).SelectMany(f => f.DiskPaths)
                         .Concat(run.EpisodeSources.Select(s => s.File).Where(f => !f.Source.ReadsPartOfFile).SelectMany(f => f.DiskPaths))
                         .Distinct(StringComparer.Ordinal))
            {
                if (!readers.TryGetValue(path, out var names))
                    readers[path] = names = [];
                names.Add(run.Name);
            }
        }
        var twice = readers.Where(r => r.Value.Count > 1).Select(r => $"{r.Key}: {string.Join(", ", r.Value)}").ToList();
        Assert.True(twice.Count == 0, "read by several runs:\n" + string.Join("\n", twice));

        // Stores several runs read part of, and runs that are a store's entry without data files (an MLflow run that
        // logged no metric is the database's too).
        var shared = runs.SelectMany(r => r.Info.Files).Where(f => f.Source.ReadsPartOfFile).Select(f => f.Path)
            .Concat(runs.Select(r => r.Info.Root).Where(File.Exists)).ToHashSet(StringComparer.Ordinal);
        var said = string.Join("\n", runs.SelectMany(r => r.Info.Notes).Concat(runs.Issues.Select(i => i.ToString()))
            .Concat(runs.SelectMany(r => r.Scan().Notes)));
        var logs = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(LooksLikeLog).ToList();
        var unread = logs.Where(path => !readers.ContainsKey(path) && !shared.Contains(path)).ToList();
        var silent = unread.Where(path => !said.Contains(Path.GetFileName(path), StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(root, path))
            .ToList();
        output.WriteLine($"{runs.Count} runs, {readers.Count} files read; {logs.Count} files named like logs, {unread.Count} of them not read, each named in a note or issue");
        Assert.NotEmpty(logs);
        Assert.True(silent.Count == 0, "not read and not named in any note or issue:\n" + string.Join("\n", silent));
    }

    /// <summary>Files named as the tools name their logs: event files, CSV, JSON-lines and gzip logs, numpy
    /// trajectories and pickles (Maze's and imitation's trajectories are read; any other pickle must be named), W&amp;B and
    /// SQLite stores, MLflow metric files, result and progress files.</summary>
    private static bool LooksLikeLog(string path)
    {
        var name = Path.GetFileName(path);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        return name.Contains("tfevents", StringComparison.Ordinal)
            || extension is ".csv" or ".jsonl" or ".gz" or ".npz" or ".pkl" or ".tsv" or ".wandb" or ".db"
            || name is "result.json" or "progress.json"
            || path.Replace('\\', '/').Contains("/metrics/", StringComparison.Ordinal) && path.Contains("mlruns", StringComparison.Ordinal);
    }
}
