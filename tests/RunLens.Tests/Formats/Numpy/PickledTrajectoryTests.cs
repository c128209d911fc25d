using RunLens.TestSupport;
using Xunit.Abstractions;
using static RunLens.Tests.Formats.Numpy.NpyFixtures;

namespace RunLens.Tests.Formats.Numpy;

/// <summary>
/// imitation's trajectory pickles (what <c>types.save</c> wrote before <c>.npz</c>), from
/// Fixtures/make_imitation_pickles.py: the three trajectories of <see cref="TrajectoryTests"/> (2, 3 and 1 steps;
/// observation row r is (r, -r), action t is (t, 10 t), reward t is t + 1), pickled as imitation pickles them.
/// </summary>
public class PickledTrajectoryTests(ITestOutputHelper output)
{
    private static string Fixture(string name) =>
        Path.Combine(TestPaths.RepoRoot, "tests", "RunLens.Tests", "Formats", "Numpy", "Fixtures", name);

    /// <summary>The same three trajectories as the .npz layout writes them.</summary>
    private static byte[] ThreeTrajectoriesNpz(double[] rews) => Npz(false,
        ("obs", Array("<f4", [9, 2], Enumerable.Range(0, 9).SelectMany(r => new double[] { r, -r }).ToArray())),
        ("acts", Array("<i8", [6, 2], Enumerable.Range(0, 6).SelectMany(t => new double[] { t, 10 * t }).ToArray())),
        ("terminal", Array("|b1", [3], [1, 1, 1])),
        ("indices", Array("<i8", [2], [2, 5])),
        ("rews", Array("<f8", [6], rews)));

    [Fact]
    public void A_pickle_of_imitation_trajectories_alone_gives_its_episodes()
    {
        using var dir = new TempDir();
        File.Copy(Fixture("three_trajectories_protocol4.pkl"), dir.File("demos/old.pkl"));

        var run = Assert.Single(Runs.Load(dir.Path));
        var episodes = run.Episodes;

        Assert.Equal(("demos", "trajectories"), (run.Name, run.Info.Format));
        Assert.Equal(["old.pkl: imitation trajectories as a pickle (the format before .npz), loaded as data without running any of it"], run.Info.Notes);
        Assert.Empty(episodes.Issues);
        Assert.Equal([2L, 3, 1], episodes.Select(e => e.Length));
        Assert.Equal([3.0, 12, 6], episodes.Select(e => e.Return));
        Assert.All(episodes, e => Assert.Equal((EpisodeKinds.Demonstration, "demos/old.pkl"), (e.Kind, e.Source)));
        var second = episodes[1].Trajectory!;
        Assert.Equal([3.0, 4, 5], second.Rewards);
        Assert.Equal([[2.0, 20], [3, 30], [4, 40]], second.Actions!);
        Assert.Equal([[3.0, -3], [4, -4], [5, -5], [6, -6]], second.Observations!);
    }

    [Fact]
    public void A_pickle_beside_the_npz_of_the_same_trajectories_adds_no_episode()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("rollouts/final.npz"), ThreeTrajectoriesNpz([1, 2, 3, 4, 5, 6]));
        File.Copy(Fixture("three_trajectories_protocol4.pkl"), dir.File("rollouts/final.pkl"));

        var run = Assert.Single(Runs.Load(dir.Path));
        var episodes = run.Episodes;

        Assert.Contains("final.pkl: imitation's pickle of the trajectories in final.npz: checked against them when episodes are read, and its episodes are added only if they differ", run.Info.Notes);
        Assert.Empty(episodes.Issues);
        Assert.Equal(3, episodes.Count);
        Assert.All(episodes, e => Assert.Equal("rollouts/final.npz", e.Source));
    }

    [Fact]
    public void A_pickle_beside_an_npz_of_other_trajectories_adds_its_own_and_says_so()
    {
        using var dir = new TempDir();
        // One reward differs (60 against 6): not the same trajectories.
        File.WriteAllBytes(dir.File("rollouts/final.npz"), ThreeTrajectoriesNpz([1, 2, 3, 4, 5, 60]));
        File.Copy(Fixture("three_trajectories_protocol4.pkl"), dir.File("rollouts/final.pkl"));

        var run = Assert.Single(Runs.Load(dir.Path));
        var episodes = run.Episodes;

        Assert.Equal(6, episodes.Count);
        Assert.Equal([3.0, 12, 60, 3, 12, 6], episodes.Select(e => e.Return));
        var issue = Assert.Single(episodes.Issues);
        Assert.EndsWith("final.pkl", issue.File, StringComparison.Ordinal);
        Assert.Contains("holds other trajectories than final.npz", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pickle_cut_short_is_reported_with_its_offset_and_the_folder_still_loads()
    {
        using var dir = new TempDir();
        var whole = File.ReadAllBytes(Fixture("three_trajectories_protocol4.pkl"));
        File.WriteAllBytes(dir.File("demos/cut.pkl"), whole[..(whole.Length / 2)]);
        File.Copy(Fixture("three_trajectories_protocol4.pkl"), dir.File("demos/whole.pkl"));

        var run = Assert.Single(Runs.Load(dir.Path));
        var episodes = run.Episodes;

        Assert.Equal(3, episodes.Count);
        var issue = Assert.Single(episodes.Issues);
        Assert.EndsWith("cut.pkl", issue.File, StringComparison.Ordinal);
    }

    [RealDataFact("trajectories/HumanCompatibleAI__imitation/tests/testdata")]
    public void Imitations_old_format_rollout_loads_its_one_trajectory()
    {
        var folder = RealRuns.Folder("trajectories/HumanCompatibleAI__imitation/tests/testdata", output);

        var run = Runs.Load(folder).Single(r => r.Info.Root == Path.GetFullPath(folder).TrimEnd('/'));
        var episode = Assert.Single(run.Episodes);

        // python3 pickletools on the file: acts 458 int64 (sum 227), rews 458 float64 all 1.0, obs 459 rows of 4 float32.
        Assert.Empty(run.Episodes.Issues);
        Assert.Equal((458L, 458.0), (episode.Length, episode.Return));
        Assert.Equal(227, episode.Trajectory!.Actions!.Sum(a => a[0]));
        Assert.Equal(459, episode.Trajectory.Observations!.Count);
        Assert.All(episode.Trajectory.Observations, o => Assert.Equal(4, o.Length));
    }
}
