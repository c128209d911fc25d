using System.IO.Compression;
using System.Text;
using RunLens.Loading.Discovery;
using RunLens.Loading.RayTune;
using RunLens.TestSupport;

namespace RunLens.Tests.Formats.RayTune;

/// <summary>
/// Ray Tune trials on tiny hand-written fixtures. Every number asserted here can be read off the fixture text.
/// </summary>
public class RayTuneFormatTests
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
        dir.Write($"exp/{Trial}/events.out.tfevents.1577836800.host", "not read");

        var runs = Runs.Load(dir.Path);

        var run = Assert.Single(runs);
        Assert.Equal($"exp/{Trial}", run.Name);
        Assert.Equal("ray-tune", run.Info.Format);
        var file = Assert.Single(run.Info.Files);
        Assert.Equal($"exp/{Trial}/result.json", file.RelativePath);
        Assert.Equal(RayTuneFiles.Result, file.Format);
        Assert.Contains(run.Info.Notes, n => n.Contains("results read from result.json", StringComparison.Ordinal)
            && n.Contains("progress.csv", StringComparison.Ordinal) && n.Contains("events.out.tfevents.1577836800.host", StringComparison.Ordinal));
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
        Assert.Empty(fromCsv.Issues);
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
        var file = Assert.Single(run.Info.Files);
        Assert.Equal($"exp/{trial}/results.zip#progress.csv", file.RelativePath);
        Assert.Equal("progress.csv", file.Part);
        Assert.Contains(run.Info.Notes, n => n.Contains("results.zip.extracted/progress.csv", StringComparison.Ordinal)
            && n.Contains("not read", StringComparison.Ordinal));
        var scan = run.Scan();
        Assert.Empty(scan.Issues);
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
    public void Experiment_state_gives_status_config_and_lists_trials_that_have_no_folder()
    {
        using var dir = new TempDir();
        // Ray 0.8-1.x: each checkpoint is a JSON string holding the trial's JSON (double-encoded), with
        // Python's bare -Infinity/Infinity/NaN and a pickled fallback for a value JSON cannot hold.
        static string TrialJson(string id, int index, string env, string status, string? logdir) =>
            "{\"trainable_name\": \"PPO\", \"trial_id\": \"" + id + "\", \"config\": {\"lr\": 0.01, \"env\": \"" + env
            + "\", \"grad_clip\": Infinity, \"callbacks\": {\"_type\": \"CLOUDPICKLE_FALLBACK\", \"value\": \"8004\"}}, "
            + "\"evaluated_params\": {\"env\": \"" + env + "\"}, \"experiment_tag\": \"" + index + "_env=" + env
            + "\", \"status\": \"" + status + "\", \"last_update_time\": -Infinity, \"logdir\": "
            + (logdir is null ? "null" : "\"/home/u/ray_results/exp/" + logdir + "\"") + "}";
        var withFolder = "PPO_Pong-v4_aaaa0001_0_env=Pong-v4_2020-01-01_00-00-00xyz";
        var state = "{\"checkpoints\": ["
            + System.Text.Json.JsonSerializer.Serialize(TrialJson("aaaa0001", 0, "Pong-v4", "TERMINATED", withFolder)) + ", "
            + System.Text.Json.JsonSerializer.Serialize(TrialJson("aaaa0002", 1, "Qbert-v4", "PENDING", null))
            + "], \"runner_data\": {\"_global_time_limit\": Infinity}, \"stats\": {}}";
        dir.Write("exp/experiment_state-2020-01-01_00-00-00.json", state);
        dir.Write($"exp/{withFolder}/progress.csv", NewProgressCsv);

        var runs = Runs.Load(dir.Path);

        Assert.Empty(runs.Issues);
        Assert.Equal([$"exp/{withFolder}", "exp/PPO_Qbert-v4_aaaa0002_1_env=Qbert-v4"], runs.Select(r => r.Name));
        var done = runs[0].Info;
        Assert.Equal("TERMINATED", done.Status);
        Assert.Equal(0.01, done.Config["lr"].Number);
        Assert.Equal(double.PositiveInfinity, done.Config["grad_clip"].Number);
        Assert.Equal(RayJson.PickledValue, done.Config["callbacks"].Text);
        Assert.Equal("aaaa0001", done.Tags["trial_id"]);
        Assert.Equal("exp/env=Pong-v4", done.Variant);
        Assert.Single(done.Files);
        var pending = runs[1].Info;
        Assert.Equal("PENDING", pending.Status);
        Assert.Empty(pending.Files);
        Assert.Equal("Qbert-v4", pending.Config["env"].Text);
        Assert.Equal("exp/env=Qbert-v4", pending.Variant);
        Assert.Contains(pending.Notes, n => n.Contains("experiment_state-2020-01-01_00-00-00.json only", StringComparison.Ordinal));
        Assert.Equal(0, runs[1].Scan().Records);
    }

    [Fact]
    public void Ray_2_experiment_state_trial_data_pairs_are_read()
    {
        using var dir = new TempDir();
        var trial = "{\"trial_id\": \"b1_00000\", \"trainable_name\": \"PPO\", \"experiment_tag\": \"0_lr=0.1000\", \"config\": {\"lr\": 0.1, \"seed\": 3}, \"evaluated_params\": {\"lr\": 0.1}}";
        var runtime = "{\"status\": \"ERROR\", \"last_result\": {\"x\": NaN}}";
        var state = "{\"trial_data\": [[" + System.Text.Json.JsonSerializer.Serialize(trial) + ", "
            + System.Text.Json.JsonSerializer.Serialize(runtime) + "]], \"runner_data\": {}}";
        dir.Write("exp/experiment_state-2023-01-01_00-00-00.json", state);

        var runs = Runs.Load(dir.Path);

        var run = Assert.Single(runs);
        Assert.Equal("exp/PPO_b1_00000_0_lr=0.1000", run.Name);
        Assert.Equal("ERROR", run.Info.Status);
        Assert.Equal(3, run.Info.Seed);
        Assert.Equal("exp/lr=0.1", run.Info.Variant);
    }

    [Fact]
    public void Pickles_named_json_are_skipped_with_an_issue_and_the_rest_loads()
    {
        using var dir = new TempDir();
        byte[] pickle = [0x80, 0x04, 0x95, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7D, 0x94, 0x2E];
        File.WriteAllBytes(dir.File("exp/experiment_state-2020-01-01_00-00-00.json"), pickle);
        File.WriteAllBytes(dir.File($"exp/{Trial}/params.json"), pickle);
        File.WriteAllBytes(dir.File($"exp/{Trial}/result.json"), pickle);
        dir.Write($"exp/{Trial}/progress.csv", NewProgressCsv);

        var runs = Runs.Load(dir.Path);

        var run = Assert.Single(runs);
        Assert.Equal(RayTuneFiles.Progress, Assert.Single(run.Info.Files).Format);
        Assert.Equal(2, run.Scan().Records);
        foreach (var name in new[] { "exp/experiment_state-2020-01-01_00-00-00.json", $"exp/{Trial}/params.json", $"exp/{Trial}/result.json" })
        {
            var issue = Assert.Single(runs.Issues, i => i.File == Path.Combine(dir.Path, name));
            Assert.Contains("pickle", issue.Message, StringComparison.Ordinal);
            Assert.Equal(0, issue.Offset);
        }
    }

    [Fact]
    public void Empty_result_files_make_a_failed_trial_reported_by_file()
    {
        using var dir = new TempDir();
        dir.Write($"exp/{Trial}/params.json", "{\"lr\": 0.5}");
        dir.Write($"exp/{Trial}/result.json", "");
        dir.Write($"exp/{Trial}/progress.csv", "");

        var runs = Runs.Load(dir.Path);

        var run = Assert.Single(runs);
        Assert.Equal("FAILED", run.Info.Status);
        Assert.Empty(run.Info.Files);
        Assert.Equal(0.5, run.Info.Config["lr"].Number);
        var result = Assert.Single(runs.Issues, i => i.File.EndsWith("result.json", StringComparison.Ordinal));
        Assert.Equal("empty result.json: the trial produced no results", result.Message);
        Assert.Single(runs.Issues, i => i.File.EndsWith("progress.csv", StringComparison.Ordinal));
        Assert.Contains("empty result.json: the trial produced no results", run.Info.Notes);
    }

    [Fact]
    public void An_empty_result_json_beside_a_full_progress_csv_is_reported_and_progress_csv_is_read()
    {
        using var dir = new TempDir();
        dir.Write($"exp/{Trial}/result.json", "");
        dir.Write($"exp/{Trial}/progress.csv", NewProgressCsv);
        dir.Write($"exp/{Trial}/error.txt", "\nTraceback (most recent call last):\n  ...\n");

        var runs = Runs.Load(dir.Path);

        var run = Assert.Single(runs);
        Assert.Equal(RayTuneFiles.Progress, Assert.Single(run.Info.Files).Format);
        Assert.Equal("ERROR", run.Info.Status);
        Assert.Contains("error.txt: Traceback (most recent call last):", run.Info.Notes);
        var issue = Assert.Single(runs.Issues);
        Assert.Equal("empty result.json; the results were read from progress.csv", issue.Message);
    }

    [Fact]
    public void A_broken_line_in_result_json_is_reported_with_its_line_and_the_rest_loads()
    {
        using var dir = new TempDir();
        var lines = ResultJson.Split('\n');
        var text = lines[0] + "\n{\"timesteps_total\": 150, \"training_iteration\": oops}\n" + lines[1] + "\n";
        var path = dir.Write($"exp/{Trial}/result.json", text);
        dir.Write($"exp/{Trial}/params.json", "{}");

        var scan = Runs.Load(dir.Path).Single().Scan();

        Assert.Equal(2, scan.Records);
        var issue = Assert.Single(scan.Issues);
        Assert.Equal(path, issue.File);
        Assert.Equal(2, issue.Line);
        Assert.Equal(Encoding.UTF8.GetByteCount(lines[0]) + 1, issue.Offset);
        Assert.Equal(1, scan.Skipped);
        Assert.Equal((100L, 200L), (scan.StepMin!.Value, scan.StepMax!.Value));
    }

    [Fact]
    public void A_malformed_progress_csv_row_inside_a_zip_is_reported_with_the_entry_and_line()
    {
        using var dir = new TempDir();
        var rows = NewProgressCsv.Split('\n');
        var csv = rows[0] + "\n" + rows[1] + "\n1,2,3,4,5,6,7,8,9,10\n" + rows[2] + "\n";
        var zip = dir.File($"exp/{Trial}/results.zip");
        WriteZip(zip, ("progress.csv", csv));

        var scan = Runs.Load(dir.Path).Single().Scan();

        Assert.Equal(2, scan.Records);
        var issue = Assert.Single(scan.Issues);
        Assert.Equal(zip + "!progress.csv", issue.File);
        Assert.Equal(3, issue.Line);
    }

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
