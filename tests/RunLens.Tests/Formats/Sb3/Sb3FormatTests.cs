using RunLens.Fields;
using RunLens.Formats.Sb3;
using RunLens.Loading.Discovery;
using RunLens.Loading;
using RunLens.TestSupport;
using RunLens.Tests.Formats.Csv;

namespace RunLens.Tests.Formats.Sb3;

/// <summary>
/// SB3/baselines runs from tiny hand-written files. Expected numbers are summed by hand from the fixture rows;
/// offsets are found in the fixture text with IndexOf (ASCII, so a character index is a byte offset).
/// </summary>
public class Sb3FormatTests
{
    // SB3's Monitor writes the JSON line with "\n" and the csv rows with "\r\n" (csv.DictWriter's default).
    private const string Env0 = "#{\"t_start\": 1000.5, \"env_id\": \"CartPole-v1\"}\nr,l,t\r\n10.0,10,0.5\r\n20.0,20,1.5\r\n30.0,30,4.0\r\n";

    // baselines' older variant: "# {...}", plain LF, a start 1 s later.
    private const string Env1 = "# {\"t_start\": 1001.5, \"env_id\": \"CartPole-v1\"}\nr,l,t\n5.0,5,0.25\n15.0,15,1.0\n";

    [Fact]
    public void Monitor_rows_are_episode_records_stepped_by_the_files_own_cumulative_length()
    {
        using var dir = new TempDir();
        var path = dir.Write("run/0.monitor.csv", Env0);

        var result = CsvReading.Read((fields, issues) => new MonitorRecordReader(path, fields, issues));

        Assert.Empty(result.Issues);
        Assert.Equal([10.0, 20.0, 30.0], result.Rows.Select(r => r[MonitorRecordReader.ReturnField]));
        Assert.Equal([10.0, 20.0, 30.0], result.Rows.Select(r => r[MonitorRecordReader.LengthField]));
        Assert.Equal([0.5, 1.5, 4.0], result.Rows.Select(r => r[MonitorRecordReader.TimeField]));
        Assert.Equal([10L, 30L, 60L], result.Steps);
        Assert.Equal(30, result.Last!.Values[MonitorRecordReader.ReturnField]);
    }

    [Fact]
    public void Both_header_variants_give_the_start_time_and_env_id()
    {
        using var dir = new TempDir();
        var a = dir.Write("a/0.monitor.csv", Env0);
        var b = dir.Write("b/0.monitor.csv", Env1);
        var record = new RecordBuffer();
        var issues = new ScanIssues();

        using var first = new MonitorRecordReader(a, new FieldTable(FieldMap.Default), issues);
        using var second = new MonitorRecordReader(b, new FieldTable(FieldMap.Default), issues);
        Assert.True(first.Read(record, wantText: false));
        Assert.Equal(1000.5 + 0.5, record.WallTime);
        Assert.True(second.Read(record, wantText: false));
        Assert.Equal(1001.5 + 0.25, record.WallTime);

        Assert.Equal((1000.5, "CartPole-v1"), (first.StartTime, first.EnvId));
        Assert.Equal((1001.5, "CartPole-v1"), (second.StartTime, second.EnvId));
        Assert.Empty(issues.Issues);
    }

    [Fact]
    public void Is_success_is_a_field_and_the_episodes_success()
    {
        using var dir = new TempDir();
        dir.Write("her/0.monitor.csv", "#{\"t_start\": 1.0, \"env_id\": \"FetchReach-v1\"}\nr,l,t,is_success\r\n-50.0,50,1.0,False\r\n-3.0,50,2.0,True\r\n-4.0,50,3.0,\r\n");

        var run = Runs.Load(dir.Path).Single();
        var scan = run.Scan();

        Assert.Equal([false, true, null], run.Episodes.Select(e => e.Success));
        Assert.Equal(2, scan.Field(MonitorRecordReader.SuccessField)!.Count);
        Assert.Equal(1, scan.Field(MonitorRecordReader.SuccessField)!.Sum);
        Assert.Equal(-57, scan.Field(MonitorRecordReader.ReturnField)!.Sum);
    }

    [Fact]
    public void A_header_only_monitor_file_has_no_episodes_and_no_issues()
    {
        using var dir = new TempDir();
        dir.Write("run/0.monitor.csv", "#{\"t_start\": 1614619328.3, \"env_id\": \"CartPole-v1\"}\nr,l,t\r\n");

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal(Sb3Format.Format, run.Info.Format);
        Assert.Empty(run.Episodes);
        Assert.Empty(run.Episodes.Issues);
        Assert.Equal(0, run.Scan().Records);
        Assert.Empty(run.Scan().Issues);
    }

    [Fact]
    public void Episodes_of_all_env_files_merge_in_time_order_with_the_runs_total_steps()
    {
        using var dir = new TempDir();
        dir.Write("run/0.monitor.csv", Env0);
        dir.Write("run/1.monitor.csv", Env1);

        var run = Runs.Load(dir.Path).Single();
        var episodes = run.Episodes;

        // End times since the earliest start (1000.5): env0 at 0.5, 1.5, 4.0; env1 (1 s later) at 1.25, 2.0.
        Assert.Equal([0.5, 1.25, 1.5, 2.0, 4.0], episodes.Select(e => e.Time!.Value));
        Assert.Equal([10.0, 5.0, 20.0, 15.0, 30.0], episodes.Select(e => e.Return));
        Assert.Equal([10L, 15L, 35L, 50L, 80L], episodes.Select(e => e.TrainingStep!.Value));
        Assert.Equal(["run/0.monitor.csv", "run/1.monitor.csv", "run/0.monitor.csv", "run/1.monitor.csv", "run/0.monitor.csv"], episodes.Select(e => e.Source));
        Assert.All(episodes, e => Assert.Equal(EpisodeKinds.Training, e.Kind));
        Assert.Equal([0, 1, 2, 3, 4], episodes.Select(e => e.Index));
        // The scan reads the same merged series: its last step is the run's total (80), not env 0's own 60.
        var scan = run.Scan();
        Assert.Equal(5, scan.Records);
        Assert.Equal(80, scan.StepMax);
        Assert.Contains(run.Info.Notes, n => n.Contains("2 monitor files", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_monitor_row_is_reported_with_line_and_offset_and_the_rest_loads()
    {
        using var dir = new TempDir();
        const string text = "#{\"t_start\": 0, \"env_id\": \"x\"}\nr,l,t\r\n1.0,1,0.1\r\n2.0,2,0.2,9\r\n3.0,3,0.3\r\n";
        var path = dir.Write("run/0.monitor.csv", text);

        var run = Runs.Load(dir.Path).Single();
        var scan = run.Scan();

        Assert.Equal(2, scan.Records);
        var issue = Assert.Single(scan.Issues);
        Assert.Equal(path, issue.File);
        Assert.Equal(4, issue.Line);
        Assert.Equal(text.IndexOf("2.0,2,0.2,9", StringComparison.Ordinal), issue.Offset);
        Assert.Equal([1L, 4L], run.Episodes.Select(e => e.TrainingStep!.Value));
        Assert.Single(run.Episodes.Issues);
    }

    [Fact]
    public void A_monitor_header_that_is_not_json_is_reported_and_the_episodes_load()
    {
        using var dir = new TempDir();
        var path = dir.Write("run/0.monitor.csv", "#{t_start: 5}\nr,l,t\n1.0,1,0.1\n");

        var run = Runs.Load(dir.Path).Single();

        var issue = Assert.Single(run.Scan().Issues);
        Assert.Equal((path, 1L, 0L), (issue.File, issue.Line!.Value, issue.Offset!.Value));
        Assert.Equal(1, Assert.Single(run.Episodes).Length);
    }

    [Fact]
    public void Progress_csv_steps_by_total_timesteps_and_reads_columns_by_name_in_any_order()
    {
        using var dir = new TempDir();
        // First rows have no train/* values yet; the two runs order their columns differently.
        dir.Write("a/progress.csv", "rollout/ep_rew_mean,time/total_timesteps,time/iterations,train/loss\n9.5,2048,1,\n12.5,4096,2,0.5\n");
        dir.Write("b/progress.csv", "train/loss,time/iterations,time/total_timesteps,rollout/ep_rew_mean\n,1,1024,3.0\n0.25,2,2048,4.0\n");

        var runs = Runs.Load(dir.Path);
        var a = runs["a"].Scan();
        var b = runs["b"].Scan();

        Assert.All(runs, r => Assert.Equal(Sb3Format.Format, r.Info.Format));
        Assert.Equal((2048L, 4096L), (a.StepMin!.Value, a.StepMax!.Value));
        Assert.Equal((1024L, 2048L), (b.StepMin!.Value, b.StepMax!.Value));
        Assert.Equal(0, a.RecordsWithoutStep);
        Assert.Equal(1, a.Field("train/loss")!.Count);
        Assert.Equal(7.0, b.Field("rollout/ep_rew_mean")!.Sum);
        Assert.Equal([1024L, 2048L], runs["b"].Metric("rollout/ep_rew_mean").Points.Select(p => p.Step));
    }

    [Fact]
    public void Baselines_progress_json_is_read_when_there_is_no_progress_csv()
    {
        using var dir = new TempDir();
        dir.Write("baselines/0.0.monitor.csv", Env1);
        dir.Write("baselines/progress.json", "{\"total_timesteps\": 128, \"eprewmean\": 5.0}\n{\"total_timesteps\": 256, \"eprewmean\": 10.0}\n");

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal([("baselines/progress.json", FileFormats.Json), ("baselines/0.0.monitor.csv", FileFormats.Sb3Monitors)],
            run.Info.Files.Select(f => (f.RelativePath, f.Format)));
        Assert.Equal(15.0, run.Scan().Field("eprewmean")!.Sum);
    }

    [Fact]
    public void Other_logs_beside_sb3_files_belong_to_the_run_and_a_verified_progress_json_is_not_read_twice()
    {
        using var dir = new TempDir();
        dir.Write("run/progress.csv", "time/total_timesteps,rollout/ep_rew_mean\n128,5.0\n");
        dir.Write("run/progress.json", "{\"time/total_timesteps\": 128, \"rollout/ep_rew_mean\": 5.0}\n");
        dir.Write("run/custom.jsonl", "{\"step\": 1, \"my_metric\": 2}\n");
        dir.Write("run/0.monitor.csv", Env0);

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal(["run/progress.csv", "run/progress.json", "run/0.monitor.csv", "run/custom.jsonl"], run.Info.Files.Select(f => f.RelativePath));
        Assert.Equal(FileFormats.Mirror, run.Info.Files[1].Format);
        Assert.Equal(5.0, run.Scan().Field("rollout/ep_rew_mean")!.Sum);
        // custom.jsonl is another logger's: its fields keep their own stream beside progress.csv's.
        Assert.Equal(2, run.Scan().Field("custom:my_metric")!.Sum);
    }

    [Fact]
    public void A_zoo_run_has_its_hyperparameters_args_seed_and_algo_env_variant()
    {
        using var dir = new TempDir();
        dir.Write("logs/ppo/CartPole-v1_1/0.monitor.csv", Env0);
        dir.Write("logs/ppo/CartPole-v1_1/CartPole-v1/config.yml",
            "!!python/object/apply:collections.OrderedDict\n- - - batch_size\n    - 256\n  - - learning_rate\n    - lin_0.001\n  - - n_timesteps\n    - 100000.0\n  - - policy\n    - MlpPolicy\n");
        dir.Write("logs/ppo/CartPole-v1_1/CartPole-v1/args.yml",
            "!!python/object/apply:collections.OrderedDict\n- - - algo\n    - ppo\n  - - env\n    - CartPole-v1\n  - - seed\n    - 1648070233\n  - - tensorboard_log\n    - ''\n");
        dir.Write("logs/ppo/CartPole-v1_1/evaluations.npz", "not read by this format");

        var run = Runs.Load(Path.Combine(dir.Path, "logs")).Single();
        var info = run.Info;

        Assert.Equal("ppo/CartPole-v1_1", info.Name);
        Assert.Equal("ppo/CartPole-v1", info.Variant);
        Assert.Equal(1648070233, info.Seed);
        Assert.Equal(256, info.Config["batch_size"].Number);
        Assert.Equal("lin_0.001", info.Config["learning_rate"].Text);
        Assert.Equal(100000, info.Config["n_timesteps"].Number);
        Assert.Equal("MlpPolicy", info.Config["policy"].Text);
        Assert.Equal("ppo", info.Config["args.algo"].Text);
        Assert.Equal("", info.Config["args.tensorboard_log"].Text);
        Assert.Equal(
            [("ppo/CartPole-v1_1/0.monitor.csv", FileFormats.Sb3Monitors), ("ppo/CartPole-v1_1/evaluations.npz", FileFormats.Evaluations)],
            info.Files.Select(f => (f.RelativePath, f.Format)));
    }

    [Fact]
    public void A_broken_zoo_yaml_is_reported_and_the_run_loads_without_it()
    {
        using var dir = new TempDir();
        dir.Write("ppo/Pong_2/0.monitor.csv", Env1);
        var config = dir.Write("ppo/Pong_2/Pong/config.yml", "- - - batch_size\n    - [256\n");

        var runs = Runs.Load(dir.Path);

        Assert.Single(runs);
        Assert.Contains(runs.Issues, i => i.File == config && i.Line is not null);
        Assert.Equal("ppo/Pong", runs.Single().Variant);
    }

    [Fact]
    public void A_monitor_subfolder_belongs_to_the_run_above_and_alone_is_a_run_of_its_own()
    {
        using var dir = new TempDir();
        dir.Write("sb3/progress.csv", "time/total_timesteps,rollout/ep_rew_mean\n100,1.0\n");
        dir.Write("sb3/monitor/mon000.monitor.csv", Env0);
        dir.Write("sb3/monitor/mon001.monitor.csv", Env1);
        dir.Write("gail/n_expert_demos_1/monitor/mon000.monitor.csv", Env1);

        var runs = Runs.Load(dir.Path);

        Assert.Equal(["gail/n_expert_demos_1/monitor", "sb3"], runs.Select(r => r.Name));
        Assert.Equal(["sb3/progress.csv", "sb3/monitor/*.monitor.csv"], runs["sb3"].Info.Files.Select(f => f.RelativePath));
        Assert.Equal(["monitor/mon000.monitor.csv", "monitor/mon001.monitor.csv"], runs["sb3"].Info.Files[1].DiskPaths.Select(p => Path.GetRelativePath(runs["sb3"].Info.Root, p).Replace('\\', '/')));
        Assert.Equal(5, runs["sb3"].Episodes.Count);
        Assert.Equal(2, runs["gail/n_expert_demos_1/monitor"].Episodes.Count);
    }

    [Fact]
    public void Tensorboard_folders_beside_progress_csv_are_the_runs_mirrors_and_without_it_are_left_to_tensorboard()
    {
        using var dir = new TempDir();
        dir.Write("with/progress.csv", "time/total_timesteps,a\n1,2\n");
        dir.Write("with/PPO_1/events.out.tfevents.1.host", "");
        dir.Write("with/events.out.tfevents.2.host", "");
        dir.Write("without/0.monitor.csv", Env0);
        dir.Write("without/PPO_1/events.out.tfevents.1.host", "");
        dir.Write("without/events.out.tfevents.3.host", "");
        var context = new DiscoveryContext(dir.Path, new LoadOptions());

        var with = new Sb3Format().Claim(RunFolder.List(new DirectoryInfo(Path.Combine(dir.Path, "with")), context)!)!;
        var without = new Sb3Format().Claim(RunFolder.List(new DirectoryInfo(Path.Combine(dir.Path, "without")), context)!)!;

        Assert.Contains("PPO_1", with.Consumed);
        Assert.Equal(
            [("with/progress.csv", FileFormats.Csv), ("with/events.out.tfevents.2.host", FileFormats.Mirror), ("with/PPO_1/events.out.tfevents.1.host", FileFormats.Mirror)],
            with.Runs.Single().Info.Files.Select(f => (f.RelativePath, f.Format)));
        // Empty event files hold nothing to read twice.
        Assert.Equal(
            ["events.out.tfevents.2.host was not read: it holds no records (SB3's logger writes it as a copy of progress.csv).",
             "PPO_1/events.out.tfevents.1.host was not read: it holds no records (SB3's logger writes it as a copy of progress.csv)."],
            with.Runs.Single().Info.Notes);
        Assert.DoesNotContain("PPO_1", without.Consumed);
        Assert.Equal([("without/0.monitor.csv", FileFormats.Sb3Monitors), ("without/events.out.tfevents.3.host", FileFormats.TensorBoard)],
            without.Runs.Single().Info.Files.Select(f => (f.RelativePath, f.Format)));
    }

    [Fact]
    public void A_ray_progress_csv_is_not_taken_for_sb3s_but_an_sb3_one_beside_params_json_is()
    {
        using var dir = new TempDir();
        // An extracted results.zip holds Ray's progress.csv alone: its training_iteration column says whose it is.
        dir.Write("results.zip.extracted/progress.csv", "episode_reward_max,training_iteration,timesteps_total\n1,1,1000\n");
        dir.Write("sb3/progress.csv", "time/total_timesteps,rollout/ep_rew_mean\n2048,10.5\n");
        dir.Write("sb3/params.json", "{\"learning_rate\": 0.0003}");
        var context = new DiscoveryContext(dir.Path, new LoadOptions());

        Assert.Null(new Sb3Format().Claim(RunFolder.List(new DirectoryInfo(Path.Combine(dir.Path, "results.zip.extracted")), context)!));
        var sb3 = Runs.Load(dir.Path).Single(r => r.Name == "sb3");
        Assert.Equal(Sb3Format.Format, sb3.Info.Format);
        Assert.Equal(0.0003, sb3.Info.Config["learning_rate"].Number);
    }

    [Fact]
    public void Monitor_files_sort_by_their_number()
    {
        using var dir = new TempDir();
        foreach (var n in new[] { 0, 1, 2, 10, 11 })
            dir.Write($"run/{n}.monitor.csv", Env0);

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal(["0.monitor.csv", "1.monitor.csv", "2.monitor.csv", "10.monitor.csv", "11.monitor.csv"], Assert.Single(run.Info.Files).DiskPaths.Select(Path.GetFileName));
        Assert.Equal(15, run.Scan().Records);
        // Every file ends its episodes at the same times: ties keep this order, so the envs of the first five episodes are the file numbers.
        Assert.Equal([0.0, 1, 2, 10, 11], run.Metric(MonitorMergeReader.EnvField).Points.Take(5).Select(p => p.Value));
    }
}
