using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Maze;

/// <summary>
/// Pickles made by Fixtures/make_fixtures.py (stand-ins for Maze's and numpy's classes under their real module
/// names, reducing as the real ones do; see the script). The expected values are the ones the script writes.
/// </summary>
public class MazeTrajectoryTests
{
    internal static string Fixture(string name) =>
        Path.Combine(TestPaths.RepoRoot, "tests", "RunLens.Tests", "Formats", "Maze", "Fixtures", name);

    /// <summary>A Maze run folder whose trajectory_data holds the given fixtures.</summary>
    private static Run RunWith(TempDir dir, params string[] fixtures)
    {
        foreach (var name in fixtures)
            File.Copy(Fixture(name), dir.File("rollout/trajectory_data/" + name));
        return Assert.Single(Runs.Load(dir.Path));
    }

    [Fact]
    public void A_gym_state_record_gives_rewards_actions_observations_and_the_final_observation()
    {
        using var dir = new TempDir();
        var run = RunWith(dir, "gym_numpy1_protocol4.pkl");

        var episode = Assert.Single(run.Episodes);
        var trajectory = episode.Trajectory!;

        Assert.Empty(run.Episodes.Issues);
        Assert.Equal(("maze", EpisodeKinds.Demonstration, "rollout/trajectory_data/gym_numpy1_protocol4.pkl"), (run.Info.Format, episode.Kind, episode.Source));
        Assert.Equal((6.0, 3L), (episode.Return, episode.Length));
        Assert.Equal([1.0, 2, 3], trajectory.Rewards);
        Assert.Equal([[0.0], [1], [0]], trajectory.Actions!); // np.int64 scalars 0, 1, 0
        // The float32 observation [t, -t, 0.5] per step, and Maze's final record's state as the extra observation.
        Assert.Equal([[0.0, -0.0, 0.5], [1, -1, 0.5], [2, -2, 0.5], [3, -3, 0.5]], trajectory.Observations!);
        Assert.Equal([0.0, 1, 2], trajectory.Tracks["obs[0]"]);
        Assert.Equal([0.0, 1, 0], trajectory.Tracks["action"]);
        Assert.Equal([0.0, 1, 2], trajectory.Tracks["env_time"]);
        Assert.Null(trajectory.Positions); // a bare vector is never guessed to be a position
    }

    [Theory]
    [InlineData("native_numpy1_protocol2.pkl")] // numpy.core.multiarray._reconstruct, bytes via _codecs.encode
    [InlineData("native_numpy2_protocol5.pkl")] // numpy._core.numeric._frombuffer with an in-band buffer
    public void A_native_state_object_gives_named_tracks_positions_and_a_grid_from_a_Fortran_array(string fixture)
    {
        using var dir = new TempDir();
        var run = RunWith(dir, fixture);

        var episode = Assert.Single(run.Episodes);
        var trajectory = episode.Trajectory!;

        Assert.Empty(run.Episodes.Issues);
        Assert.Equal((-1.5, 2L), (episode.Return, episode.Length)); // np.float64 rewards -0.5, -1.0
        Assert.Equal([-0.5, -1.0], trajectory.Rewards);
        Assert.Equal([[10.0, 20], [11, 19]], trajectory.Positions!); // the state's 'position' attribute
        // inventory is a 2x2 int32 array stored column-major: [[t, 1], [2, 3]] in C order.
        Assert.Equal([[[0, 1], [2, 3]], [[1, 1], [2, 3]]], trajectory.Grids!);
        // The action dict {"piece": t + 1, "rotation": bool array [t == 1]} in key order.
        Assert.Equal([[1.0, 0], [2, 1]], trajectory.Actions!);
        Assert.Equal([1.0, 2], trajectory.Tracks["action.piece"]);
        Assert.Equal([0.0, 1], trajectory.Tracks["action.rotation[0]"]);
        Assert.Equal([0.0, 1], trajectory.Tracks["obs.step"]);
        Assert.Equal([10.0, 11], trajectory.Tracks["obs.position[0]"]);
        Assert.Equal(3, trajectory.Observations!.Count); // two steps and the final state
    }

    [Fact]
    public void A_spaces_trajectory_record_sums_substep_rewards_and_reads_observation_dicts()
    {
        using var dir = new TempDir();
        var run = RunWith(dir, "spaces_numpy2_protocol5.pkl");

        var trajectory = Assert.Single(run.Episodes).Trajectory!;

        Assert.Empty(run.Episodes.Issues);
        Assert.Equal([2.0, 2], trajectory.Rewards); // np.float32(2.0) per step
        Assert.Equal([[3.0], [4]], trajectory.Actions!); // 0-d int64 arrays t + 3
        // {"mask": uint8 [1, t], "observation": float32 [t + 0.5, t - 0.5]} in key order.
        Assert.Equal([[1.0, 0, 0.5, -0.5], [1, 1, 1.5, 0.5]], trajectory.Observations!);
        Assert.Equal([0.5, 1.5], trajectory.Tracks["obs.observation[0]"]);
    }

    [Fact]
    public void Every_pickle_in_trajectory_data_is_an_episode_and_the_reward_log_is_then_not_read_for_episodes()
    {
        using var dir = new TempDir();
        dir.Write("rollout/event_logs/BaseEnvEvents.reward.tsv", "episode_id\tenv_time\tvalue\nx\t0\t1\n");
        var run = RunWith(dir, "gym_numpy1_protocol4.pkl", "spaces_numpy2_protocol5.pkl");

        Assert.Equal([3L, 2], run.Episodes.Select(e => e.Length));
        Assert.Single(run.Info.Files); // the event log is still the run's data
        Assert.Contains(run.Info.Notes, n => n.Contains("2 pickled Maze episode records", StringComparison.Ordinal));
    }

    [Fact]
    public void A_truncated_pickle_is_an_issue_at_its_end_and_the_other_episodes_load()
    {
        using var dir = new TempDir();
        var whole = File.ReadAllBytes(Fixture("gym_numpy1_protocol4.pkl"));
        File.WriteAllBytes(dir.File("rollout/trajectory_data/cut.pkl"), whole[..(whole.Length / 2)]);
        var run = RunWith(dir, "spaces_numpy2_protocol5.pkl");

        var episodes = run.Episodes;

        Assert.Single(episodes);
        var issue = Assert.Single(episodes.Issues);
        Assert.EndsWith("cut.pkl", issue.File, StringComparison.Ordinal);
        Assert.Equal(whole.Length / 2, issue.Offset);
        Assert.Contains("cut off", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_and_an_unknown_object_are_issues_not_crashes()
    {
        using var dir = new TempDir();
        // 't', 'h' + 'i', 's' happen to be opcodes (TUPLE, BINGET, SETITEM); the space at byte 4 is none.
        dir.Write("rollout/trajectory_data/garbage.pkl", "this is not a pickle");
        // pickle.dumps({"a": 1}, protocol=2): valid, but not an episode record.
        File.WriteAllBytes(dir.File("rollout/trajectory_data/dict.pkl"), [0x80, 0x02, 0x7d, 0x71, 0x00, 0x58, 0x01, 0x00, 0x00, 0x00, 0x61, 0x71, 0x01, 0x4b, 0x01, 0x73, 0x2e]);

        var run = Assert.Single(Runs.Load(dir.Path));
        var issues = run.Episodes.Issues;

        Assert.Empty(run.Episodes);
        Assert.Equal(2, issues.Count);
        Assert.Contains(issues, i => i.File.EndsWith("dict.pkl", StringComparison.Ordinal) && i.Message.Contains("holds a dict, not a Maze episode record", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.File.EndsWith("garbage.pkl", StringComparison.Ordinal) && i.Offset == 4 && i.Message.Contains("not a pickle opcode", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("os_system.pkl")] // posix.system via STACK_GLOBAL (what pickle.dumps writes)
    [InlineData("os_system_protocol0.pkl")] // the hand-written GLOBAL os system form
    public void A_pickle_calling_os_system_runs_nothing_and_is_reported(string fixture)
    {
        using var dir = new TempDir();
        var marker = Path.Combine(Environment.CurrentDirectory, "runlens_maze_pickle_executed");
        var run = RunWith(dir, fixture);

        var issue = Assert.Single(run.Episodes.Issues);

        Assert.False(File.Exists(marker));
        Assert.False(File.Exists(Path.Combine(dir.Path, "runlens_maze_pickle_executed")));
        Assert.Matches("a call to (posix|os)\\.system\\(\\.\\.\\.\\), which RunLens does not run", issue.Message);
    }
}
