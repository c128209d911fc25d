using RunLens.Formats.Sb3;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Formats.Numpy;

/// <summary>
/// The real files in ../shared/real-runs. Every pinned number was computed independently with /usr/bin/python3
/// (no numpy there): zipfile to open the .npz, ast.literal_eval on each .npy header, struct.unpack on the data,
/// then plain sums, means and population deviations, e.g. for the float64 file
/// <c>r = struct.unpack('&lt;200d', data); [sum(r[i*10:(i+1)*10]) / 10 for i in range(20)]</c>.
/// </summary>
public class RealNumpyTests(ITestOutputHelper output)
{
    private const string Zoo = "sb3-baselines/DLR-RM__rl-trained-agents";
    private const string Imitation = "trajectories/HumanCompatibleAI__imitation/tests/testdata/expert_models";

    [RealDataFact($"{Zoo}/a2c/LunarLander-v2_1")]
    public void Sb3_float64_evaluations_of_a2c_lunar_lander()
    {
        var folder = RealRuns.Folder($"{Zoo}/a2c/LunarLander-v2_1", output);
        var run = EvaluationsTests.RunOf(Path.Combine(folder, "evaluations.npz"));

        var mean = run.Metric(Sb3Evaluations.MeanReward).Points;
        var std = run.Metric(Sb3Evaluations.StdReward).Points;
        var length = run.Metric(Sb3Evaluations.MeanEpLength).Points;

        // timesteps <i8 (20,) 10000..200000; results <f8 (20, 10) sum -11379.160247000018; ep_lengths <i8 sum 127728.
        Assert.Equal(20, mean.Count);
        Assert.Equal((10000L, 200000L), (mean[0].Step, mean[^1].Step));
        Assert.Equal(-997.1530561, mean[0].Value, 9);
        Assert.Equal(177.8297839, mean[^1].Value, 9);
        Assert.Equal(77.66060108369632, std[^1].Value, 9);
        Assert.Equal(458.1, length[^1].Value, 12);
        Assert.Empty(run.Scan().Issues);
        Assert.Equal(200, run.Episodes.Count);
        Assert.Equal(-11379.160247000018, run.Episodes.Sum(e => e.Return), 6);
        Assert.Equal(127728L, run.Episodes.Sum(e => e.Length));
        Assert.All(run.Episodes, e => Assert.Null(e.Success));
    }

    [RealDataFact($"{Zoo}/her/FetchPickAndPlace-v1_1")]
    public void Sb3_float32_successes_of_her_fetch_pick_and_place()
    {
        var folder = RealRuns.Folder($"{Zoo}/her/FetchPickAndPlace-v1_1", output);
        var run = EvaluationsTests.RunOf(Path.Combine(folder, "evaluations.npz"));

        var rate = run.Metric(Sb3Evaluations.SuccessRate).Points;
        var mean = run.Metric(Sb3Evaluations.MeanReward).Points;

        // results <f8 (100, 5) sum -7516; successes <f4 (100, 5) sum 421; ep_lengths all 50; timesteps 10000..1000000.
        Assert.Equal(100, rate.Count);
        Assert.Equal((10000L, 1000000L), (rate[0].Step, rate[^1].Step));
        Assert.Equal(1.0, rate[^1].Value);
        Assert.Equal(-11.4, mean[^1].Value, 12);
        Assert.Equal(-5.2, mean.Max(p => p.Value), 12);
        Assert.Equal(500, run.Episodes.Count);
        Assert.Equal(421, run.Episodes.Count(e => e.Success == true));
        Assert.Equal(-7516.0, run.Episodes.Sum(e => e.Return));
        Assert.All(run.Episodes, e => Assert.Equal(50L, e.Length));
    }

    [RealDataFact($"{Zoo}/her/parking-v0_1")]
    public void Sb3_bool_successes_of_her_parking()
    {
        var folder = RealRuns.Folder($"{Zoo}/her/parking-v0_1", output);
        var run = EvaluationsTests.RunOf(Path.Combine(folder, "evaluations.npz"));

        var rate = run.Metric(Sb3Evaluations.SuccessRate).Points;
        var mean = run.Metric(Sb3Evaluations.MeanReward).Points;

        // successes |b1 (5, 10) with 43 true; results <f8 (5, 10) sum -538.52008; ep_lengths sum 1616.
        Assert.Equal([10000L, 20000, 30000, 40000, 50000], rate.Select(p => p.Step));
        Assert.Equal(1.0, rate[^1].Value);
        Assert.Equal(-22.3376287, mean[0].Value, 9);
        Assert.Equal(-6.8160646, mean[^1].Value, 9);
        Assert.Equal(43, run.Episodes.Count(e => e.Success == true));
        Assert.Equal(1616L, run.Episodes.Sum(e => e.Length));
        Assert.Equal(-538.52008, run.Episodes.Sum(e => e.Return), 6);
    }

    [RealDataFact(Zoo)]
    public void Every_zoo_evaluations_file_loads_without_issues()
    {
        var folder = RealRuns.Folder(Zoo, output);
        var files = Directory.GetFiles(folder, "evaluations.npz", SearchOption.AllDirectories);

        // 21 files here: 12 without successes, 8 with float32 successes, 1 with bool (zipfile + header survey).
        Assert.Equal(21, files.Length);
        foreach (var file in files)
        {
            var run = EvaluationsTests.RunOf(file);
            Assert.Empty(run.Scan().Issues);
            Assert.Empty(run.Episodes.Issues);
            Assert.NotEmpty(run.Episodes);
        }
    }

    [RealDataFact(Imitation)]
    public void Imitation_cartpole_rollouts_give_57_trajectories()
    {
        var folder = RealRuns.Folder(Imitation, output);

        var run = Runs.Load(folder)["cartpole_0/rollouts"];
        var episodes = run.Episodes;

        // indices <i8 (56,) splits acts <i8 (26964,) into 57 trajectories (first lengths 458, 442, 447, 470, 500;
        // 393..500); rews are all 1, so returns equal lengths; obs <f4 (27021, 4) = 26964 + 57 rows.
        Assert.Equal("trajectories", run.Info.Format);
        Assert.Empty(episodes.Issues);
        Assert.Equal(57, episodes.Count);
        Assert.Equal([458L, 442, 447, 470, 500], episodes.Take(5).Select(e => e.Length));
        Assert.Equal(26964L, episodes.Sum(e => e.Length));
        Assert.Equal((393L, 500L), (episodes.Min(e => e.Length), episodes.Max(e => e.Length)));
        Assert.Equal(458.0, episodes[0].Return);
        Assert.Equal(473.0, episodes[^1].Return);
        Assert.Equal(26964.0, episodes.Sum(e => e.Return));
        var first = episodes[0].Trajectory!;
        Assert.Equal(459, first.Observations!.Count);
        // Row 458 of obs, the final observation of trajectory 0 (the cart left the track: x = -2.41).
        Assert.Equal([-2.4129483699798584, -0.7940365672111511, 0.022077983245253563, 0.5431743264198303], first.Observations[^1]);
        Assert.Equal([-0.0057409764267504215, -0.014485185965895653, -0.04727519303560257, 0.006934204138815403], episodes[1].Trajectory!.Observations![0]);
        Assert.Equal([[0.0], [1], [1]], first.Actions!.Take(3));
        // imitation pickled the same 57 trajectories to final.pkl: checked against final.npz (no issue, 57 not 114 episodes).
        Assert.Contains("final.pkl: imitation's pickle of the trajectories in final.npz: checked against them when episodes are read, and its episodes are added only if they differ", run.Info.Notes);
        Assert.Contains("final.npz: infos: object array (pickled Python objects) not read", run.Info.Notes);
    }

    [RealDataFact(Imitation)]
    public void Imitation_pendulum_rollouts_give_56_trajectories_of_200_steps()
    {
        var folder = RealRuns.Folder(Imitation, output);

        var episodes = Runs.Load(folder)["pendulum_0/rollouts"].Episodes;

        // indices (55,), acts <f4 (11200, 1), obs <f4 (11256, 3); returns first -127.21481965179022,
        // last -129.53141407233096, min -548.0608181073534, max -0.5247221218156399, total -10606.429351220118.
        Assert.Empty(episodes.Issues);
        Assert.Equal(56, episodes.Count);
        Assert.All(episodes, e => Assert.Equal(200L, e.Length));
        Assert.Equal(-127.21481965179022, episodes[0].Return, 10);
        Assert.Equal(-129.53141407233096, episodes[^1].Return, 10);
        Assert.Equal(-548.0608181073534, episodes.Min(e => e.Return), 10);
        Assert.Equal(-0.5247221218156399, episodes.Max(e => e.Return), 10);
        Assert.Equal(-10606.429351220118, episodes.Sum(e => e.Return), 8);
        Assert.Equal([-2.0], episodes[0].Trajectory!.Actions![0]);
        Assert.Equal(201, episodes[0].Trajectory!.Observations!.Count);
        Assert.Equal([0.9992966651916504, 0.03749821335077286, -0.043286554515361786], episodes[0].Trajectory!.Observations![200]);
        Assert.Equal([0.7948852777481079, 0.6067597270011902, 0.7369171380996704], episodes[1].Trajectory!.Observations![0]);
    }
}
