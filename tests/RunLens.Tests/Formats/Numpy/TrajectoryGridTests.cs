using RunLens.TestSupport;
using static RunLens.Tests.Formats.Numpy.NpyFixtures;

namespace RunLens.Tests.Formats.Numpy;

public class TrajectoryGridTests
{
    /// <summary>
    /// Two trajectories of 2 and 1 steps (indices [2]), so obs has 3 + 2 = 5 rows of 2 x 3 cells; cell (y, x) of
    /// observation row r is 10 r + 3 y + x.
    /// </summary>
    private static byte[] GridTrajectories(string obsDescr) => Npz(false,
        ("obs", Array(obsDescr, [5, 2, 3], Enumerable.Range(0, 5).SelectMany(r => Enumerable.Range(0, 6).Select(c => 10.0 * r + c)).ToArray())),
        ("acts", Array("<i8", [3], [0, 1, 2])),
        ("indices", Array("<i8", [1], [2])),
        ("rews", Array("<f8", [3], [1, 1, 1])));

    [Fact]
    public void Integer_2D_observations_become_one_grid_per_step_without_the_final_observation()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("demos/d.npz"), GridTrajectories("|u1"));

        var episodes = Runs.Load(dir.Path)["demos"].Episodes;

        Assert.Empty(episodes.Issues);
        var first = episodes[0].Trajectory!;
        Assert.Equal(3, first.Observations!.Count);
        Assert.Equal([[[0, 1, 2], [3, 4, 5]], [[10, 11, 12], [13, 14, 15]]], first.Grids!);
        // Trajectory 1 starts at observation row 2 + 1: trajectory 0 kept its final observation (row 2).
        var second = episodes[1].Trajectory!;
        Assert.Equal([[[30, 31, 32], [33, 34, 35]]], second.Grids!);
        Assert.Equal(second.Length, second.Grids!.Count);
    }

    [Fact]
    public void Float_observations_are_not_grids()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("demos/d.npz"), GridTrajectories("<f4"));

        var episodes = Runs.Load(dir.Path)["demos"].Episodes;

        Assert.All(episodes, e => Assert.Null(e.Trajectory!.Grids));
        Assert.Equal(6, episodes[0].Trajectory!.Observations![0].Length);
    }
}
