using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.ChartsTests.Replay;

/// <summary>Replays of real logs: PokemonRed's per-step CSVs and imitation's expert rollouts.</summary>
public class RealReplayTests(ITestOutputHelper output)
{
    /// <summary>
    /// session_a0003d33 holds 8 agent_stats files of one 33-step episode each, all on map 40 (counted with python's
    /// csv and gzip; see StepEpisodesTests in RunLens.Tests).
    /// </summary>
    [RealDataFact("json-game-logs/PWhiddy__PokemonRedExperiments/baselines")]
    public void PokemonRed_step_episodes_replay_as_2d_paths_on_their_map_with_the_game_counters_as_tracks()
    {
        var folder = RealRuns.Folder("json-game-logs/PWhiddy__PokemonRedExperiments/baselines", output);
        var run = Runs.Load(folder)["session_a0003d33"];

        var widget = run.StepEpisodes().Replay();

        Assert.Equal(8, widget.EpisodeCount);
        Assert.All(widget.Data.Episodes, e =>
        {
            Assert.Equal(2, e.Dim);
            Assert.True(e.YDown);
            Assert.Equal(33, e.Steps.Count);
            Assert.All(e.Maps!, m => Assert.Equal("40", m));
        });
        Assert.Contains(widget.Data.Episodes[0].Tracks, t => t.Name == "hp");
        Assert.Contains(widget.Data.Episodes[0].Tracks, t => t.Name == "action" && t.Discrete);
    }

    /// <summary>
    /// imitation's cartpole_0 rollouts: 57 trajectories with 4 observations and a discrete action; pendulum_0: 56 with
    /// 3 observations and one continuous action (counts pinned in RunLens.Tests' RealNumpyTests, checked with python's
    /// zipfile and struct).
    /// </summary>
    [RealDataFact("trajectories/HumanCompatibleAI__imitation/tests/testdata/expert_models")]
    public void Imitation_rollouts_replay_as_observation_and_action_tracks()
    {
        var folder = RealRuns.Folder("trajectories/HumanCompatibleAI__imitation/tests/testdata/expert_models", output);
        var runs = Runs.Load(folder);
        var cartpole = runs.Single(r => r.Name.Contains("cartpole", StringComparison.Ordinal) && r.Info.Format == "trajectories");
        var pendulum = runs.Single(r => r.Name.Contains("pendulum", StringComparison.Ordinal) && r.Info.Format == "trajectories");

        var cartpoleReplay = cartpole.Replay();
        var pendulumReplay = pendulum.Replay();

        Assert.Equal(57, cartpoleReplay.EpisodeCount);
        Assert.Equal(56, pendulumReplay.EpisodeCount);
        var first = cartpoleReplay.Data.Episodes[0];
        Assert.Equal(0, first.Dim);
        Assert.Equal(4, first.Tracks.Count(t => t.Group == "observations"));
        Assert.True(first.Tracks.Single(t => t.Name == "action").Discrete);
        var swing = pendulumReplay.Data.Episodes[0];
        Assert.Equal(3, swing.Tracks.Count(t => t.Group == "observations"));
        Assert.False(swing.Tracks.Single(t => t.Name == "action").Discrete);
    }
}
