using System.IO.Compression;
using System.Text;
using RunLens.Formats.RayTune;
using RunLens.Loading.Discovery;
using RunLens.TestSupport;

namespace RunLens.Tests.Formats.RayTune;

/// <summary>
/// Ray Tune trials on tiny hand-written fixtures. Every number asserted here can be read off the fixture text.
/// </summary>
public partial class RayTuneFormatTests
{
    private const string Trial = "PPO_CartPole-v1_0_2020-01-01_00-00-00abcdef";

    // Two results as Tune writes them: nested info, the config repeated, a bare NaN before the first episode.
    private const string ResultJson =
        "{\"episode_reward_mean\": NaN, \"timesteps_total\": 100, \"training_iteration\": 1, \"done\": false, \"hostname\": \"h\", \"config\": {\"lr\": 0.01, \"model\": {\"dim\": 42}}, \"info\": {\"learner\": {\"cur_lr\": 0.01, \"entropy\": 1.5}, \"hist\": [1, 2]}}\n"
        + "{\"episode_reward_mean\": 20.5, \"timesteps_total\": 200, \"training_iteration\": 2, \"done\": true, \"hostname\": \"h\", \"config\": {\"lr\": 0.01, \"model\": {\"dim\": 42}}, \"info\": {\"learner\": {\"cur_lr\": 0.005, \"entropy\": 1.25}, \"hist\": [3]}}\n";

    // The same two results as Ray 0.8+ writes progress.csv: '/'-flattened columns, no config, lists as text.
    private const string NewProgressCsv =
        "episode_reward_mean,timesteps_total,training_iteration,done,hostname,info/learner/cur_lr,info/learner/entropy,info/hist\n"
        + "nan,100,1,False,h,0.01,1.5,\"[1, 2]\"\n"
        + "20.5,200,2,True,h,0.005,1.25,[3]\n";

    // The same as Ray before 0.8 wrote it: nested dicts as Python repr text, the config included.
    private const string OldProgressCsv =
        "episode_reward_mean,timesteps_total,training_iteration,done,hostname,config,info\n"
        + "nan,100,1,False,h,\"{'lr': 0.01, 'model': {'dim': 42}}\",\"{'learner': {'cur_lr': 0.01, 'entropy': 1.5}, 'hist': [1, 2]}\"\n"
        + "20.5,200,2,True,h,\"{'lr': 0.01, 'model': {'dim': 42}}\",\"{'learner': {'cur_lr': 0.005, 'entropy': 1.25}, 'hist': [3]}\"\n";

    private static readonly string[] ExpectedFields =
    [
        "done", "episode_reward_mean", "info.learner.cur_lr", "info.learner.entropy", "timesteps_total", "training_iteration",
    ];

    [Fact]
    public void A_trial_reads_result_json_and_notes_the_mirrors_it_did_not_read()
    {
        using var dir = new TempDir();
        dir.Write($"exp/{Trial}/result.json", ResultJson);
        dir.Write($"exp/{Trial}/progress.csv", NewProgressCsv);
        dir.Write($"exp/{Trial}/params.json", "{\"lr\": 0.01, \"seed\": 7, \"model\": {\"dim\": 42}, \"env\": \"CartPole-v1\"}");

        var runs = Runs.Load(dir.Path);

        var run = Assert.Single(runs);
        Assert.Equal($"exp/{Trial}", run.Name);
        Assert.Equal("ray-tune", run.Info.Format);
        var file = Assert.Single(run.Info.Files, f => f.Format != FileFormats.Mirror);
        Assert.Equal($"exp/{Trial}/result.json", file.RelativePath);
        Assert.Equal(RayTuneFiles.Result, file.Format);
        Assert.Contains("results read from result.json", run.Info.Notes);
        // progress.csv holds the same numbers (checked), and its info/hist lists are text that result.json holds as
        // arrays: named, not read, so no result is counted twice.
        Assert.Contains(run.Info.Notes, n => n.StartsWith("progress.csv was not read: a verified mirror of result.json (each of its other 7 metrics has the same points", StringComparison.Ordinal)
            && n.Contains("(info.hist) are not read either", StringComparison.Ordinal));
        Assert.Equal(0.01, run.Info.Config["lr"].Number);
        Assert.Equal(42, run.Info.Config["model.dim"].Number);
        Assert.Equal(7, run.Info.Seed);
        Assert.Equal("exp", run.Info.Variant);
        Assert.Equal("2020-01-01_00-00-00", run.Info.Timestamp);
        Assert.Equal("PPO", run.Info.Tags["trainable"]);
        Assert.Equal("CartPole-v1", run.Info.Tags["env"]);
        Assert.Null(run.Info.Status);

        var scan = run.Scan();
        Assert.Empty(scan.Issues);
        Assert.Equal(2, scan.Records);
        // x = timesteps_total, not training_iteration; the config repeated in each result is not a metric.
        Assert.Equal((100L, 200L), (scan.StepMin!.Value, scan.StepMax!.Value));
        Assert.Equal(ExpectedFields, scan.Fields.Select(f => f.Name).Order(StringComparer.Ordinal));
        var reward = scan.Field("episode_reward_mean")!;
        Assert.Equal((1L, 1L, 20.5), (reward.Count, reward.NonFinite, reward.Sum));
        Assert.Equal([1.5, 1.25], run.Metric("info.learner.entropy").Points.Select(p => p.Value));
        Assert.Equal([100L, 200L], run.Metric("info.learner.entropy").Points.Select(p => p.Step));
    }

    [Fact]
    public void A_progress_csv_that_differs_from_result_json_is_read_for_the_metrics_that_differ()
    {
        using var dir = new TempDir();
        dir.Write($"exp/{Trial}/result.json", ResultJson);
        // The second reward differs (21.5 against 20.5): that metric is not a copy, so progress.csv's points of it are read.
        dir.Write($"exp/{Trial}/progress.csv", NewProgressCsv.Replace("20.5,200", "21.5,200", StringComparison.Ordinal));
        dir.Write($"exp/{Trial}/params.json", "{}");

        var run = Assert.Single(Runs.Load(dir.Path));
        var scan = run.Scan();

        Assert.Contains(run.Info.Notes, n => n.StartsWith("progress.csv: 6 of its 8 metrics (done, hostname, info.learner.cur_lr, info.learner.entropy, timesteps_total, ...) are verified mirrors of result.json's", StringComparison.Ordinal)
            && n.Contains("the other is read ('episode_reward_mean' has other steps or values than in result.json)", StringComparison.Ordinal));
        var reward = scan.Field("episode_reward_mean")!;
        Assert.Equal((2L, 2L, 42.0), (reward.Count, reward.NonFinite, reward.Sum));
        // The verified metrics are read once, from result.json.
        Assert.Equal(2, scan.Field("info.learner.entropy")!.Count);
        Assert.Equal(2, scan.Files);
    }

    [Fact]
    public void An_event_file_that_cannot_be_read_cleanly_is_not_taken_for_a_mirror()
    {
        using var dir = new TempDir();
        dir.Write($"exp/{Trial}/result.json", ResultJson);
        dir.Write($"exp/{Trial}/params.json", "{}");
        dir.Write($"exp/{Trial}/events.out.tfevents.1577836800.host", "not a TFRecord file at all");

        var run = Assert.Single(Runs.Load(dir.Path));
        var scan = run.Scan();

        Assert.Contains(run.Info.Notes, n => n.StartsWith("events.out.tfevents.1577836800.host is read as its own stream, though Ray Tune writes it as a copy of result.json: reading it met", StringComparison.Ordinal));
        Assert.Contains(scan.Issues, i => i.File.EndsWith("events.out.tfevents.1577836800.host", StringComparison.Ordinal));
        Assert.Equal(2, scan.Field("info.learner.entropy")!.Count);
    }

    [Fact]
    public void New_api_stack_results_step_on_lifetime_environment_steps_not_iterations()
    {
        // RLlib 2.10+ (new API stack) reports no timesteps_total: env steps are env_runners/num_env_steps_sampled_lifetime
        // (and the same at top level in some versions); training_iteration must not become the x-axis.
        using var dir = new TempDir();
        dir.Write($"exp/{Trial}/result.json",
            "{\"training_iteration\": 1, \"env_runners\": {\"episode_return_mean\": 20.5, \"num_env_steps_sampled_lifetime\": 4000}}\n" +
            "{\"training_iteration\": 2, \"env_runners\": {\"episode_return_mean\": 35.0, \"num_env_steps_sampled_lifetime\": 8000}}\n");
        dir.Write($"exp/{Trial}/params.json", "{\"lr\": 0.001}");

        var run = Assert.Single(Runs.Load(dir.Path));
        var returns = run.Metric("env_runners.episode_return_mean");

        Assert.Equal([4000L, 8000L], returns.Points.Select(p => p.Step));
        Assert.Equal([20.5, 35.0], returns.Points.Select(p => p.Value));
    }

    [Theory]
    [InlineData(NewProgressCsv)]
    [InlineData(OldProgressCsv)]
    public void Progress_csv_of_either_age_reads_like_result_json(string csv)
    {
        using var dir = new TempDir();
        dir.Write($"json/{Trial}/result.json", ResultJson);
        dir.Write($"json/{Trial}/params.json", "{}");
        dir.Write($"csv/{Trial}/progress.csv", csv);
        dir.Write($"csv/{Trial}/params.json", "{}");

        var runs = Runs.Load(dir.Path);

        var fromJson = runs[$"json/{Trial}"].Scan();
        var fromCsv = runs[$"csv/{Trial}"].Scan();
        Assert.Equal(RayTuneFiles.Progress, Assert.Single(runs[$"csv/{Trial}"].Info.Files).Format);
        Assert.Empty(TextCellIssues.Others(fromCsv.Issues));
        Assert.Equal(ExpectedFields, fromCsv.Fields.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (var field in fromJson.Fields)
        {
            var other = fromCsv.Field(field.Name)!;
            Assert.Equal((field.Count, field.NonFinite, field.Sum), (other.Count, other.NonFinite, other.Sum));
        }
        Assert.Equal((100L, 200L), (fromCsv.StepMin!.Value, fromCsv.StepMax!.Value));
        // Text cells stay text (the sampled rows keep them).
        Assert.Contains(fromCsv.Reservoir, row => row.Text.ContainsKey("hostname"));
    }

    [Fact]
    public void Results_zip_is_read_from_inside_and_its_extracted_copy_is_not_read_again()
    {
        using var dir = new TempDir();
        var trial = "00_SAC_HalfCheetah-v3_learning_starts=10000,use_pytorch=False_2020-04-21";
        WriteZip(dir.File($"exp/{trial}/results.zip"), ("progress.csv", NewProgressCsv));
        dir.Write($"exp/{trial}/results.zip.extracted/progress.csv", NewProgressCsv);

        var runs = Runs.Load(dir.Path);

        var run = Assert.Single(runs);
        var file = Assert.Single(run.Info.Files, f => f.Format != FileFormats.Mirror);
        Assert.Equal($"exp/{trial}/results.zip#progress.csv", file.RelativePath);
        Assert.Equal("progress.csv", ((RaySource)file.Source).ZipEntry);
        Assert.Contains(run.Info.Notes, n => n.StartsWith("results.zip.extracted/progress.csv (extracted from results.zip) was not read: a verified mirror of results.zip (progress.csv)", StringComparison.Ordinal));
        var scan = run.Scan();
        Assert.Empty(TextCellIssues.Others(scan.Issues));
        Assert.Equal(2, scan.Records);
        Assert.Equal(2, scan.Field("info.learner.cur_lr")!.Count);
        Assert.Equal([0.01, 0.005], run.Metric("info.learner.cur_lr").Points.Select(p => p.Value));
    }

    [Fact]
    public void A_zip_of_several_trials_gives_one_run_per_trial()
    {
        using var dir = new TempDir();
        WriteZip(dir.File("exp/results/results.zip"),
            ("PPO_CartPole-v1_0_lr=0.0100_2020-01-01_00-00-00/progress.csv", NewProgressCsv),
            ("PPO_CartPole-v1_1_lr=0.1000_2020-01-01_00-00-00/progress.csv", NewProgressCsv));

        var runs = Runs.Load(dir.Path);

        Assert.Equal(["exp/results/PPO_CartPole-v1_0_lr=0.0100_2020-01-01_00-00-00", "exp/results/PPO_CartPole-v1_1_lr=0.1000_2020-01-01_00-00-00"],
            runs.Select(r => r.Name));
        Assert.Equal([0.01, 0.1], runs.Select(r => r.Info.Config["lr"].Number!.Value));
        Assert.All(runs, r => Assert.Equal(2, r.Scan().Records));
    }

    [Fact]
    public void Folder_names_give_typed_hyperparameters_and_variants_group_seeds_of_one_configuration()
    {
        using var dir = new TempDir();
        // Tune's names: the swept values between the trial index and the date; a stray comma as real names have.
        dir.Write("sweep/PPO_CartPole-v1_0_lr=0.0010,seed=1,use_gae=True_2020-01-01_00-00-00abc/progress.csv", NewProgressCsv);
        dir.Write("sweep/PPO_CartPole-v1_1_lr=0.0010,seed=2,use_gae=True,_2020-01-01_00-00-01abc/progress.csv", NewProgressCsv);
        dir.Write("sweep/PPO_CartPole-v1_2_lr=0.0100,seed=1,use_gae=False_2020-01-01_00-00-02abc/progress.csv", NewProgressCsv);

        var runs = Runs.Load(dir.Path);

        Assert.Equal(3, runs.Count);
        var first = runs[0].Info;
        Assert.Equal(0.001, first.Config["lr"].Number);
        Assert.True(first.Config["use_gae"].Boolean);
        Assert.Equal(1, first.Seed);
        Assert.Equal(3, first.Config.Count);
        Assert.Equal([1L, 2L, 1L], runs.Select(r => r.Info.Seed!.Value));
        Assert.False(runs[2].Info.Config["use_gae"].Boolean);
        Assert.Contains(first.Notes, n => n.Contains("folder name", StringComparison.Ordinal));
        var variants = runs.ByVariant();
        Assert.Equal(["sweep/lr=0.001,use_gae=true", "sweep/lr=0.01,use_gae=false"], variants.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, variants["sweep/lr=0.001,use_gae=true"].Count);
    }

    [Theory]
    [InlineData("IMPALA_PongNoFrameskip-v4_0_2018-11-10_00-17-220NYeDg", "IMPALA", "PongNoFrameskip-v4", "", "2018-11-10_00-17-22")]
    [InlineData("APEX_BeamRiderNoFrameskip-v4_c6dc5c84_1_env=BeamRiderNoFrameskip-v4_2020-01-31_13-29-59bkbob73s", "APEX", "BeamRiderNoFrameskip-v4", "env=BeamRiderNoFrameskip-v4", "2020-01-31_13-29-59")]
    [InlineData("01_SAC_HalfCheetah-v3_learning_starts=10003,use_pytorch=True_2020-04-21", "SAC", "HalfCheetah-v3", "learning_starts=10003,use_pytorch=true", "2020-04-21")]
    [InlineData("02_ES_Humanoid-v2_use_pytorch=False,_2020-04-22", "ES", "Humanoid-v2", "use_pytorch=false", "2020-04-22")]
    [InlineData("PPO_CartPole-v1_a1b2c_00000_0_lr=0.0100,num_sgd_iter=10_2023-01-01_00-00-00", "PPO", "CartPole-v1", "lr=0.01,num_sgd_iter=10", "2023-01-01_00-00-00")]
    [InlineData("train_fn_3_x=a_b_2023-01-01_00-00-00", "train", null, "x=a_b", "2023-01-01_00-00-00")]
    public void Trial_folder_names_are_parsed(string name, string trainable, string? env, string vars, string date)
    {
        var parsed = RayTrialName.Parse(name)!;

        Assert.Equal(trainable, parsed.Trainable);
        Assert.Equal(env, parsed.Env);
        Assert.Equal(vars, string.Join(",", parsed.Vars.Select(kv => kv.Key + "=" + kv.Value)));
        Assert.Equal(date, parsed.Date);
    }

    [Theory]
    [InlineData("PPO_1")]
    [InlineData("results")]
    public void Names_without_tunes_date_are_not_trial_names(string name) => Assert.Null(RayTrialName.Parse(name));

    [Fact]
    public void A_trial_with_only_event_files_reads_them_all()
    {
        using var dir = new TempDir();
        dir.Write($"exp/{Trial}/params.json", "{\"lr\": 0.5}");
        dir.Write($"exp/{Trial}/events.out.tfevents.1.host", "x");
        dir.Write($"exp/{Trial}/events.out.tfevents.2.host", "y");

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal(["events.out.tfevents.1.host", "events.out.tfevents.2.host"], run.Info.Files.Select(f => Path.GetFileName(f.Path)));
        Assert.All(run.Info.Files, f => Assert.Equal(RayTuneFiles.Events, f.Format));
        Assert.Contains(run.Info.Notes, n => n.StartsWith("results read from events.out.tfevents.1.host, events.out.tfevents.2.host", StringComparison.Ordinal));
    }

    [Fact]
    public void The_first_result_gives_the_config_when_there_is_no_params_json()
    {
        using var dir = new TempDir();
        dir.Write($"exp/{Trial}/result.json", ResultJson);

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal(0.01, run.Info.Config["lr"].Number);
        Assert.Equal(42, run.Info.Config["model.dim"].Number);
        Assert.Contains(run.Info.Notes, n => n.Contains("first result", StringComparison.Ordinal));
    }

    [Fact]
    public void An_sb3_progress_csv_is_not_taken_for_a_ray_trial()
    {
        using var dir = new TempDir();
        dir.Write("PPO_1/progress.csv", "time/total_timesteps,rollout/ep_rew_mean\n2048,10.5\n");
        dir.Write("run_2020-01-01_00-00-00/progress.csv", "time/total_timesteps,rollout/ep_rew_mean\n2048,10.5\n");
        dir.Write("run_2020-01-01_00-00-00/params.json", "{\"learning_rate\": 0.0003}");
        var context = new DiscoveryContext(dir.Path, LoadOptions.Default);

        foreach (var folder in new[] { dir.Path, Path.Combine(dir.Path, "PPO_1"), Path.Combine(dir.Path, "run_2020-01-01_00-00-00") })
            Assert.Null(new RayTuneFormat().Claim(RunFolder.List(new DirectoryInfo(folder), context)!));
        Assert.Empty(context.Issues);
    }

    [Fact]
    public void A_trial_folder_loaded_by_itself_is_one_run()
    {
        using var dir = new TempDir();
        dir.Write($"pong-32/{Trial}/result.json", ResultJson);
        dir.Write($"pong-32/{Trial}/params.json", "{}");

        var run = Runs.Load(Path.Combine(dir.Path, "pong-32", Trial)).Single();

        Assert.Equal(Trial, run.Name);
        Assert.Equal("pong-32", run.Info.Variant);
        Assert.Equal(["result.json"], run.Info.Files.Select(f => f.RelativePath));
    }

    [Fact]
    public void Experiments_kept_below_a_trials_own_files_are_found_too()
    {
        using var dir = new TempDir();
        // rl-experiments' halfcheetah-sac/: one trial's files, then a sweep and another trial in subfolders.
        dir.Write("halfcheetah-sac/result.json", ResultJson);
        dir.Write("halfcheetah-sac/params.json", "{}");
        dir.Write("halfcheetah-sac/checkpoint_10/.is_checkpoint", "");
        dir.Write($"halfcheetah-sac/2020-04-21/{Trial}/progress.csv", NewProgressCsv);
        dir.Write("halfcheetah-sac/2021-09-06/progress.csv", NewProgressCsv);
        dir.Write("halfcheetah-sac/2021-09-06/params.json", "{}");

        var runs = Runs.Load(dir.Path);

        Assert.Equal(["halfcheetah-sac", $"halfcheetah-sac/2020-04-21/{Trial}", "halfcheetah-sac/2021-09-06"], runs.Select(r => r.Name));
        Assert.Equal([Path.GetFileName(dir.Path), "2020-04-21", "halfcheetah-sac"], runs.Select(r => r.Info.Variant));
        Assert.All(runs, r => Assert.Equal(2, r.Scan().Records));
    }

    [Fact]
    public void An_experiment_state_without_trials_is_never_read_as_a_json_log()
    {
        using var dir = new TempDir();
        // Two objects one after another would look like JSON lines to the JSON-log format.
        dir.Write("exp/experiment_state-2020-01-01_00-00-00.json", "{\"checkpoints\": []}\n{\"stats\": {}}\n");
        dir.Write("exp/params.json", "{\"a\": 1}\n{\"b\": 2}\n");
        dir.Write("exp/metrics.jsonl", "{\"step\": 1, \"loss\": 0.5}\n");

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal("json-log", run.Info.Format);
        Assert.Equal(["exp/metrics.jsonl"], run.Info.Files.Select(f => f.RelativePath));
    }

    private static void WriteZip(string path, params (string Name, string Text)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in entries)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(Encoding.UTF8.GetBytes(text));
        }
    }
}
