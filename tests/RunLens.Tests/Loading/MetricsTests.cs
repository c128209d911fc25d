using RunLens.TestSupport;

namespace RunLens.Tests.Loading;

public class MetricsTests
{
    // Two files of one run: step 2 is logged again by the second (a resumed run), entropy is only in the first.
    private static Run TwoFileRun(TempDir dir)
    {
        dir.Write("a/json_logs/0.json",
            "{\"step\":0,\"wall_time\":100.5,\"loss\":0.5,\"rewards\":{\"total\":1.5},\"entropy\":0.25}\n" +
            "{\"step\":1,\"wall_time\":101.5,\"loss\":0.25,\"rewards\":{\"total\":2.5}}\n" +
            "{\"step\":2,\"wall_time\":102.5,\"loss\":NaN,\"rewards\":{\"total\":3.5},\"entropy\":0.125}\n");
        dir.Write("a/json_logs/1.json",
            "{\"step\":2,\"wall_time\":110.5,\"loss\":0.0625,\"rewards\":{\"total\":4.5}}\n");
        return Runs.Load(dir.Path).Single();
    }

    [Fact]
    public void Named_metrics_read_in_one_pass_equal_each_metric_read_alone()
    {
        using var dir = new TempDir();
        var run = TwoFileRun(dir);

        var series = run.Metrics("rewards.total", "loss", "entropy");

        Assert.Equal(["rewards.total", "loss", "entropy"], series.Select(s => s.Metric));
        foreach (var s in series)
            Assert.Equal(run.Metric(s.Metric).Points, s.Points);
        Assert.Equal([0L, 2L], series[2].Points.Select(p => p.Step));
    }

    [Fact]
    public void Without_names_every_field_but_the_step_itself_is_read_in_name_order()
    {
        using var dir = new TempDir();
        var run = TwoFileRun(dir);

        var series = run.Metrics();

        Assert.Equal(["entropy", "loss", "rewards.total", "wall_time"], series.Select(s => s.Metric));
        foreach (var s in series)
            Assert.Equal(run.Metric(s.Metric).Points, s.Points);
        Assert.Equal(new ScalarPoint(2, 4.5, 110.5), series[2].Points[^1]);
    }

    [Fact]
    public void A_step_named_field_that_counts_something_else_stays_a_metric()
    {
        using var dir = new TempDir();
        dir.Write("a/metrics.jsonl", "{\"step\":1,\"timesteps\":512,\"r\":1}\n{\"step\":2,\"timesteps\":1024,\"r\":2}\n");
        var run = Runs.Load(dir.Path).Single();

        Assert.Contains("timesteps", run.Metrics().Select(s => s.Metric));
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_fields_there_are()
    {
        using var dir = new TempDir();
        var run = TwoFileRun(dir);

        var ex = Assert.Throws<KeyNotFoundException>(() => run.Metrics("loss", "nope"));

        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rewards.total", ex.Message, StringComparison.Ordinal);
    }
}
