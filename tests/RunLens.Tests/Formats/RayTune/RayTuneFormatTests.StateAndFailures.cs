using System.Text;
using RunLens.Formats.RayTune;
using RunLens.TestSupport;

namespace RunLens.Tests.Formats.RayTune;

/// <summary>Experiment-state files, pickles posing as JSON, failed trials and broken result files.</summary>
public partial class RayTuneFormatTests
{
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
    public void Empty_result_files_make_a_failed_trial_with_notes_and_no_issue()
    {
        using var dir = new TempDir();
        dir.Write($"exp/{Trial}/params.json", "{\"lr\": 0.5}");
        dir.Write($"exp/{Trial}/result.json", "");
        dir.Write($"exp/{Trial}/progress.csv", "");

        var runs = Runs.Load(dir.Path);
        var listing = runs.Describe();

        var run = Assert.Single(runs);
        Assert.Equal("FAILED", run.Info.Status);
        Assert.Empty(run.Info.Files);
        Assert.Equal(0.5, run.Info.Config["lr"].Number);
        Assert.Contains("empty result.json: the trial produced no results", run.Info.Notes);
        Assert.Contains("empty progress.csv: the trial produced no results", run.Info.Notes);
        // Nothing was lost: `runlens ls` exits 0 on a failed trial (it exits 2 only for issues or skipped records).
        Assert.Empty(listing.AllIssues);
        Assert.Empty(Assert.Single(listing).Skipped);
    }

    [Fact]
    public void An_error_pkl_without_error_txt_makes_the_trial_an_error_with_a_note()
    {
        using var dir = new TempDir();
        dir.Write($"exp/{Trial}/params.json", "{\"lr\": 0.5}");
        dir.Write($"exp/{Trial}/result.json", "");
        File.WriteAllBytes(dir.File($"exp/{Trial}/error.pkl"), [0x80, 0x04, 0x4E, 0x2E]);

        var runs = Runs.Load(dir.Path);

        var run = Assert.Single(runs);
        Assert.Equal("ERROR", run.Info.Status);
        Assert.Contains(run.Info.Notes, n => n.StartsWith("error.pkl:", StringComparison.Ordinal));
        Assert.Empty(runs.Issues);
    }

    [Fact]
    public void An_empty_result_json_beside_a_full_progress_csv_is_noted_and_progress_csv_is_read()
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
        Assert.Contains("empty result.json; the results were read from progress.csv", run.Info.Notes);
        Assert.Empty(runs.Issues);
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
        var issue = Assert.Single(TextCellIssues.Others(scan.Issues));
        Assert.Equal(zip + "!progress.csv", issue.File);
        Assert.Equal(3, issue.Line);
    }
}
