using RunLens.TestSupport;

namespace RunLens.Tests.BadInput;

/// <summary>
/// Issue 17's bad-input corpus for the binary files that hold whole arrays or objects (npz, pickle): a 0-byte file
/// is damage there, not a writer that never flushed: an npz is reported and the data beside it loads; a pickle,
/// recognised by its content, is not taken for a run.
/// </summary>
public class BinaryBadInputTests
{
    [Fact]
    public void An_empty_evaluations_npz_is_reported_and_the_monitor_episodes_beside_it_load()
    {
        using var dir = new TempDir();
        dir.Write("ppo/CartPole-v1_1/0.monitor.csv", "#{\"t_start\": 1000.5, \"env_id\": \"CartPole-v1\"}\nr,l,t\n10.0,10,0.5\n20.0,20,1.5\n");
        var path = dir.Write("ppo/CartPole-v1_1/evaluations.npz", "");

        var runs = Runs.Load(dir.Path);
        var run = Assert.Single(runs);
        var issues = runs.Describe().AllIssues;

        Assert.Equal([10.0, 20], run.Episodes.Select(e => e.Return));
        Assert.Contains(issues, i => i.File == path);
    }

    [Fact]
    public void An_empty_pickle_is_not_taken_for_a_run_and_a_folder_of_nothing_else_says_what_it_expected()
    {
        // A .pkl is a trajectory file only when its content says so (any pickle may sit in a run folder): 0 bytes say
        // nothing, so the folder has no run, and the error names the folder and the formats looked for.
        using var dir = new TempDir();
        dir.Write("demos/old.pkl", "");

        var error = Assert.Throws<RunLoadException>(() => Runs.Load(dir.Path));

        Assert.Contains(dir.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("Expected JSON logs", error.Message, StringComparison.Ordinal);
    }
}
