using RunLens.Formats.Mlflow;
using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Mlflow;

/// <summary>The MLflow file store (mlruns/): tiny stores written by hand, one rule each.</summary>
public class MlflowFileStoreTests
{
    private const string RunA = "aaaaaaaa000000000000000000000001";
    private const string RunB = "bbbbbbbb000000000000000000000002";
    private const string RunC = "cccccccc000000000000000000000003";

    /// <summary>An experiment meta.yaml as MLflow 3 writes it.</summary>
    private static string ExperimentMeta(string id, string name, string stage = "active") =>
        $"artifact_location: file:///tmp/mlruns/{id}\ncreation_time: 1700000000000\nexperiment_id: '{id}'\n" +
        $"last_update_time: 1700000000000\nlifecycle_stage: {stage}\nname: {name}\n";

    /// <summary>A run meta.yaml as MLflow's FileStore writes it (keys sorted, status an integer).</summary>
    private static string RunMeta(string experiment, string id, string name, int status, string stage = "active") =>
        $"artifact_uri: file:///tmp/mlruns/{experiment}/{id}/artifacts\nend_time: 1700000100000\nentry_point_name: ''\n" +
        $"experiment_id: '{experiment}'\nlifecycle_stage: {stage}\nrun_id: {id}\nrun_name: {name}\nsource_name: ''\n" +
        $"source_type: 4\nsource_version: ''\nstart_time: 1700000000000\nstatus: {status}\ntags: []\nuser_id: me\n";

    private static void WriteRun(TempDir dir, string experiment, string id, string name, int status, string stage = "active")
    {
        dir.Write($"mlruns/{experiment}/{id}/meta.yaml", RunMeta(experiment, id, name, status, stage));
        dir.Write($"mlruns/{experiment}/{id}/tags/mlflow.runName", name);
        dir.Write($"mlruns/{experiment}/{id}/tags/mlflow.user", "me");
    }

    [Fact]
    public void Runs_are_named_by_experiment_and_run_name_with_the_id_when_names_repeat()
    {
        using var dir = new TempDir();
        dir.Write("mlruns/0/meta.yaml", ExperimentMeta("0", "Default"));
        dir.Write("mlruns/12/meta.yaml", ExperimentMeta("12", "ppo-sweep"));
        WriteRun(dir, "12", RunA, "seed0", 3);
        WriteRun(dir, "12", RunB, "repeat", 4);
        WriteRun(dir, "12", RunC, "repeat", 5);
        dir.Write($"mlruns/12/{RunA}/metrics/loss", "1700000000500 0.5 0\n");

        var runs = Runs.Load(Path.Combine(dir.Path, "mlruns"));

        Assert.Equal(["ppo-sweep/repeat (bbbbbbbb)", "ppo-sweep/repeat (cccccccc)", "ppo-sweep/seed0"], runs.Select(r => r.Name));
        Assert.All(runs, r => Assert.Equal("mlflow", r.Info.Format));
        Assert.All(runs, r => Assert.Equal("ppo-sweep", r.Variant));
        // RunStatus: RUNNING 1, SCHEDULED 2, FINISHED 3, FAILED 4, KILLED 5 (mlflow/entities/run_status.py).
        Assert.Equal(["FAILED", "KILLED", "FINISHED"], runs.Select(r => r.Info.Status));
        Assert.Equal("20231114_221320", runs["ppo-sweep/seed0"].Info.Timestamp);
        Assert.Equal("seed0", runs["ppo-sweep/seed0"].Info.SystemTags["mlflow.runName"]);
        Assert.Equal(Path.Combine(dir.Path, "mlruns", "12", RunA), runs["ppo-sweep/seed0"].Info.Root);
        Assert.Empty(runs.Issues);
    }

    [Fact]
    public void A_store_inside_the_loaded_folder_prefixes_run_names_with_its_folder()
    {
        using var dir = new TempDir();
        dir.Write("project/mlruns/1/meta.yaml", ExperimentMeta("1", "cartpole"));
        WriteRun(dir, "1", RunA, "ppo", 3);
        Directory.Move(Path.Combine(dir.Path, "mlruns", "1", RunA), Path.Combine(dir.Path, "project", "mlruns", "1", RunA));

        var runs = Runs.Load(dir.Path);

        Assert.Equal("project/cartpole/ppo", Assert.Single(runs).Name);
    }

    [Fact]
    public void Metric_files_give_every_point_with_step_wall_time_and_python_non_finite_values()
    {
        using var dir = new TempDir();
        dir.Write("mlruns/1/meta.yaml", ExperimentMeta("1", "exp"));
        WriteRun(dir, "1", RunA, "run", 3);
        dir.Write($"mlruns/1/{RunA}/metrics/score", "1700000000000 1.5 10\n1700000001250 nan 20\n1700000002000 -inf 30\n1700000003000 inf 40\n");
        // Keys with '/' are folders; the old two-column form has step 0.
        dir.Write($"mlruns/1/{RunA}/metrics/train/loss", "1700000000000 0.25\n1700000000001 0.125\n");

        var run = Assert.Single(Runs.Load(dir.Path));
        var score = run.Metric("score");
        var loss = run.Metric("train/loss");

        Assert.Equal([10L, 20, 30, 40], score.Points.Select(p => p.Step));
        Assert.Equal(1.5, score.Points[0].Value);
        Assert.True(double.IsNaN(score.Points[1].Value));
        Assert.Equal(double.NegativeInfinity, score.Points[2].Value);
        Assert.Equal(double.PositiveInfinity, score.Points[3].Value);
        Assert.Equal(1700000001.25, score.Points[1].WallTime);
        Assert.Equal([0.25, 0.125], loss.Points.Select(p => p.Value));
        Assert.All(loss.Points, p => Assert.Equal(0, p.Step));
        Assert.Equal(["score", "train/loss"], run.Info.Files.Select(f => ((MlflowMetricSource)f.Source).Key));
        var scan = run.Scan();
        Assert.Equal(6, scan.Records);
        Assert.Equal(0, scan.RecordsWithoutStep);
        Assert.Equal(1, scan.Field("score")!.Count);
        Assert.Equal(3, scan.Field("score")!.NonFinite);
        Assert.Empty(scan.Issues);
    }

    [Fact]
    public void Params_are_the_config_typed_when_numeric_or_boolean_and_tags_are_the_tags()
    {
        using var dir = new TempDir();
        dir.Write("mlruns/1/meta.yaml", ExperimentMeta("1", "exp"));
        WriteRun(dir, "1", RunA, "run", 3);
        dir.Write($"mlruns/1/{RunA}/params/learning_rate", "0.0003");
        dir.Write($"mlruns/1/{RunA}/params/seed", "7");
        dir.Write($"mlruns/1/{RunA}/params/normalize", "True");
        dir.Write($"mlruns/1/{RunA}/params/env", "CartPole-v1");
        dir.Write($"mlruns/1/{RunA}/params/net/arch", "[64, 64]");
        dir.Write($"mlruns/1/{RunA}/tags/team/owner", "rl");

        var info = Assert.Single(Runs.Load(dir.Path)).Info;

        Assert.Equal(0.0003, info.Config["learning_rate"].Number);
        Assert.Equal(true, info.Config["normalize"].Boolean);
        Assert.Equal("CartPole-v1", info.Config["env"].Text);
        Assert.Equal("[64, 64]", info.Config["net/arch"].Text);
        Assert.Equal(7, info.Seed);
        Assert.Equal("rl", info.Tags["team/owner"]);
        // MLflow's own tags are kept apart from the user's, as MLflow's UI shows them.
        Assert.Equal(["team/owner"], info.Tags.Keys);
        Assert.Equal(["mlflow.runName", "mlflow.user"], info.SystemTags.Keys);
    }

    [Fact]
    public void Deleted_runs_and_the_trash_are_not_loaded_and_each_is_reported()
    {
        using var dir = new TempDir();
        dir.Write("mlruns/1/meta.yaml", ExperimentMeta("1", "exp"));
        WriteRun(dir, "1", RunA, "kept", 3);
        WriteRun(dir, "1", RunB, "gone", 3, stage: "deleted");
        dir.Write("mlruns/.trash/5/meta.yaml", ExperimentMeta("5", "old", stage: "deleted"));
        dir.Write("mlruns/7/meta.yaml", ExperimentMeta("7", "dropped", stage: "deleted"));
        WriteRun(dir, "7", RunC, "inside-deleted-experiment", 3);

        var runs = Runs.Load(dir.Path);

        Assert.Equal("exp/kept", Assert.Single(runs).Name);
        var deletedRun = Assert.Single(runs.Issues, i => i.File.EndsWith(Path.Combine(RunB, "meta.yaml"), StringComparison.Ordinal));
        Assert.Contains("deleted", deletedRun.Message, StringComparison.Ordinal);
        Assert.Equal(5, deletedRun.Line);
        Assert.Single(runs.Issues, i => i.File.EndsWith(".trash", StringComparison.Ordinal) && i.Message.Contains("1 deleted experiment", StringComparison.Ordinal));
        Assert.Single(runs.Issues, i => i.File.EndsWith(Path.Combine("7", "meta.yaml"), StringComparison.Ordinal) && i.Message.Contains("'dropped' is deleted", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_metric_line_is_reported_with_line_and_offset_and_the_rest_loads()
    {
        using var dir = new TempDir();
        dir.Write("mlruns/1/meta.yaml", ExperimentMeta("1", "exp"));
        WriteRun(dir, "1", RunA, "run", 3);
        var path = dir.Write($"mlruns/1/{RunA}/metrics/loss",
            "1700000000000 1.0 0\n1700000000001 oops 1\n1700000000002 3.0 2\n1700000000003  4.0 3\n1700000000004 5.0 4 9\n1700000000005 6.0 5\n");

        var run = Assert.Single(Runs.Load(dir.Path));
        var scan = run.Scan();

        Assert.Equal([1.0, 3.0, 6.0], run.Metric("loss").Points.Select(p => p.Value));
        Assert.Equal(3, scan.Records);
        Assert.Equal(3, scan.SkippedByReason["malformed MLflow metric line"]);
        Assert.Equal([(2L, 20L), (4L, 61L), (5L, 82L)], scan.Issues.Select(i => (i.Line!.Value, i.Offset!.Value)));
        Assert.All(scan.Issues, i => Assert.Equal(path, i.File));
        Assert.Contains("'1700000000001 oops 1'", scan.Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_last_line_cut_off_is_reported_and_every_line_before_it_loads()
    {
        using var dir = new TempDir();
        dir.Write("mlruns/1/meta.yaml", ExperimentMeta("1", "exp"));
        WriteRun(dir, "1", RunA, "run", 1);
        var cut = dir.Write($"mlruns/1/{RunA}/metrics/cut", "1700000000000 1.0 0\n1700000000001 2.0 1\n1700000000002 3.0");
        // A whole last line without its line end is read.
        dir.Write($"mlruns/1/{RunA}/metrics/whole", "1700000000000 1.0 0\n1700000000002 3.0 2");

        var run = Assert.Single(Runs.Load(dir.Path));
        var scan = run.Scan();

        Assert.Equal([1.0, 2.0], run.Metric("cut").Points.Select(p => p.Value));
        Assert.Equal([0L, 2], run.Metric("whole").Points.Select(p => p.Step));
        var issue = Assert.Single(scan.Issues);
        Assert.Equal((cut, 3L, 40L), (issue.File, issue.Line!.Value, issue.Offset!.Value));
        Assert.Contains("cut off", issue.Message, StringComparison.Ordinal);
        Assert.Equal(1, scan.SkippedByReason["truncated"]);
    }

    [Fact]
    public void A_broken_run_meta_yaml_is_reported_with_its_line_and_the_run_still_loads()
    {
        using var dir = new TempDir();
        dir.Write("mlruns/1/meta.yaml", ExperimentMeta("1", "exp"));
        WriteRun(dir, "1", RunA, "fine", 3);
        dir.Write($"mlruns/1/{RunB}/meta.yaml", "run_id: bbbb\nstatus: [3\nstart_time: 1\n");
        dir.Write($"mlruns/1/{RunB}/metrics/loss", "1700000000000 1.0 0\n");
        dir.Write($"mlruns/1/{RunB}/tags/mlflow.runName", "broken");

        var runs = Runs.Load(dir.Path);

        Assert.Equal(["exp/broken", "exp/fine"], runs.Select(r => r.Name));
        Assert.Null(runs["exp/broken"].Info.Status);
        Assert.Equal(1, runs["exp/broken"].Metric("loss").Count);
        var issue = Assert.Single(runs.Issues);
        Assert.Equal(Path.Combine(dir.Path, "mlruns", "1", RunB, "meta.yaml"), issue.File);
        Assert.Equal(2, issue.Line);
        Assert.Contains("the run loads", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_experiment_meta_yaml_is_reported_and_its_runs_load_under_the_folder_name()
    {
        using var dir = new TempDir();
        dir.Write("mlruns/0/meta.yaml", ExperimentMeta("0", "Default"));
        dir.Write("mlruns/1/meta.yaml", "name: 'unterminated\n");
        WriteRun(dir, "1", RunA, "run", 3);

        var runs = Runs.Load(dir.Path);

        Assert.Equal("1/run", Assert.Single(runs).Name);
        var issue = Assert.Single(runs.Issues);
        Assert.Equal((Path.Combine(dir.Path, "mlruns", "1", "meta.yaml"), 1L), (issue.File, issue.Line!.Value));
    }

    [Fact]
    public void An_unreadable_param_file_is_reported_and_the_other_params_load()
    {
        using var dir = new TempDir();
        dir.Write("mlruns/1/meta.yaml", ExperimentMeta("1", "exp"));
        WriteRun(dir, "1", RunA, "run", 3);
        dir.Write($"mlruns/1/{RunA}/params/gamma", "0.99");
        // A link to nothing: listed as a param file, but it cannot be opened.
        var broken = dir.File($"mlruns/1/{RunA}/params/lost");
        File.CreateSymbolicLink(broken, Path.Combine(dir.Path, "does-not-exist"));

        var runs = Runs.Load(dir.Path);

        var info = Assert.Single(runs).Info;
        Assert.Equal(0.99, info.Config["gamma"].Number);
        Assert.False(info.Config.ContainsKey("lost"));
        var issue = Assert.Single(runs.Issues);
        Assert.Equal(broken, issue.File);
        Assert.Contains("cannot read the param", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_experiment_or_a_run_folder_loads_when_given_directly()
    {
        using var dir = new TempDir();
        dir.Write("mlruns/1/meta.yaml", ExperimentMeta("1", "exp"));
        WriteRun(dir, "1", RunA, "a", 3);
        WriteRun(dir, "1", RunB, "b", 3);

        Assert.Equal(["exp/a", "exp/b"], Runs.Load(Path.Combine(dir.Path, "mlruns", "1")).Select(r => r.Name));
        Assert.Equal("exp/b", Assert.Single(Runs.Load(Path.Combine(dir.Path, "mlruns", "1", RunB))).Name);
    }

    [Fact]
    public void Folders_with_other_meta_yaml_files_are_not_taken_for_a_store()
    {
        using var dir = new TempDir();
        dir.Write("project/thing/meta.yaml", "title: not mlflow\n");
        dir.Write("project/log.jsonl", "{\"step\": 1, \"loss\": 0.5}\n");

        var runs = Runs.Load(dir.Path);

        Assert.Equal("json-log", Assert.Single(runs).Info.Format);
    }
}
