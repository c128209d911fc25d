using RunLens.TestSupport;

namespace RunLens.Tests.Analysis.Aggregation;

public class RunSetAggregationTests
{
    private const string Return = "metrics.episode_return_mean";

    // The sweep's JSON-lines runs (the folder also holds an MLflow store of the same 27 runs).
    private static RunSet CartPole() =>
        Runs.Load(Path.Combine(TestPaths.SampleRuns, "cartpole-ppo")).Where(r => r.Name.Contains("seed_", StringComparison.Ordinal));

    [Fact]
    public void Grouping_the_cartpole_sweep_by_both_hyperparameters_gives_9_cells_of_3_seeds()
    {
        var curves = CartPole().AggregateCurves(Return, groupBy: "learning_rate,batch_size");

        Assert.Equal(9, curves.Count);
        Assert.Equal("learning_rate=0.0001,batch_size=256", curves[0].Group);
        Assert.Equal("learning_rate=0.001,batch_size=1024", curves[^1].Group);
        Assert.All(curves, c => Assert.Equal(3, c.Runs.Count));
        Assert.All(curves, c => Assert.Equal(3, c.Seeds.Max()));
        Assert.All(curves, c => Assert.Empty(c.Notes));
        // /usr/bin/python3 over lr=0.0003,batch=256/seed_{0,1,2}/metrics.jsonl: episode_return_mean at step 100 is
        // 139, 221 and 297; mean 219, mean -/+ 4.302652729911275 * sd / sqrt(3) = 22.70595925946057, 415.29404074053946.
        var cell = curves.Single(c => c.Group == "learning_rate=0.0003,batch_size=256");
        var k = Array.IndexOf(cell.Steps, 100L);
        Assert.Equal(3, cell.Seeds[k]);
        Assert.Equal(219, cell.Center[k], 9);
        Assert.Equal(22.70595925946057, cell.Lower[k], 6);
        Assert.Equal(415.29404074053946, cell.Upper[k], 6);
    }

    [Fact]
    public void Grouping_by_learning_rate_pools_three_batch_sizes_whose_runs_end_at_different_steps()
    {
        var curves = CartPole().AggregateCurves(Return, groupBy: "learning_rate");

        Assert.Equal(["learning_rate=0.0001", "learning_rate=0.0003", "learning_rate=0.001"], curves.Select(c => c.Group));
        var lr = curves[1];
        // /usr/bin/python3 over the 9 runs' metrics.jsonl (rows with episode_return_mean): 96 distinct steps 0..188;
        // runs end at 47 (x3), 92, 92, 94, 180, 188, 188, so the seed count drops at 48, 94, 96 and 184.
        Assert.Equal(96, lr.Steps.Length);
        Assert.Equal(9, lr.Seeds[0]);
        Assert.Equal([48L, 94, 96, 184], lr.SeedDrops);
        // Step 47: the batch-512 and -256 runs are read linearly between their neighbouring points; the 9 values'
        // mean by the same python is 173.90158730158734.
        Assert.Equal(173.90158730158734, lr.Center[Array.IndexOf(lr.Steps, 47L)], 9);
    }

    [Fact]
    public void Runs_grouped_one_by_one_have_no_t_band_and_the_sweeps_hyperparameter_folders_are_variants_of_three_seeds()
    {
        // The sweep's seed folders sit in hyperparameter folders (lr=0.0001,batch=256/seed_0): the folder is the variant.
        var byVariant = CartPole().AggregateCurves(Return);
        var curves = CartPole().AggregateCurves(Return, groupBy: RunGroups.Run);

        Assert.Equal(9, byVariant.Count);
        Assert.All(byVariant, c => Assert.Equal(3, c.Runs.Count));
        Assert.Equal(27, curves.Count);
        Assert.All(curves, c => Assert.Equal([c.Group], c.Runs));
        Assert.All(curves, c => Assert.All(c.Lower, v => Assert.True(double.IsNaN(v))));
        Assert.All(curves, c => Assert.DoesNotContain(c.Center, double.IsNaN));
    }

    [Fact]
    public void Runs_without_the_metric_or_the_hyperparameter_are_named_in_the_notes()
    {
        using var dir = new TempDir();
        dir.Write("v1/seed_0/metrics.jsonl", "{\"step\":0,\"metrics\":{\"r\":1}}\n{\"step\":10,\"metrics\":{\"r\":3}}\n");
        dir.Write("v1/seed_0/config.json", "{\"lr\":0.1}");
        dir.Write("v1/seed_1/metrics.jsonl", "{\"step\":0,\"metrics\":{\"loss\":1}}\n");
        dir.Write("v1/seed_1/config.json", "{\"lr\":0.1}");
        dir.Write("v1/seed_2/metrics.jsonl", "{\"step\":0,\"metrics\":{\"r\":5}}\n");
        var runs = Runs.Load(dir.Path);

        var curves = runs.AggregateCurves("metrics.r", groupBy: "lr");

        Assert.Equal(["lr=0.1", "lr=(not set)"], curves.Select(c => c.Group));
        Assert.Equal([1, 3], curves[0].Center);
        Assert.Contains(curves[0].Notes, n => n.Contains("no metric metrics.r; left out", StringComparison.Ordinal));
        Assert.Contains(curves[1].Notes, n => n.Contains("no hyperparameter lr", StringComparison.Ordinal));
        Assert.Equal(5, curves[1].Center[0]);
    }

    [Fact]
    public void An_unknown_hyperparameter_lists_the_ones_there_are()
    {
        var error = Assert.Throws<ArgumentException>(() => CartPole().AggregateCurves(Return, groupBy: "entropy"));

        Assert.Contains("learning_rate", error.Message, StringComparison.Ordinal);
    }
}
