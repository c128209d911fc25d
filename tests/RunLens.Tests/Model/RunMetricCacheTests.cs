using RunLens.TestSupport;

namespace RunLens.Tests.Model;

/// <summary>A run's full-resolution series are read once: asked again, alone or with others, no file is read.</summary>
public class RunMetricCacheTests
{
    [Fact]
    public void A_metric_asked_again_comes_from_the_first_read_even_when_the_file_is_gone()
    {
        using var dir = new TempDir();
        var file = dir.Write("run/log.jsonl", "{\"step\": 0, \"loss\": 1.0, \"acc\": 0.1}\n{\"step\": 1, \"loss\": 0.5, \"acc\": 0.2}\n");
        var run = Assert.Single(Runs.Load(dir.Path));

        var both = run.Metrics("loss", "acc");
        File.Delete(file);

        Assert.Same(both[0], run.Metric("loss"));
        Assert.Same(both[1], run.Metrics("acc", "loss")[0]);
        Assert.Equal([1.0, 0.5], run.Metric("loss").Points.Select(p => p.Value));
    }

    [Fact]
    public void Names_not_read_yet_are_read_together_and_a_missing_one_caches_nothing()
    {
        using var dir = new TempDir();
        dir.Write("run/log.jsonl", "{\"step\": 0, \"loss\": 1.0, \"acc\": 0.1}\n");
        var run = Assert.Single(Runs.Load(dir.Path));
        Assert.Throws<KeyNotFoundException>(() => run.Metrics("loss", "nope"));
        var loss = run.Metric("loss");
        Assert.Equal(1.0, Assert.Single(loss.Points).Value);
        Assert.Same(loss, run.Metric("loss"));
    }
}
