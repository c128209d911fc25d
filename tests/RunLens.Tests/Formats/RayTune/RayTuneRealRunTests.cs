using RunLens.Formats.RayTune;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Formats.RayTune;

/// <summary>
/// The official RLlib benchmark results (ray-project/rl-experiments) in ../shared/real-runs. Every count here was
/// found independently of RunLens, with find and /usr/bin/python3 (json, csv, zipfile); each test says how.
/// </summary>
public class RayTuneRealRunTests(ITestOutputHelper output)
{
    private const string Root = "ray-tune/ray-project__rl-experiments";

    [RealDataFact(Root)]
    public void Every_trial_is_found_once()
    {
        var folder = RealRuns.Folder(Root, output);

        var runs = Runs.Load(folder);

        // Trial folders: `find . \( -name result.json -o -name progress.csv -o -name results.zip \) -not -path
        // '*.extracted*' -exec dirname {} \; | sort -u | wc -l` gives 17 (3 pong + 14 halfcheetah). The atari-ppo
        // experiment_state lists 4 more trials without folders here (python: len(json.load(f)['checkpoints'])).
        Assert.Equal(21, runs.Count);
        Assert.All(runs, r => Assert.Equal("ray-tune", r.Info.Format));
        Assert.Equal(3, runs.Count(r => r.Name.StartsWith("pong-speedrun/", StringComparison.Ordinal)));
        Assert.Equal(14, runs.Count(r => r.Name.StartsWith("halfcheetah-sac/2020-04-21/", StringComparison.Ordinal)));
        Assert.Equal(4, runs.Count(r => r.Name.StartsWith("atari-ppo/2018-09/", StringComparison.Ordinal)));
        // The extracted copies are not runs of their own and not read twice.
        Assert.DoesNotContain(runs, r => r.Name.Contains(".extracted", StringComparison.Ordinal));
        Assert.All(runs.SelectMany(r => r.Info.Files).Where(f => f.RelativePath.Contains(".extracted", StringComparison.Ordinal)),
            f => Assert.Equal(FileFormats.Mirror, f.Format));
        Assert.Empty(runs.Issues);
    }

    [RealDataTheory($"{Root}/pong-speedrun")]
    // python3: rows = [json.loads(l) for l in open(result.json)] (Python's json reads bare NaN); counts of rows, of
    // finite and NaN episode_reward_mean and their sum, min/max timesteps_total, rows with info.learner.entropy
    // and their sum, rows with a non-null episodes_total; numeric leaves outside config: 43 in each trial.
    [InlineData("pong-impala-lowlatency-128/IMPALA_PongNoFrameskip-v4_0_2018-11-10_00-17-220NYeDg", 23, 69750, 6491500, 21, 2, 16.717805282998665, 18434.252014160156, 21)]
    [InlineData("pong-impala-lowlatency-32/IMPALA_PongNoFrameskip-v4_0_2018-11-10_03-45-30PllGMK", 48, 54500, 6038500, 47, 1, -216.6427933021995, 38472.642639160156, 47)]
    [InlineData("pong-impala-lowlatency-64/IMPALA_PongNoFrameskip-v4_0_2018-11-10_03-34-137DxKGV", 58, 68750, 13559250, 57, 1, 491.92618820928885, 46503.52043581009, 57)]
    public void Pong_impala_trials_read_result_json_with_every_point(
        string trial, int rows, long firstStep, long lastStep, int rewards, int nanRewards, double rewardSum, double entropySum, int episodesTotal)
    {
        var folder = RealRuns.Folder($"{Root}/pong-speedrun/{trial}", output);

        var run = Runs.Load(folder).Single();
        var scan = run.Scan();

        Assert.Equal(RayTuneFiles.Result, Assert.Single(run.Info.Files, f => f.Format != FileFormats.Mirror).Format);
        // Tune wrote each result to progress.csv and the event file too: both checked, found equal, not read.
        Assert.Contains(run.Info.Notes, n => n.StartsWith("progress.csv was not read: a verified mirror of result.json", StringComparison.Ordinal));
        Assert.Contains(run.Info.Notes, n => n.StartsWith("events.out.tfevents.", StringComparison.Ordinal) && n.Contains("was not read: a verified mirror of result.json", StringComparison.Ordinal));
        Assert.Equal(1, scan.Files);
        Assert.Equal(trial[..trial.IndexOf('/', StringComparison.Ordinal)], run.Info.Variant);
        Assert.Equal(rows, scan.Records);
        Assert.Equal((firstStep, lastStep), (scan.StepMin!.Value, scan.StepMax!.Value));
        Assert.Empty(scan.Issues);
        Assert.Equal(43, scan.Fields.Count);
        var reward = scan.Field("episode_reward_mean")!;
        Assert.Equal((rewards, nanRewards), ((int)reward.Count, (int)reward.NonFinite));
        Assert.Equal(rewardSum, reward.Sum, 9);
        var entropy = scan.Field("info.learner.entropy")!;
        Assert.Equal(rows, entropy.Count);
        Assert.Equal(entropySum, entropy.Sum, 6);
        Assert.Equal(episodesTotal, scan.Field("episodes_total")!.Count);
        Assert.Equal(rows, scan.Field("training_iteration")!.Count);
        Assert.Null(scan.Field("config.lr"));
        // params.json (12 keys: python len(json.load(f)) with model.dim flattened) is the config.
        Assert.Equal(12, run.Info.Config.Count);
        Assert.Equal(0.0005, run.Info.Config["lr"].Number);
        Assert.Equal(42, run.Info.Config["model.dim"].Number);
    }

    [RealDataFact($"{Root}/pong-speedrun/pong-impala-lowlatency-32/IMPALA_PongNoFrameskip-v4_0_2018-11-10_03-45-30PllGMK")]
    public void Pong_progress_csv_reads_exactly_like_its_result_json()
    {
        var folder = RealRuns.Folder($"{Root}/pong-speedrun/pong-impala-lowlatency-32/IMPALA_PongNoFrameskip-v4_0_2018-11-10_03-45-30PllGMK", output);
        using var dir = new TempDir();
        // The same trial twice: once with only its result.json, once with only its 2018 progress.csv (whose info
        // column is a Python repr dict).
        var name = Path.GetFileName(folder);
        File.Copy(Path.Combine(folder, "result.json"), dir.File($"json/{name}/result.json"));
        File.Copy(Path.Combine(folder, "progress.csv"), dir.File($"csv/{name}/progress.csv"));

        var runs = Runs.Load(dir.Path);
        var json = runs[$"json/{name}"].Scan();
        var csv = runs[$"csv/{name}"].Scan();

        Assert.Equal(json.Fields.Select(f => f.Name), csv.Fields.Select(f => f.Name));
        foreach (var field in json.Fields)
        {
            var other = csv.Field(field.Name)!;
            Assert.Equal((field.Count, field.NonFinite), (other.Count, other.NonFinite));
            Assert.Equal(field.Sum, other.Sum, 9);
        }
        Assert.Empty(TextCellIssues.Others(csv.Issues));
    }

    [RealDataTheory($"{Root}/halfcheetah-sac/2020-04-21")]
    // python3: zipfile.ZipFile(results.zip).read('progress.csv') through csv.DictReader: rows, first/last
    // timesteps_total, sum of evaluation/episode_reward_mean and of episode_reward_mean (no empty or nan cells).
    [InlineData("00_SAC_HalfCheetah-v3_learning_starts=10000,use_pytorch=False_2020-04-21", 718, 4000, 3589000, 6024738.615375496, 5997946.875934928)]
    [InlineData("01_SAC_HalfCheetah-v3_learning_starts=10003,use_pytorch=True_2020-04-21", 711, 3000, 2843000, 6953855.767043115, 6929696.853517197)]
    [InlineData("05_SAC_HalfCheetah-v3_learning_starts=10001,use_pytorch=False_2020-04-21", 729, 4000, 3644000, 6671494.165762792, 6651006.202465761)]
    [InlineData("13_SAC_HalfCheetah-v3_learning_starts=10002,use_pytorch=True_2020-04-21", 715, 3000, 2859000, 6490241.791158757, 6462905.39244266)]
    public void Halfcheetah_sac_trials_read_progress_csv_inside_results_zip(
        string trial, int rows, long firstStep, long lastStep, double evaluationSum, double rewardSum)
    {
        var folder = RealRuns.Folder($"{Root}/halfcheetah-sac/2020-04-21", output);

        var run = Runs.Load(folder)[trial];
        var scan = run.Scan();

        var file = Assert.Single(run.Info.Files, f => f.Format != FileFormats.Mirror);
        Assert.Equal($"{trial}/results.zip#progress.csv", file.RelativePath);
        Assert.Contains(run.Info.Notes, n => n.StartsWith("results.zip.extracted/progress.csv (extracted from results.zip) was not read: a verified mirror", StringComparison.Ordinal));
        Assert.Equal(1, scan.Files);
        Assert.Equal(rows, scan.Records);
        Assert.Equal((firstStep, lastStep), (scan.StepMin!.Value, scan.StepMax!.Value));
        Assert.Empty(TextCellIssues.Others(scan.Issues));
        // 44 columns: date, info/exploration_infos ("[{}]") and the two evaluation/hist_stats lists are text, 40
        // are numbers (python: columns whose every cell float()s or is True/False).
        Assert.Equal(40, scan.Fields.Count);
        Assert.All(scan.Fields, f => Assert.Equal(rows, f.Count));
        Assert.Equal(evaluationSum, scan.Field("evaluation.episode_reward_mean")!.Sum, 6);
        Assert.Equal(rewardSum, scan.Field("episode_reward_mean")!.Sum, 6);
        Assert.NotNull(scan.Field("info.num_steps_sampled"));
    }

    [RealDataFact($"{Root}/halfcheetah-sac/2020-04-21")]
    public void The_14_trial_grid_takes_its_hyperparameters_from_the_folder_names()
    {
        var folder = RealRuns.Folder($"{Root}/halfcheetah-sac/2020-04-21", output);

        var runs = Runs.Load(folder);

        // ls: 00..13, learning_starts 10000..10006 crossed with use_pytorch False/True, nothing else in the names.
        var expected = new Dictionary<string, (double LearningStarts, bool Torch)>
        {
            ["00"] = (10000, false), ["01"] = (10003, true), ["02"] = (10004, true), ["03"] = (10005, true),
            ["04"] = (10006, true), ["05"] = (10001, false), ["06"] = (10002, false), ["07"] = (10003, false),
            ["08"] = (10004, false), ["09"] = (10005, false), ["10"] = (10006, false), ["11"] = (10000, true),
            ["12"] = (10001, true), ["13"] = (10002, true),
        };
        Assert.Equal(14, runs.Count);
        foreach (var run in runs)
        {
            var (learningStarts, torch) = expected[run.Name[..2]];
            Assert.Equal(2, run.Info.Config.Count);
            Assert.Equal(learningStarts, run.Info.Config["learning_starts"].Number);
            Assert.Equal(torch, run.Info.Config["use_pytorch"].Boolean);
            Assert.Equal($"2020-04-21/learning_starts={learningStarts}," + (torch ? "use_pytorch=true" : "use_pytorch=false"), run.Info.Variant);
            Assert.Equal("SAC", run.Info.Tags["trainable"]);
            Assert.Equal("HalfCheetah-v3", run.Info.Tags["env"]);
            Assert.Equal("2020-04-21", run.Info.Timestamp);
        }
        Assert.Equal(14, runs.ByVariant().Count);
        Assert.Equal(7, runs.Count(r => r.Info.Config["use_pytorch"].Boolean == true));
    }

    [RealDataFact($"{Root}/atari-ppo")]
    public void The_atari_ppo_experiment_state_lists_its_trials_with_status_and_config()
    {
        var folder = RealRuns.Folder($"{Root}/atari-ppo", output);

        var runs = Runs.Load(folder);

        // python3: d = json.load(f) (accepts -Infinity); for t in d['checkpoints']: t['trial_id'], t['status'],
        // t['evaluated_params'], basename(t['logdir']), and the config has 18 keys, none nested.
        Assert.Equal(
        [
            ("2018-09/PPO_BeamRiderNoFrameskip-v4_51fadb96_2020-01-20_20-26-19xhgs8b83", "RUNNING", "BeamRiderNoFrameskip-v4"),
            ("2018-09/PPO_BreakoutNoFrameskip-v4_51f92a76_2020-01-20_12-49-39ysre7yuz", "ERROR", "BreakoutNoFrameskip-v4"),
            ("2018-09/PPO_QbertNoFrameskip-v4_51fd967e_2_env=QbertNoFrameskip-v4", "PENDING", "QbertNoFrameskip-v4"),
            ("2018-09/PPO_SpaceInvadersNoFrameskip-v4_51fe11bc_3_env=SpaceInvadersNoFrameskip-v4", "PENDING", "SpaceInvadersNoFrameskip-v4"),
        ], runs.Select(r => (r.Name, r.Info.Status!, r.Info.Config["env"].Text!)));
        foreach (var run in runs)
        {
            Assert.Empty(run.Info.Files);
            Assert.Equal(18, run.Info.Config.Count);
            Assert.Equal(0.95, run.Info.Config["lambda"].Number);
            Assert.Equal(10, run.Info.Config["num_sgd_iter"].Number);
            Assert.Equal(5000, run.Info.Config["train_batch_size"].Number);
            Assert.True(run.Info.Config["use_pytorch"].Boolean);
            Assert.Equal("truncate_episodes", run.Info.Config["batch_mode"].Text);
            Assert.Equal("2018-09/env=" + run.Info.Config["env"].Text, run.Info.Variant);
            Assert.Equal("PPO", run.Info.Tags["trainable"]);
            Assert.Contains(run.Info.Notes, n => n.Contains("experiment_state-2020-01-20_12-49-38.json only", StringComparison.Ordinal));
        }
        Assert.Equal(["51fadb96", "51f92a76", "51fd967e", "51fe11bc"], runs.Select(r => r.Info.Tags["trial_id"]));
        Assert.Empty(runs.Issues);
    }
}
