using System.Diagnostics;
using RunLens.TestSupport;

namespace RunLens.Tests.Loading;

/// <summary>
/// Files and folders reached under two paths that no link shows (hard links, a folder mounted twice): read once, by
/// their device and inode, and the notes say which path was not read.
/// </summary>
public class SameFileDiscoveryTests
{
    private static void WriteRun(TempDir dir, string file, int records)
    {
        var lines = Enumerable.Range(0, records).Select(i => FormattableString.Invariant($"{{\"step\": {i}, \"reward\": 1.0}}"));
        dir.Write(file, string.Join('\n', lines) + "\n");
    }

    internal static bool Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void HardLink(TempDir dir, string existing, string link)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(dir.File(link))!);
        Assert.True(Run("ln", dir.File(existing), dir.File(link)), "ln failed");
    }

    [Fact]
    public void A_file_hard_linked_twice_into_one_run_is_read_once_and_the_run_says_which_was_skipped()
    {
        using var dir = new TempDir();
        WriteRun(dir, "exp/run1/json_logs/a.jsonl", 100);
        HardLink(dir, "exp/run1/json_logs/a.jsonl", "exp/run1/json_logs/b.jsonl");

        var run = Assert.Single(Runs.Load(dir.Path));

        Assert.Equal(100, run.Scan().Records);
        Assert.Contains(run.Info.Notes, n => n.StartsWith("exp/run1/json_logs/b.jsonl is the same file as exp/run1/json_logs/a.jsonl, a hard link", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_folder_copied_as_hard_links_is_read_once_and_the_original_run_says_where_else_it_was_reached()
    {
        using var dir = new TempDir();
        WriteRun(dir, "exp/run1/log.jsonl", 100);
        HardLink(dir, "exp/run1/log.jsonl", "exp/run2/log.jsonl");

        var runs = Runs.Load(dir.Path);

        var run = Assert.Single(runs);
        Assert.Equal(100, run.Scan().Records);
        Assert.Contains("also reached through exp/run2 (the same files, by hard links or a second mount): read once", run.Info.Notes);
    }

    [Fact]
    public void A_run_with_its_own_file_and_a_linked_one_keeps_its_own_and_names_the_run_that_reads_the_other()
    {
        using var dir = new TempDir();
        WriteRun(dir, "exp/run1/log.jsonl", 100);
        WriteRun(dir, "exp/run2/log.jsonl", 7);
        HardLink(dir, "exp/run1/log.jsonl", "exp/run2/old.jsonl");

        var runs = Runs.Load(dir.Path);

        Assert.Equal(107, runs.Sum(r => r.Scan().Records));
        var second = runs.Single(r => r.Info.Files.Any(f => f.RelativePath == "exp/run2/log.jsonl"));
        Assert.Single(second.Info.Files);
        Assert.Contains(second.Info.Notes, n => n.StartsWith("exp/run2/old.jsonl is the same file as exp/run1/log.jsonl (run ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_benchmarks_option_reads_a_hard_linked_file_under_each_path()
    {
        using var dir = new TempDir();
        WriteRun(dir, "exp/run1/log.jsonl", 10);
        HardLink(dir, "exp/run1/log.jsonl", "exp/run2/log.jsonl");

        var runs = Runs.Load(dir.Path, new LoadOptions { ReadHardLinksAsFiles = true });

        Assert.Equal(20, runs.Sum(r => r.Scan().Records));
    }

    [Fact]
    public void Files_that_are_copies_not_links_are_both_read()
    {
        using var dir = new TempDir();
        WriteRun(dir, "exp/run1/log.jsonl", 10);
        File.Copy(dir.File("exp/run1/log.jsonl"), dir.File("exp/run2/log.jsonl"));

        Assert.Equal(20, Runs.Load(dir.Path).Sum(r => r.Scan().Records));
    }

    [BindMountFact]
    public void A_folder_mounted_twice_is_searched_once_and_the_run_says_it_was_reached_through_the_mount()
    {
        using var dir = new TempDir();
        WriteRun(dir, "exp/run1/log.jsonl", 100);
        var mount = dir.File("exp/run1-again/.keep");
        Directory.CreateDirectory(Path.GetDirectoryName(mount)!);
        Assert.True(Run("mount", "--bind", dir.File("exp/run1"), Path.GetDirectoryName(mount)!));
        try
        {
            var run = Assert.Single(Runs.Load(dir.Path));

            Assert.Equal(100, run.Scan().Records);
            Assert.Contains("also reached through exp/run1-again/ (a second mount of exp/run1): read once", run.Info.Notes);
        }
        finally
        {
            Run("umount", Path.GetDirectoryName(mount)!);
        }
    }
}

/// <summary>A fact that needs <c>mount --bind</c> (root, or a container allowed to mount): skipped with the reason where it fails.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BindMountFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(Probe);

    public BindMountFactAttribute() => Skip = Reason.Value;

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
            return "bind mounts are a Linux feature";
        using var dir = new TempDir();
        var (source, target) = (dir.File("a/.keep"), dir.File("b/.keep"));
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (!SameFileDiscoveryTests.Run("mount", "--bind", Path.GetDirectoryName(source)!, Path.GetDirectoryName(target)!))
            return "mount --bind does not work here (it needs root, or a container allowed to mount)";
        SameFileDiscoveryTests.Run("umount", Path.GetDirectoryName(target)!);
        return null;
    }
}
