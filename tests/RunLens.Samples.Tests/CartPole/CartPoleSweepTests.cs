using System.Diagnostics;
using System.Globalization;
using RunLens.Samples.CartPole;
using Xunit.Abstractions;

namespace RunLens.Samples.Tests.CartPole;

public class CartPoleSweepTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_run_of_the_sweep_has_the_same_env_step_budget()
    {
        var runs = CartPoleSweep.Runs();
        Assert.Equal(27, runs.Count);
        Assert.All(runs, r => Assert.Equal(CartPoleSweep.EnvStepBudget, r.TotalEnvSteps));
        Assert.Equal(27, runs.Distinct().Count());
    }

    [Fact]
    public void The_whole_sweep_trains_within_a_test_and_its_cells_differ()
    {
        var runs = CartPoleSweep.Runs();
        var last = new double[runs.Count];
        var seconds = new double[runs.Count];
        var total = Stopwatch.StartNew();
        // Runs are independent and each is single-threaded and deterministic, so running them side by side is safe.
        Parallel.For(0, runs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var watch = Stopwatch.StartNew();
            var updates = new PpoTrainer(runs[i]).Train();
            seconds[i] = watch.Elapsed.TotalSeconds;
            last[i] = PpoTrainerTests.FirstAndLastMeanReturns(updates, 5).Last;
        });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"27 runs in {total.Elapsed.TotalSeconds:F1} s wall, {seconds.Sum():F1} s of runs"));

        var cells = runs.Select((r, i) => (r.LearningRate, r.BatchSize, Return: last[i]))
            .GroupBy(c => (c.LearningRate, c.BatchSize), c => c.Return)
            .ToDictionary(g => g.Key, g => g.Average());
        foreach (var ((lr, batch), mean) in cells)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lr {lr:G2} batch {batch,4}: last-5 mean return {mean,5:F0}"));

        Assert.True(last.All(r => r > 40), "every run learns something");
        Assert.True(cells[(1e-3, 256)] > 400, "the best cell balances");
        Assert.True(cells[(1e-4, 1024)] < 150, "the slowest cell is still far from balancing");
        Assert.True(cells[(1e-3, 512)] > cells[(1e-4, 512)] + 100, "learning rate matters");
    }
}
