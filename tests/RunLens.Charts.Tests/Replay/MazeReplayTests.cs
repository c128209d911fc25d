using RunLens.TestSupport;

namespace RunLens.ChartsTests.Replay;

/// <summary>Maze trajectory pickles (RunLens.Tests' Formats/Maze/Fixtures, made by make_fixtures.py) in the replay widget.</summary>
public class MazeReplayTests
{
    private static Run MazeRun(TempDir dir, string fixture)
    {
        var source = Path.Combine(TestPaths.RepoRoot, "tests", "RunLens.Tests", "Formats", "Maze", "Fixtures", fixture);
        File.Copy(source, dir.File("rollout/trajectory_data/" + fixture));
        return Runs.Load(dir.Path).Single();
    }

    [Fact]
    public void A_maze_state_episode_replays_as_a_2d_path_with_its_grid_and_action_tracks()
    {
        using var dir = new TempDir();
        var episode = MazeRun(dir, "native_numpy2_protocol5.pkl").Episodes.Single();

        var data = episode.Replay().Data.Episodes.Single();

        Assert.Equal(2, data.Dim);
        Assert.Equal([10.0, 11], data.X!);
        Assert.Equal([20.0, 19], data.Y!);
        Assert.Equal(2, data.Grids!.Count);
        Assert.Contains(data.Tracks, t => t.Name == "action.piece");
        Assert.Equal(-1.5, data.Return);
    }

    [Fact]
    public void A_gym_episode_without_positions_replays_its_observation_and_action_tracks()
    {
        using var dir = new TempDir();
        var run = MazeRun(dir, "gym_numpy1_protocol4.pkl");

        var widget = run.Replay();

        var data = Assert.Single(widget.Data.Episodes);
        Assert.Equal(0, data.Dim);
        Assert.Equal([0, 1, 2], data.Steps);
        Assert.Contains(data.Tracks, t => t.Name == "action");
        Assert.Contains(data.Tracks, t => t.Name == "obs[0]");
    }
}
