using RunLens.Formats.TensorBoard;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Formats.TensorBoard;

/// <summary>
/// The real TensorBoard logs in ../shared/real-runs. Every count pinned here was verified independently with
/// <c>/usr/bin/python3 tfevents_counts.py FOLDER</c> (this folder: it parses the TFRecord framing and the Event/Summary
/// wire format by hand with <c>struct</c>, no TensorFlow or protobuf) and, for a run's values, the same parser summing
/// a tag's float32 <c>simple_value</c>s in file order. None of these files has a SessionLog, and all are
/// <c>brain.Event:2</c>, so TensorBoard purges nothing in them: a run's points are its files' points added up.
/// </summary>
public class TensorBoardRealRunsTests(ITestOutputHelper output)
{
    private const string Pokemon = "tfevents/JavierCaceresLeon__TEL351-PokemonRed";
    private const string Gail = "trajectories/HumanCompatibleAI__imitation/tests/testdata/reward_models/gail";

    /// <summary>Summary events per run (= records), from the python parser.</summary>
    private static readonly Dictionary<string, long> PokemonRecords = new()
    {
        ["PokemonCombatAgent/sessions/combat_agent_final/PPO_1"] = 1179,
        ["PokemonCombatAgent/sessions/combat_agent_final/PPO_2"] = 951,
        ["PokemonCombatAgent/sessions/combat_agent_final/PPO_3"] = 1755,
        ["PokemonCombatAgent/sessions/combat_agent_final/PPO_4"] = 5859,
        ["PokemonCombatAgent/sessions/combat_agent_final/PPO_5"] = 2441,
        ["PokemonCombatAgent/sessions/combat_agent_final/PPO_6"] = 3852,
        ["PokemonCombatAgent/sessions/combat_agent_final_battle_loop/PPO_0"] = 1758,
        ["advanced_agents/runs/PPO_1"] = 1,
        ["advanced_agents/runs/PPO_2"] = 0,
        ["advanced_agents/runs/PPO_3"] = 0,
        ["advanced_agents/runs/PPO_4"] = 0,
        ["advanced_agents/runs/PPO_5"] = 21,
        ["advanced_agents/runs/PPO_6"] = 0,
        ["v2/runs/histogram"] = 0,
        ["v2/runs/poke_ppo_1"] = 0,
        ["v2/runs/poke_ppo_2"] = 0,
        ["v2/runs/poke_ppo_3"] = 0,
        ["v2/sessions/combat_agent_final/PPO_1"] = 231,
        ["v2/sessions/combat_agent_final/PPO_10"] = 0,
        ["v2/sessions/combat_agent_final/PPO_11"] = 0,
        ["v2/sessions/combat_agent_final/PPO_12"] = 51,
        ["v2/sessions/combat_agent_final/PPO_13"] = 1831,
        ["v2/sessions/combat_agent_final/PPO_2"] = 31,
        ["v2/sessions/combat_agent_final/PPO_3"] = 31,
        ["v2/sessions/combat_agent_final/PPO_4"] = 3663,
        ["v2/sessions/combat_agent_final/PPO_5"] = 1,
        ["v2/sessions/combat_agent_final/PPO_6"] = 1,
        ["v2/sessions/combat_agent_final/PPO_7"] = 2441,
        ["v2/sessions/combat_agent_final/PPO_8"] = 171,
        ["v2/sessions/combat_agent_final/PPO_9"] = 71,
        ["v2/sessions/combat_agent_final/ppo_correction_1"] = 0,
        ["v2/sessions/combat_agent_final/ppo_correction_2"] = 611,
        ["v2/sessions/combat_agent_final/ppo_ultimate_1"] = 0,
        ["v2/sessions/combat_agent_final/ppo_ultimate_2"] = 31,
        ["v2/sessions/combat_agent_final/ppo_ultimate_3"] = 3661,
    };

    [RealDataFact(Pokemon)]
    public void Every_PokemonRed_run_loads_with_its_records_and_no_issue()
    {
        var folder = RealRuns.Folder(Pokemon, output);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var runs = Runs.Load(folder);
        output.WriteLine($"discovery with the pre-pass: {watch.Elapsed.TotalMilliseconds:F1} ms for {runs.Count} runs");
        Assert.Equal(PokemonRecords.Keys.Order(StringComparer.Ordinal), runs.Select(r => r.Name));
        Assert.Empty(runs.Issues);
        foreach (var run in runs)
        {
            Assert.Equal("tensorboard", run.Info.Format);
            var scan = run.Scan();
            Assert.True(PokemonRecords[run.Name] == scan.Records, $"{run.Name}: {scan.Records} records");
            Assert.Empty(scan.Issues);
            Assert.Equal(0, scan.Skipped);
            Assert.Empty(run.Info.Notes);
            Assert.Empty(run.Info.Config);
            Assert.All(run.Info.Files, f => Assert.IsType<TensorBoardSource>(f.Source));
        }
        // The whole tfevents folder holds only this repository: the same runs under its name.
        Assert.Equal(PokemonRecords.Count, Runs.Load(Path.GetDirectoryName(folder)!).Count);
    }

    [RealDataFact(Pokemon)]
    public void PPO_6_two_files_resumed_at_step_1003520_add_up()
    {
        var folder = RealRuns.Folder(Pokemon, output);
        var run = Runs.Load(folder)["PokemonCombatAgent/sessions/combat_agent_final/PPO_6"];
        Assert.Equal(["events.out.tfevents.1764531784.topgun.9460.0", "events.out.tfevents.1764535003.topgun.21700.0"],
            run.Info.Files.Select(f => Path.GetFileName(f.Path)));
        var scan = run.Scan();
        // The first file never logged rollout/* (no episode ended): 245 points, all in the second file.
        AssertField(scan, "rollout/ep_rew_mean", 245, 1003520, 1503232, sum: -592.5037495344877);
        AssertField(scan, "train/loss", 336, 4096, 1503232, sum: 864.8808941747411);
        AssertField(scan, "time/fps", 338, 2048, 1503232, sum: 30836);
        Assert.Equal(12, scan.Fields.Count);
        var rewards = run.Metric("rollout/ep_rew_mean").Points;
        Assert.Equal((1003520L, -7.62785005569458, 1764535024.5099716), (rewards[0].Step, rewards[0].Value, rewards[0].WallTime!.Value));
    }

    [RealDataFact(Pokemon)]
    public void Battle_loop_PPO_0_three_files_one_header_only_and_a_restart_at_2048_keep_every_point()
    {
        var folder = RealRuns.Folder(Pokemon, output);
        var run = Runs.Load(folder)["PokemonCombatAgent/sessions/combat_agent_final_battle_loop/PPO_0"];
        Assert.Equal([88L, 251, 100773], run.Info.Files.Select(f => f.Bytes));
        var scan = run.Scan();
        // The 251-byte file logged rollout/* and time/fps once at 2048; the third file starts over at 2048. The steps do
        // not go below the last one, and TensorBoard's EventAccumulator keeps both points at 2048 (no SessionLog START).
        AssertField(scan, "rollout/ep_rew_mean", 148, 2048, 301056, sum: 0);
        AssertField(scan, "time/fps", 148, 2048, 301056, sum: null);
        AssertField(scan, "train/value_loss", 146, 4096, 301056, sum: null);
        Assert.Equal(2, run.Metric("time/fps").Points.Count(p => p.Step == 2048));
        Assert.Empty(run.Info.Notes);
    }

    [RealDataFact(Pokemon)]
    public void V2_PPO_4_three_files_and_an_88_byte_header_only_run()
    {
        var folder = RealRuns.Folder(Pokemon, output);
        var runs = Runs.Load(folder);
        var scan = runs["v2/sessions/combat_agent_final/PPO_4"].Scan();
        Assert.Equal(3, scan.Files);
        AssertField(scan, "time/fps", 369, 16384, 6037504, sum: null);
        AssertField(scan, "train/loss", 366, 32768, 6029312, sum: null);
        var empty = runs["advanced_agents/runs/PPO_2"];
        Assert.Equal(88, Assert.Single(empty.Info.Files).Bytes);
        var emptyScan = empty.Scan();
        Assert.Equal((0L, 0, 0), (emptyScan.Records, emptyScan.Fields.Count, emptyScan.Issues.Count));
    }

    [RealDataFact(Gail)]
    public void Gail_writers_in_the_folder_and_in_raw_gen_and_raw_disc_are_separate_runs()
    {
        var folder = RealRuns.Folder(Gail, output);
        var runs = Runs.Load(folder).Where(r => r.Info.Format == "tensorboard");
        Assert.Equal(
            ["cartpole_0/n_expert_demos_1", "cartpole_0/n_expert_demos_1/raw/disc", "cartpole_0/n_expert_demos_1/raw/gen",
             "pendulum_0/n_expert_demos_1", "pendulum_0/n_expert_demos_1/raw/disc", "pendulum_0/n_expert_demos_1/raw/gen"],
            runs.Select(r => r.Name));
        Assert.Equal([102L, 200, 43, 107, 200, 47], runs.Select(r => r.Scan().Records));
        Assert.All(runs, r => Assert.Empty(r.Scan().Issues));
        var mean = runs["cartpole_0/n_expert_demos_1"].Scan();
        Assert.Equal(22, mean.Fields.Count);
        AssertField(mean, "mean/gen/rollout/ep_rew_mean", 1, 5, 5, sum: 5);
        AssertField(mean, "mean/disc/disc_loss", 5, 1, 5, sum: null);
        AssertField(runs["cartpole_0/n_expert_demos_1/raw/disc"].Scan(), "raw/disc/disc_loss", 20, 1, 20, sum: 12.121604919433594);
        AssertField(runs["cartpole_0/n_expert_demos_1/raw/gen"].Scan(), "raw/gen/time/fps", 5, 2, 10, sum: null);
        Assert.Equal(23, runs["pendulum_0/n_expert_demos_1"].Scan().Fields.Count);
    }

    [RealDataTheory("ray-tune/ray-project__rl-experiments/pong-speedrun")]
    [InlineData("IMPALA_PongNoFrameskip-v4_0_2018-11-10_00-17-220NYeDg", "pong-impala-lowlatency-128", 46, 23, 69750, 6491500)]
    [InlineData("IMPALA_PongNoFrameskip-v4_0_2018-11-10_03-45-30PllGMK", "pong-impala-lowlatency-32", 96, 48, 54500, 6038500)]
    [InlineData("IMPALA_PongNoFrameskip-v4_0_2018-11-10_03-34-137DxKGV", "pong-impala-lowlatency-64", 116, 58, 68750, 13559250)]
    public void Ray_trial_event_files_read_directly(string trial, string variant, int records, int points, long first, long last)
    {
        // The Ray format will own these trial folders; here only the event file is read, through the reader itself.
        var folder = RealRuns.Folder($"ray-tune/ray-project__rl-experiments/pong-speedrun/{variant}/{trial}", output);
        var path = Directory.GetFiles(folder, "events.out.tfevents.*").Single();
        var read = TensorBoardRead.All(path);
        Assert.Empty(read.Issues);
        Assert.Equal(records, read.Rows.Count);
        var rewards = read.Points("ray/tune/episode_reward_mean");
        Assert.Equal(points, rewards.Count);
        Assert.Equal((first, last), (rewards[0].Step, rewards[^1].Step));
        Assert.Equal(39, read.Rows.SelectMany(r => r.Values.Keys).Distinct().Count());
    }

    private static void AssertField(ScanResult scan, string name, long count, long firstStep, long lastStep, double? sum)
    {
        var field = scan.Field(name);
        Assert.NotNull(field);
        Assert.Equal(count, field.Count + field.NonFinite);
        Assert.Equal((firstStep, lastStep), (field.Buckets[0].FirstStep, field.Buckets[^1].LastStep));
        if (sum is { } expected)
            Assert.Equal(expected, field.Sum, 9);
    }
}
