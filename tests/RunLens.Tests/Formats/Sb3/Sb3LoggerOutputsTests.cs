using RunLens.Formats.Sb3;
using RunLens.Loading.Discovery;
using RunLens.TestSupport;
using RunLens.Tests.Formats.TensorBoard;
using static RunLens.Tests.Formats.Numpy.NpyFixtures;
using RunLens.Loading;

namespace RunLens.Tests.Formats.Sb3;

/// <summary>
/// What SB3 writes besides the monitor files, from tiny hand-made files: the logger's outputs that repeat
/// progress.csv (progress.json, TensorBoard), skipped only where verified (<see cref="Mirrors"/>); the
/// EvalCallback's <c>eval/evaluations.npz</c>, part of the training run; the hyperparameters of SB3's <c>HParam</c>.
/// </summary>
public class Sb3LoggerOutputsTests
{
    // SB3's CSV writes a float32 number with float32's shortest digits; its JSON widens the same number to float64;
    // TensorBoard keeps the float32. 0.009678449 is such a number (float32 0.009678448550403118).
    private const string Csv = "time/total_timesteps,train/approx_kl,rollout/ep_rew_mean\n1024,,20.5\n2048,0.009678449,30.25\n";
    private const string Json = "{\"rollout/ep_rew_mean\": 20.5, \"time/total_timesteps\": 1024}\n{\"train/approx_kl\": 0.009678448550403118, \"rollout/ep_rew_mean\": 30.25, \"time/total_timesteps\": 2048}\n";

    private static string Note(Run run, string starts) => Assert.Single(run.Info.Notes, n => n.StartsWith(starts, StringComparison.Ordinal));

    [Fact]
    public void Progress_json_holding_the_same_values_is_a_verified_mirror_and_not_read()
    {
        using var dir = new TempDir();
        dir.Write("run/progress.csv", Csv);
        dir.Write("run/progress.json", Json);

        var run = Runs.Load(dir.Path).Single();
        var scan = run.Scan();

        Assert.Equal([("run/progress.csv", FileFormats.Csv), ("run/progress.json", FileFormats.Mirror)], run.Info.Files.Select(f => (f.RelativePath, f.Format)));
        Assert.Equal(FileFormats.Json, ((Mirrors.MirrorSource)run.Info.Files[1].Source).Inner.Format);
        Assert.Equal(2, scan.Field("rollout/ep_rew_mean")!.Count);
        Assert.Equal([1024L, 2048], run.Metric("rollout/ep_rew_mean").Points.Select(p => p.Step));
        Assert.Equal(0.009678449, Assert.Single(run.Metric("train/approx_kl").Points).Value);
        Assert.Contains("a verified mirror of progress.csv", Note(run, "progress.json was not read"), StringComparison.Ordinal);
        Assert.Empty(scan.Issues);
    }

    [Fact]
    public void A_json_that_differs_is_read_as_its_own_stream_and_the_note_says_why()
    {
        using var dir = new TempDir();
        dir.Write("run/progress.csv", Csv);
        // Same metric names and steps, one value changed: 30.5 instead of 30.25.
        dir.Write("run/progress.json", Json.Replace("30.25", "30.5", StringComparison.Ordinal));

        var run = Runs.Load(dir.Path).Single();

        // ep_rew_mean differs: both files' points are read. approx_kl and total_timesteps are the same: not read twice.
        Assert.Equal([20.5, 20.5, 30.25, 30.5], run.Metric("rollout/ep_rew_mean").Points.Select(p => p.Value).Order());
        Assert.Single(run.Metric("train/approx_kl").Points);
        var note = Note(run, "progress.json: 2 of its 3 metrics");
        Assert.Contains("'rollout/ep_rew_mean' has other steps or values than in progress.csv", note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mirror_with_a_broken_record_is_read_whole_so_its_problem_shows()
    {
        using var dir = new TempDir();
        dir.Write("run/progress.csv", Csv);
        var json = dir.Write("run/progress.json", Json + "{\"rollout/ep_rew_mean\": \n");

        var run = Runs.Load(dir.Path).Single();
        var scan = run.Scan();

        Assert.Equal(4, scan.Field("rollout/ep_rew_mean")!.Count);
        Assert.Contains(scan.Issues, i => i.File == json);
        Assert.Contains("met 1 problem(s)", Note(run, "progress.json is read as its own stream"), StringComparison.Ordinal);
    }

    [Fact]
    public void Tensorboard_output_skips_only_the_metrics_verified_against_progress_csv()
    {
        using var dir = new TempDir();
        dir.Write("run/progress.csv", Csv);
        // Beside progress.csv: the same two metrics as float32 (SB3 excludes time/* from TensorBoard).
        new EventFileBuilder().FileVersion()
            .Scalar(1024, "rollout/ep_rew_mean", 20.5f).Scalar(2048, "rollout/ep_rew_mean", 30.25f).Scalar(2048, "train/approx_kl", 0.009678449f)
            .Write(dir.File("run/events.out.tfevents.100.host"));
        // A PPO_1/ folder with one of them and a metric only TensorBoard got (logged with exclude=("csv", "json")).
        new EventFileBuilder().FileVersion()
            .Scalar(1024, "rollout/ep_rew_mean", 20.5f).Scalar(2048, "rollout/ep_rew_mean", 30.25f).Scalar(2048, "custom/tb_only", 7f)
            .Write(dir.File("run/PPO_1/events.out.tfevents.200.host"));

        var runs = Runs.Load(dir.Path);
        var run = runs.Single();
        var scan = run.Scan();

        Assert.Equal(["run/progress.csv", "run/events.out.tfevents.100.host", "run/PPO_1/events.out.tfevents.200.host"], run.Info.Files.Select(f => f.RelativePath));
        Assert.Equal(2, scan.Field("rollout/ep_rew_mean")!.Count);
        Assert.Equal(1, scan.Field("train/approx_kl")!.Count);
        Assert.Equal((2048L, 7.0), (Assert.Single(run.Metric("custom/tb_only").Points).Step, run.Metric("custom/tb_only").Points[0].Value));
        Assert.Contains("each of its 2 metrics has the same points", Note(run, "events.out.tfevents.100.host was not read"), StringComparison.Ordinal);
        Assert.Contains("'custom/tb_only' is not in progress.csv", Note(run, "PPO_1/events.out.tfevents.200.host: 1 of its 2 metrics"), StringComparison.Ordinal);
        Assert.Empty(scan.Issues);
    }

    [Fact]
    public void Discovery_reads_no_mirror_the_check_runs_when_the_notes_or_records_are_first_read()
    {
        using var dir = new TempDir();
        dir.Write("run/progress.csv", Csv);
        var json = dir.Write("run/progress.json", Json);
        var context = new DiscoveryContext(dir.Path, new LoadOptions());

        var claim = new Sb3Format().Claim(RunFolder.List(new DirectoryInfo(Path.Combine(dir.Path, "run")), context)!)!;
        // Changed after discovery: the check sees the file as it is when first read.
        File.WriteAllText(json, Json.Replace("20.5", "21.5", StringComparison.Ordinal));
        var run = claim.Runs.Single();

        Assert.StartsWith("progress.json: 2 of its 3 metrics", Assert.Single(run.Info.Notes), StringComparison.Ordinal);
        // ep_rew_mean now differs at step 1024: both files' points are read.
        Assert.Equal(4, run.Scan().Field("rollout/ep_rew_mean")!.Count);
    }

    [Fact]
    public void Without_progress_csv_progress_json_is_the_primary_log_and_tensorboard_is_checked_against_it()
    {
        using var dir = new TempDir();
        dir.Write("run/0.monitor.csv", "#{\"t_start\": 1.0}\nr,l,t\n1.0,1,1.0\n");
        dir.Write("run/progress.json", Json);
        new EventFileBuilder().FileVersion().Scalar(1024, "rollout/ep_rew_mean", 20.5f).Scalar(2048, "rollout/ep_rew_mean", 30.25f)
            .Write(dir.File("run/events.out.tfevents.100.host"));

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal([FileFormats.Json, FileFormats.Sb3Monitors, FileFormats.Mirror], run.Info.Files.Select(f => f.Format));
        Assert.Equal(2, run.Scan().Field("rollout/ep_rew_mean")!.Count);
        Assert.Contains("a verified mirror of progress.json", Note(run, "events.out.tfevents.100.host was not read"), StringComparison.Ordinal);
    }

    private static byte[] Evaluations(double[] returns) => Npz(false,
        ("timesteps", Array("<i8", [2], [1024, 2048])),
        ("results", Array("<f8", [2, 2], returns)),
        ("ep_lengths", Array("<i8", [2, 2], [10, 20, 30, 40])));

    [Fact]
    public void An_eval_subfolder_belongs_to_the_training_run_and_its_repeated_eval_metrics_are_not_read_twice()
    {
        using var dir = new TempDir();
        // EvalCallback logs eval/mean_reward = mean(results[i]) and eval/mean_ep_length to progress.csv too.
        dir.Write("ppo/seed0/progress.csv", "time/total_timesteps,eval/mean_reward,eval/mean_ep_length\n1024,2.5,15\n2048,10,35\n");
        dir.Write("ppo/seed0/0.monitor.csv", "#{\"t_start\": 1.0}\nr,l,t\n1.0,1,1.0\n");
        File.WriteAllBytes(dir.File("ppo/seed0/eval/evaluations.npz"), Evaluations([2, 3, 8, 12]));
        File.WriteAllBytes(dir.File("ppo/seed0/eval/best_model.zip"), [1, 2, 3]);

        var run = Runs.Load(dir.Path).Single();
        var scan = run.Scan();

        Assert.Equal("ppo/seed0", run.Name);
        Assert.Contains(run.Info.Files, f => f.RelativePath == "ppo/seed0/eval/evaluations.npz");
        Assert.Equal(4, run.Episodes.Only(EpisodeKinds.Evaluation).Count);
        Assert.Equal(2, scan.Field("eval/mean_reward")!.Count);
        Assert.Equal(2, scan.Field("eval/mean_ep_length")!.Count);
        // np.std([2, 3]) = 0.5, np.std([8, 12]) = 2: only the npz has it, so it is read.
        Assert.Equal([0.5, 2], run.Metric(Sb3Evaluations.StdReward).Points.Select(p => p.Value));
        Assert.Contains("belongs to this run", Note(run, "eval/evaluations.npz (SB3's EvalCallback log_path)"), StringComparison.Ordinal);
        Assert.Contains("eval/mean_ep_length, eval/mean_reward", Note(run, "eval/evaluations.npz: 2 of its 3 metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_evaluations_folder_is_a_run_of_its_own_with_a_note()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("experiment/eval/evaluations.npz"), Evaluations([2, 3, 8, 12]));

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal("experiment/eval", run.Name);
        Assert.Equal(4, run.Episodes.Count);
        Assert.Equal(2, run.Scan().Field("eval/mean_reward")!.Count);
        Assert.Contains("no training logs here or in the folder above", Note(run, "Only SB3's EvalCallback output"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_subfolder_with_other_logs_beside_evaluations_npz_is_not_taken_for_the_eval_folder()
    {
        using var dir = new TempDir();
        dir.Write("run/progress.csv", "time/total_timesteps,a\n1,2\n");
        File.WriteAllBytes(dir.File("run/other/evaluations.npz"), Evaluations([2, 3, 8, 12]));
        dir.Write("run/other/0.monitor.csv", "#{\"t_start\": 1.0}\nr,l,t\n1.0,1,1.0\n");

        var runs = Runs.Load(dir.Path);

        Assert.Equal(["run", "run/other"], runs.Select(r => r.Name));
        Assert.DoesNotContain(runs["run"].Info.Files, f => f.Path.EndsWith("evaluations.npz", StringComparison.Ordinal));
    }

    // google.protobuf.Value: number_value 2, string_value 3, bool_value 4. SessionStartInfo.hparams 1 (map entries).
    private static byte[] Entry(string key, byte[] value) => Pb.Bytes(1, Pb.Message(Pb.String(1, key), Pb.Bytes(2, value)));

    private static byte[] HParamsValue(string tag, byte[] content) =>
        Pb.Message(Pb.String(1, tag), Pb.Bytes(9, Pb.Bytes(1, Pb.Message(Pb.String(1, "hparams"), Pb.Bytes(2, content)))));

    /// <summary>What torch's hparams() gives SB3's TensorBoardOutputFormat: experiment, session start, session end.</summary>
    private static EventFileBuilder HParam(EventFileBuilder events, long step)
    {
        var experiment = Pb.Message(Pb.Bytes(2, Pb.Message(Pb.Bytes(5, Pb.Bytes(1, Pb.Message(Pb.String(2, "rollout/ep_len_mean")))))));
        var start = Pb.Message(Pb.Bytes(3, Pb.Message(
            Entry("algorithm", Pb.String(3, "PPO")),
            Entry("learning rate", Pb.Double(2, 0.0003)),
            Entry("n_steps", Pb.Double(2, 256)),
            Entry("normalize", Pb.Varint(4, 1)))));
        var end = Pb.Message(Pb.Bytes(4, Pb.Message(Pb.Varint(1, 1))));
        return events.Summary(step, 1000, HParamsValue("_hparams_/experiment", experiment))
            .Summary(step, 1000, HParamsValue("_hparams_/session_start_info", start))
            .Summary(step, 1000, HParamsValue("_hparams_/session_end_info", end));
    }

    [Fact]
    public void Sb3_hparam_in_the_event_file_becomes_the_typed_config_with_a_note()
    {
        using var dir = new TempDir();
        dir.Write("run/progress.csv", "time/total_timesteps,rollout/ep_rew_mean\n1024,20.5\n");
        HParam(new EventFileBuilder().FileVersion().Scalar(1024, "rollout/ep_rew_mean", 20.5f), 1024)
            .Write(dir.File("run/events.out.tfevents.100.host"));

        var run = Runs.Load(dir.Path).Single();
        var config = run.Info.Config;

        Assert.Equal("PPO", config["algorithm"].Text);
        Assert.Equal(0.0003, config["learning rate"].Number);
        Assert.Equal(256, config["n_steps"].Number);
        Assert.True(config["normalize"].Boolean);
        Assert.Equal("rollout/ep_len_mean", run.Info.Tags["hparams.metrics"]);
        Assert.Contains("SB3's HParam record in the TensorBoard event file events.out.tfevents.100.host", Note(run, "Hyperparameters algorithm, learning rate, n_steps, normalize"), StringComparison.Ordinal);
        // The hparams summaries are not records: the event file is still a verified mirror.
        Assert.Equal(1, run.Scan().Field("rollout/ep_rew_mean")!.Count);
    }

    [Fact]
    public void An_hparam_written_after_the_first_64_KiB_is_not_read_at_discovery()
    {
        using var dir = new TempDir();
        dir.Write("run/progress.csv", "time/total_timesteps,rollout/ep_rew_mean\n1024,20.5\n");
        var events = new EventFileBuilder().FileVersion();
        // Each scalar event is about 40 bytes: 2,000 of them put the HParam past 64 KiB.
        for (var step = 0; step < 2000; step++)
            events.Scalar(step, "padding/value", step);
        HParam(events, 5000).Write(dir.File("run/events.out.tfevents.100.host"));
        Assert.True(new FileInfo(dir.File("run/events.out.tfevents.100.host")).Length > 64 * 1024);

        var run = Runs.Load(dir.Path).Single();

        Assert.False(run.Info.Config.ContainsKey("algorithm"));
        Assert.DoesNotContain(run.Info.Notes, n => n.StartsWith("Hyperparameters", StringComparison.Ordinal));
    }
}
