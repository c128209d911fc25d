using System.Diagnostics;
using RunLens.Samples.Exploration;
using Xunit.Abstractions;

namespace RunLens.Samples.Tests.Exploration;

public class ExplorationTrainerTests(ITestOutputHelper output)
{
    private const int Window = 8;

    private static (double Early, double Late) Compare(IReadOnlyList<ExplorationEpisode> episodes, Func<ExplorationEpisode, double> value) =>
        (episodes.Take(Window).Average(value), episodes.TakeLast(Window).Average(value));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Late_episodes_return_more_than_early_ones_in_every_variant(int variant)
    {
        foreach (var seed in new long[] { 1, 2, 3 })
        {
            var episodes = ExplorationTrainer.Run(ExplorationTrainerOptions.ForVariant(variant, seed));
            var (early, late) = Compare(episodes, e => e.Return);
            output.WriteLine($"v{variant} seed {seed}: return {early:F3} -> {late:F3}");
            Assert.True(late > early + 0.15 && late > 1.5 * early, $"v{variant} seed {seed}: return {early:F3} early, {late:F3} late");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Late_episodes_visit_more_distinct_cells_than_early_ones(int variant)
    {
        foreach (var seed in new long[] { 1, 2, 3 })
        {
            var episodes = ExplorationTrainer.Run(ExplorationTrainerOptions.ForVariant(variant, seed));
            var (early, late) = Compare(episodes, e => e.DistinctCells);
            var (earlyMap, lateMap) = Compare(episodes, e => e.DeepestMap);
            output.WriteLine($"v{variant} seed {seed}: cells {early:F1} -> {late:F1}, deepest map {earlyMap:F2} -> {lateMap:F2}, episodes {episodes.Count}");
            Assert.True(late > early * 1.2, $"v{variant} seed {seed}: {early:F1} cells early, {late:F1} late");
        }
    }

    [Fact]
    public void The_same_options_give_the_same_steps_and_another_seed_does_not()
    {
        var a = new List<GameStepRecord>();
        var b = new List<GameStepRecord>();
        var c = new List<GameStepRecord>();
        ExplorationTrainer.Run(ExplorationTrainerOptions.ForVariant(2, 7), onStep: a.Add);
        ExplorationTrainer.Run(ExplorationTrainerOptions.ForVariant(2, 7), onStep: b.Add);
        ExplorationTrainer.Run(ExplorationTrainerOptions.ForVariant(2, 8), onStep: c.Add);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Steps_and_episodes_are_reported_consistently()
    {
        var options = new ExplorationTrainerOptions { Envs = 3, StepsPerEnv = 1_000, EpisodeLength = 100, ExplorationBonus = 0.1 };
        var steps = new List<GameStepRecord>();
        var reported = new List<ExplorationEpisode>();
        var episodes = ExplorationTrainer.Run(options, steps.Add, reported.Add);
        Assert.Equal(3_000, steps.Count);
        Assert.Equal(episodes, reported);
        Assert.All(steps, s => Assert.True(s.Rewards.IsFinite && s.Hp is >= 0 and <= 1 && s.Action is >= 0 and < 4));
        Assert.All(steps, s => Assert.True(s.X is > 0 and < 23 && s.Y is > 0 and < 17));
        Assert.All(steps, s => Assert.True(s.Rewards.Explore is 0 or 0.1 && s.Rewards.Dead <= 0 && s.Rewards.Stuck <= 0));
        // Episode returns are the sums of their steps' rewards.
        foreach (var e in episodes)
        {
            var sum = steps.Where(s => s.Env == e.Env && s.Step > e.EndStep - e.Steps && s.Step <= e.EndStep).Sum(s => s.Rewards.Total);
            Assert.Equal(sum, e.Return, 9);
        }
    }

    [Fact]
    public void Every_variant_and_seed_regenerates_within_seconds()
    {
        var clock = Stopwatch.StartNew();
        long steps = 0;
        for (var variant = 1; variant <= 4; variant++)
        {
            for (var seed = 1; seed <= 3; seed++)
                ExplorationTrainer.Run(ExplorationTrainerOptions.ForVariant(variant, seed), onStep: _ => steps++);
        }
        output.WriteLine($"{steps} steps in {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(4 * 3 * 4 * 5_000, steps);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{clock.Elapsed.TotalSeconds:F1} s");
    }
}
