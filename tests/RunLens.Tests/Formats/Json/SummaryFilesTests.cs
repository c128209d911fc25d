using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Json;

/// <summary>Key/value tables and single summary objects are a run's summary, not time series.</summary>
public class SummaryFilesTests
{
    [Fact]
    public void A_metric_value_table_is_the_runs_summary_not_a_series()
    {
        using var dir = new TempDir();
        dir.Write("run/metrics.jsonl", "{\"step\": 1, \"loss\": 0.5}\n");
        dir.Write("run/final.csv", "metric,value\nfinal_return,200\nsolved,True\nenv,CartPole-v1\n");

        var run = Runs.Load(dir.Path).Single();
        var summary = run.Describe();

        Assert.Equal(["run/metrics.jsonl"], run.Info.Files.Select(f => f.RelativePath));
        Assert.Equal(ConfigValue.Of(200), run.Info.Summary["final_return"]);
        Assert.Equal(ConfigValue.Of(true), run.Info.Summary["solved"]);
        Assert.Equal(ConfigValue.Of("CartPole-v1"), run.Info.Summary["env"]);
        Assert.DoesNotContain(summary.Metrics, m => m.Name is "value" or "metric");
        Assert.Equal(["env", "final_return", "solved"], summary.Summary.Keys);
        Assert.Contains(run.Info.Notes, n => n.StartsWith("final.csv is a key/value table (metric,value)", StringComparison.Ordinal));
        Assert.Contains("<h4>Summary</h4>", summary.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("summary env=CartPole-v1 final_return=200 solved=true", summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Any_two_column_csv_whose_first_column_is_text_names_is_a_table()
    {
        using var dir = new TempDir();
        dir.Write("run/log.csv", "step,loss\n1,0.5\n2,0.4\n");
        dir.Write("run/stats.csv", "stat,mean\nreturn,12.5\nlength,200\n");

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal(12.5, run.Info.Summary["return"].Number);
        Assert.Equal(["run/log.csv"], run.Info.Files.Select(f => f.RelativePath));
    }

    [Fact]
    public void A_two_column_log_of_numbers_stays_a_series()
    {
        using var dir = new TempDir();
        dir.Write("run/log.csv", "step,loss\n1,0.5\n2,0.4\n");

        var run = Runs.Load(dir.Path).Single();

        Assert.Empty(run.Info.Summary);
        Assert.Equal(0.9, run.Scan().Field("loss")!.Sum, 9);
    }

    [Fact]
    public void A_summary_json_object_is_the_runs_summary_with_nested_keys_dotted()
    {
        using var dir = new TempDir();
        dir.Write("run/metrics.jsonl", "{\"step\": 1, \"loss\": 0.5}\n");
        dir.Write("run/summary.json", "{\"final_return\": 200, \"best\": 250, \"eval\": {\"mean\": 190.5}, \"curve\": [1, 2]}");
        dir.Write("run/lookup.json", "{\"a\": 1}");

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal(["best", "eval.mean", "final_return"], run.Info.Summary.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(190.5, run.Info.Summary["eval.mean"].Number);
        Assert.Contains(run.Info.Notes, n => n.StartsWith("summary.json holds one object", StringComparison.Ordinal));
    }
}
