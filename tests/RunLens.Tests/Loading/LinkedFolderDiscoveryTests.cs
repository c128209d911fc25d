using RunLens.TestSupport;

namespace RunLens.Tests.Loading;

/// <summary>
/// Folders reached through links: each real folder is searched once, a loop is never followed, and every link not
/// followed is named (in the notes of the runs it concerns, or in a load issue when no run does).
/// </summary>
public class LinkedFolderDiscoveryTests
{
    private static void WriteRun(TempDir dir, string folder, int records)
    {
        var lines = Enumerable.Range(0, records).Select(i => FormattableString.Invariant($"{{\"step\": {i}, \"reward\": 1.0}}"));
        dir.Write($"{folder}/log.jsonl", string.Join('\n', lines) + "\n");
    }

    [Fact]
    public void A_link_back_to_a_folder_above_is_not_followed_and_the_run_says_so()
    {
        using var dir = new TempDir();
        WriteRun(dir, "exp/run1", 100);
        Directory.CreateSymbolicLink(dir.File("exp/run1/loop"), "..");

        var runs = Runs.Load(dir.Path);

        var run = Assert.Single(runs);
        Assert.Equal(100, run.Scan().Records);
        Assert.Contains("loop/ is a link back to a folder above it (a loop): not followed, nothing under it is missed", run.Info.Notes);
        Assert.Empty(runs.Issues);
    }

    [Fact]
    public void A_loop_in_a_folder_without_runs_is_a_load_issue_naming_the_folder()
    {
        using var dir = new TempDir();
        WriteRun(dir, "exp/run1", 3);
        Directory.CreateSymbolicLink(dir.File("exp/up"), "..");

        var runs = Runs.Load(dir.Path);

        Assert.Equal(3, Assert.Single(runs).Scan().Records);
        var issue = Assert.Single(runs.Issues);
        Assert.EndsWith("exp", issue.File, StringComparison.Ordinal);
        Assert.Contains("up/ is a link back to a folder above it (a loop)", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_reached_through_an_alias_is_listed_and_read_once()
    {
        using var dir = new TempDir();
        WriteRun(dir, "exp/run-42", 10);
        // 'latest' sorts before 'run-42': the real folder is still the one read, the alias the one skipped.
        Directory.CreateSymbolicLink(dir.File("exp/latest"), "run-42");

        var runs = Runs.Load(dir.Path);

        var run = Assert.Single(runs);
        Assert.Equal("exp/run-42", run.Name);
        Assert.Equal(10, run.Scan().Records);
        Assert.Contains("also reached through exp/latest/ (a link to exp/run-42): read once", run.Info.Notes);
        Assert.Empty(runs.Issues);
    }

    [Fact]
    public void A_link_whose_target_is_gone_is_named_and_the_rest_loads()
    {
        using var dir = new TempDir();
        WriteRun(dir, "exp/run1", 5);
        Directory.CreateSymbolicLink(dir.File("exp/run1/old"), "/nonexistent/runlens/target");

        var run = Assert.Single(Runs.Load(dir.Path));

        Assert.Equal(5, run.Scan().Records);
    }

    [Fact]
    public void Real_paths_resolve_relative_and_chained_links_and_give_up_on_a_loop_of_links()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("a/b"));
        Directory.CreateSymbolicLink(dir.File("c"), "a/b");
        Directory.CreateSymbolicLink(dir.File("d"), "c");
        Directory.CreateSymbolicLink(dir.File("x"), "y");
        Directory.CreateSymbolicLink(dir.File("y"), "x");

        var real = RunLens.Loading.Discovery.RealPaths.Of(dir.File("a/b"));
        Assert.Equal(real, RunLens.Loading.Discovery.RealPaths.Of(dir.File("d")));
        Assert.Equal(real, RunLens.Loading.Discovery.RealPaths.Of(dir.File("d/../b")));
        Assert.Null(RunLens.Loading.Discovery.RealPaths.Of(dir.File("x")));
    }
}
