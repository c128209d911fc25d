using RunLens.TestSupport;
using static RunLens.Tests.Formats.Wandb.WandbLogFixture;

namespace RunLens.Tests.Formats.Wandb;

/// <summary>
/// What current W&amp;B clients keep only inside run-&lt;id&gt;.wandb: the run record (name, group, tags, config), config
/// and summary changes, define_metric x axes and the exit record.
/// </summary>
public class WandbRecordTests
{
    private static string WriteLog(TempDir dir, string folder, WandbLogFixture log)
    {
        var id = folder[(folder.LastIndexOf('-') + 1)..];
        var path = dir.File($"{folder}/run-{id}.wandb");
        File.WriteAllBytes(path, log.Bytes);
        return path;
    }

    [Fact]
    public void A_current_client_log_gives_the_config_summary_name_group_tags_and_finished_status()
    {
        using var dir = new TempDir();
        WriteLog(dir, "wandb/offline-run-20240102_030405-abc123", new WandbLogFixture()
            .Write(FullRunRecord("abc123", "lr0.001", "lr-sweep", ["sweep", "baseline"],
                Item("_wandb", "{}"), Item("lr", "0.001"), Item("seed", "3"), Item("use_gae", "true"),
                Item("net", """{"hidden": [64, 64], "act": "tanh"}""")))
            // A later change: net.act replaced inside net (net.hidden stays, as the client merges), use_gae removed.
            .Write(ConfigRecord([PathItem(["net", "act"], "\"relu\"")], removes: [Item("use_gae", "")]))
            .Write(WandbLogFixture.History(2, null, Item("loss", "1.0"), Item("_step", "0"), Item("_timestamp", "1700000000.5"), Item("_runtime", "0.1")))
            .Write(SummaryUpdate(PathItem(["loss"], "1.0"), PathItem(["_wandb", "runtime"], "0")))
            .Write(WandbLogFixture.History(3, null, Item("loss", "0.5"), Item("_step", "1"), Item("_timestamp", "1700000001.5"), Item("_runtime", "1.1")))
            .Write(SummaryUpdate(PathItem(["loss"], "0.5"), PathItem(["eval/return"], """{"max": 130}"""), Item("note", "\"done\"")))
            .Write(ExitRecord(0)));

        var runs = Runs.Load(dir.Path);
        var listing = runs.Describe();

        var run = Assert.Single(runs);
        Assert.Equal(("wandb/lr0.001", "finished", "lr-sweep", 3L), (run.Name, run.Info.Status, run.Variant, run.Info.Seed!.Value));
        var config = run.Info.Config;
        Assert.Equal(["lr", "net.act", "net.hidden", "seed"], config.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((0.001, "relu", "[64, 64]"), (config["lr"].Number!.Value, config["net.act"].Text, config["net.hidden"].ToString()));
        Assert.True(config["net.hidden"].IsList);
        var summary = run.Info.Summary;
        Assert.Equal(["eval/return.max", "loss", "note"], summary.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((0.5, 130.0, "done"), (summary["loss"].Number!.Value, summary["eval/return.max"].Number!.Value, summary["note"].Text));
        Assert.Equal(["baseline", "sweep"], run.Info.Tags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("abc123", "lr0.001", "proj", "lr-sweep"),
            (run.Info.SystemTags["run_id"], run.Info.SystemTags["display_name"], run.Info.SystemTags["project"], run.Info.SystemTags["group"]));
        // _step is the step, _timestamp the wall time, _runtime dropped: none is a metric.
        var loss = run.Metric("loss");
        Assert.Equal([(0L, 1.0, (double?)1700000000.5), (1L, 0.5, 1700000001.5)], loss.Points.Select(p => (p.Step, p.Value, p.WallTime)));
        Assert.Equal(["loss"], Assert.Single(listing).Metrics.Select(m => m.Name));
        Assert.Empty(listing.AllIssues);
    }

    [Fact]
    public void Exit_codes_give_crashed_or_no_exit_record_and_a_shared_display_name_keeps_the_folder_names()
    {
        using var dir = new TempDir();
        WriteLog(dir, "wandb/run-20240102_030405-aaa111", new WandbLogFixture()
            .Write(FullRunRecord("aaa111", "ppo", "", []))
            .Write(WandbLogFixture.History(2, 0, Item("loss", "1")))
            .Write(ExitRecord(1)));
        WriteLog(dir, "wandb/run-20240102_030406-bbb222", new WandbLogFixture()
            .Write(FullRunRecord("bbb222", "ppo", "", []))
            .Write(WandbLogFixture.History(2, 0, Item("loss", "1"))));

        var runs = Runs.Load(dir.Path);

        Assert.Equal(["wandb/run-20240102_030405-aaa111", "wandb/run-20240102_030406-bbb222"], runs.Select(r => r.Name));
        Assert.Equal("crashed (exit code 1)", runs[0].Info.Status);
        Assert.Equal("running or killed (no exit record)", runs[1].Info.Status);
        Assert.Contains(runs[1].Info.Notes, n => n.Contains("no exit record", StringComparison.Ordinal));
        Assert.All(runs, r => Assert.Equal("ppo", r.Info.SystemTags["display_name"]));
        Assert.All(runs, r => Assert.Null(r.Variant));
    }

    [Fact]
    public void An_empty_log_is_an_empty_run_with_a_note_not_a_broken_file()
    {
        using var dir = new TempDir();
        dir.Write("wandb/offline-run-20240102_030405-abc123/run-abc123.wandb", "");

        var runs = Runs.Load(dir.Path);
        var listing = runs.Describe();

        var run = Assert.Single(runs);
        Assert.Equal("empty", run.Info.Status);
        Assert.Contains(run.Info.Notes, n => n.Contains("never flushed", StringComparison.Ordinal));
        Assert.Equal(0, run.Scan().Records);
        Assert.Empty(listing.AllIssues);
    }

    [Fact]
    public void A_metric_defined_with_a_step_metric_reads_against_it_when_every_row_carries_it()
    {
        using var dir = new TempDir();
        var log = new WandbLogFixture()
            .Write(FullRunRecord("abc123", "run", "", []))
            .Write(MetricRecord("env_steps", null, ""))
            .Write(MetricRecord(null, "rollout/*", "env_steps"))
            .Write(MetricRecord("eval/return", null, "env_steps"))
            .Write(MetricRecord("odd", null, "env_steps"));
        for (var i = 0; i < 4; i++)
        {
            var step = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var env = (512 * (i + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var items = new List<byte[]> { Item("_step", step), Item("train/loss", step), Item("rollout/len", step) };
            // env_steps is missing from the last row: "odd" (only there) cannot use it; rollout/len is in every row.
            if (i < 3)
                items.AddRange([Item("env_steps", env), Item("rollout/ret", step)]);
            else
                items.Add(Item("odd", "7"));
            if (i % 2 == 0)
                items.Add(Item("eval/return", "10"));
            log.Write(WandbLogFixture.History(2 + i, null, [.. items]));
        }
        WriteLog(dir, "wandb/run-20240102_030405-abc123", log);

        var run = Assert.Single(Runs.Load(dir.Path));

        Assert.Equal(new Dictionary<string, string> { ["eval/return"] = "env_steps", ["odd"] = "env_steps", ["rollout/*"] = "env_steps" }, run.Info.XAxes);
        Assert.Contains(run.Info.Notes, n => n.Contains("eval/return against env_steps", StringComparison.Ordinal));
        Assert.Equal([512L, 1536], run.Metric("eval/return").Points.Select(p => p.Step));
        Assert.Equal([512L, 1024, 1536], run.Metric("rollout/ret").Points.Select(p => p.Step));
        Assert.Equal([0L, 1, 2, 3], run.Metric("train/loss").Points.Select(p => p.Step));
        // rollout/len matches the glob but its last row has no env_steps: it stays on the step, as does "odd".
        Assert.Equal([0L, 1, 2, 3], run.Metric("rollout/len").Points.Select(p => p.Step));
        Assert.Equal([3L], run.Metric("odd").Points.Select(p => p.Step));
        // Every metric at once gives the same series.
        var all = run.Metrics().ToDictionary(s => s.Metric, s => s.Points.Select(p => p.Step).ToList());
        Assert.Equal([512L, 1536], all["eval/return"]);
        Assert.Equal([0L, 1, 2, 3], all["rollout/len"]);
    }
}
