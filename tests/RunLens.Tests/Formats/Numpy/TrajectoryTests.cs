using RunLens.TestSupport;
using static RunLens.Tests.Formats.Numpy.NpyFixtures;

namespace RunLens.Tests.Formats.Numpy;

public class TrajectoryTests
{
    /// <summary>
    /// Three trajectories of 2, 3 and 1 steps as imitation flattens them: acts/rews 6 rows split at indices [2, 5],
    /// obs 9 rows (each trajectory keeps its final observation). Observation row r holds (r, -r); action t holds
    /// (t, 10 t); reward t is t + 1.
    /// </summary>
    private static byte[] ThreeTrajectories(bool withRewards = true, string indices = "<i8")
    {
        var members = new List<(string, byte[])>
        {
            ("obs", Array("<f4", [9, 2], Enumerable.Range(0, 9).SelectMany(r => new double[] { r, -r }).ToArray())),
            ("acts", Array("<i8", [6, 2], Enumerable.Range(0, 6).SelectMany(t => new double[] { t, 10 * t }).ToArray())),
            ("infos", Npy("|O", [6], [0x80, 0x04])),
            ("terminal", Array("|b1", [3], [1, 1, 0])),
            ("indices", Array(indices, [2], [2, 5])),
        };
        if (withRewards)
            members.Add(("rews", Array("<f8", [6], [1, 2, 3, 4, 5, 6])));
        return Npz(true, [.. members]);
    }

    [Fact]
    public void A_rollouts_folder_is_a_run_of_trajectories_split_at_the_indices()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("expert/rollouts/final.npz"), ThreeTrajectories());
        dir.Write("expert/rollouts/final.pkl", "pickle bytes");

        var runs = Runs.Load(dir.Path);

        var run = Assert.Single(runs);
        Assert.Equal(("expert/rollouts", "trajectories"), (run.Name, run.Info.Format));
        Assert.Empty(run.Info.Files);
        Assert.Equal(
            ["final.npz: infos: object array (pickled Python objects) not read",
             "final.pkl: pickled Python objects, not read (RunLens reads imitation trajectories as .npz or as their pickle)"],
            run.Info.Notes);
        var episodes = run.Episodes;
        Assert.Empty(episodes.Issues);
        Assert.Equal([2L, 3, 1], episodes.Select(e => e.Length));
        Assert.Equal([3.0, 12, 6], episodes.Select(e => e.Return));
        Assert.All(episodes, e => Assert.Equal((EpisodeKinds.Demonstration, (bool?)null, "expert/rollouts/final.npz"), (e.Kind, e.Success, e.Source)));
        var second = episodes[1].Trajectory!;
        Assert.Equal([3.0, 4, 5], second.Rewards);
        Assert.Equal([[2.0, 20], [3, 30], [4, 40]], second.Actions!);
        // Trajectory 1 starts at observation row 2 + 1 (after trajectory 0's 3 rows) and has 4 rows.
        Assert.Equal([[3.0, -3], [4, -4], [5, -5], [6, -6]], second.Observations!);
        Assert.Equal([[7.0, -7], [8, -8]], episodes[2].Trajectory!.Observations!);
    }

    [Fact]
    public void Without_rewards_returns_are_NaN_and_the_steps_still_load()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("demos/d.npz"), ThreeTrajectories(withRewards: false));

        var episodes = Runs.Load(dir.Path)["demos"].Episodes;

        Assert.Equal([2L, 3, 1], episodes.Select(e => e.Length));
        Assert.All(episodes, e => Assert.True(double.IsNaN(e.Return)));
        Assert.Equal(3, episodes[1].Trajectory!.Rewards.Count);
    }

    [Fact]
    public void Indices_outside_the_steps_are_reported_and_nothing_is_invented()
    {
        using var dir = new TempDir();
        var path = dir.File("demos/bad.npz");
        File.WriteAllBytes(path, Npz(false,
            ("acts", Array("<i8", [3], [0, 1, 0])),
            ("indices", Array("<i8", [2], [2, 9])),
            ("rews", Array("<f8", [3], [1, 1, 1]))));

        var episodes = Runs.Load(dir.Path)["demos"].Episodes;

        Assert.Empty(episodes);
        var issue = Assert.Single(episodes.Issues);
        Assert.Equal(path, issue.File);
        Assert.Contains("'indices' (shape [2]) are not increasing split points within the 3 steps", issue.Message);
    }

    [Fact]
    public void Observations_with_the_wrong_row_count_are_left_out_with_an_issue()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("demos/d.npz"), Npz(false,
            ("obs", Array("<f8", [3, 1], [0, 1, 2])),
            ("acts", Array("<i8", [3], [0, 1, 0])),
            ("indices", Array("<i8", [1], [1])),
            ("rews", Array("<f8", [3], [1, 1, 1]))));

        var episodes = Runs.Load(dir.Path)["demos"].Episodes;

        Assert.Equal([1L, 2], episodes.Select(e => e.Length));
        Assert.All(episodes, e => Assert.Null(e.Trajectory!.Observations));
        Assert.Contains("'obs' has 3 rows, expected 5", Assert.Single(episodes.Issues).Message);
    }

    [Fact]
    public void Npz_files_that_are_not_trajectories_do_not_make_runs()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("other/arrays.npz"), Npz(false, ("x", Array("<f8", [1], [1]))));
        dir.Write("other/log.jsonl", "{\"step\": 1, \"loss\": 2}\n");

        var run = Assert.Single(Runs.Load(dir.Path));

        Assert.Equal("json-log", run.Info.Format);
        Assert.Empty(run.Episodes);
    }

    [Fact]
    public void A_json_log_run_beside_trajectories_keeps_its_metrics_and_gets_the_episodes()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("run/final.npz"), ThreeTrajectories());
        dir.Write("run/metrics.jsonl", "{\"step\": 1, \"loss\": 2}\n");

        var run = Assert.Single(Runs.Load(dir.Path));

        Assert.Equal("json-log", run.Info.Format);
        Assert.Equal(["run/metrics.jsonl"], run.Info.Files.Select(f => f.RelativePath));
        Assert.Equal(3, run.Episodes.Count);
        Assert.Contains("final.npz: infos: object array (pickled Python objects) not read", run.Info.Notes);
    }
}
