namespace RunLens.Tests.Analysis.Statistics;

public class RliableMetricTests
{
    // 4 runs x 2 tasks, the issue's fixture. Columns: task 0 = 1, 2, 1, 2 (mean 1.5); task 1 = 2, 2, 1, 1 (mean 1.5).
    private static readonly double[][] Square = [[1, 2], [2, 2], [1, 1], [2, 1]];

    // 2 runs x 3 tasks with distinct values. Task means 0.3, 0.9, 1.95. Pooled and sorted: 0.2 0.3 0.4 0.9 1.5 3.0.
    private static readonly double[][] Wide = [[0.2, 1.5, 0.9], [0.4, 0.3, 3.0]];

    [Fact]
    public void Issue_fixture_has_iqm_mean_and_median_one_and_a_half()
    {
        // IQM: 8 pooled scores sorted 1 1 1 1 2 2 2 2, int(0.25 * 8) = 2 cut from each end, mean of 1 1 2 2 = 1.5.
        Assert.Equal(1.5, Rliable.Iqm(Square), 1e-15);
        // Mean and median of the task means 1.5 and 1.5.
        Assert.Equal(1.5, Rliable.Mean(Square), 1e-15);
        Assert.Equal(1.5, Rliable.Median(Square), 1e-15);
    }

    [Fact]
    public void Issue_fixture_optimality_gap_for_gamma_one_and_two()
    {
        // gamma 1: min(score, 1) is 1 everywhere, 1 - 1 = 0. gamma 2: no score exceeds 2, 2 - mean(12 / 8) = 0.5.
        Assert.Equal(0, Rliable.OptimalityGap(Square), 1e-15);
        Assert.Equal(0.5, Rliable.OptimalityGap(Square, gamma: 2), 1e-15);
    }

    [Fact]
    public void Distinct_scores_give_the_hand_computed_metrics()
    {
        // Mean of task means (0.3 + 0.9 + 1.95) / 3 = 1.05; median of 0.3, 0.9, 1.95 = 0.9.
        Assert.Equal(1.05, Rliable.Mean(Wide), 1e-14);
        Assert.Equal(0.9, Rliable.Median(Wide), 1e-15);
        // IQM: int(0.25 * 6) = 1 cut from each end of 0.2 0.3 0.4 0.9 1.5 3.0: (0.3 + 0.4 + 0.9 + 1.5) / 4 = 0.775.
        Assert.Equal(0.775, Rliable.Iqm(Wide), 1e-14);
        // gamma 1: min values 0.2 1 0.9 0.4 0.3 1 sum 3.8: 1 - 3.8 / 6. gamma 2: 0.2 1.5 0.9 0.4 0.3 2 sum 5.3: 2 - 5.3 / 6.
        Assert.Equal(1 - 3.8 / 6, Rliable.OptimalityGap(Wide), 1e-14);
        Assert.Equal(2 - 5.3 / 6, Rliable.OptimalityGap(Wide, 2), 1e-14);
        // An even number of tasks: the median averages the middle two task means, 0.3 and 0.9 -> 0.6.
        Assert.Equal(0.6, Rliable.Median([[0.3, 0.9, 5, 0]]), 1e-15);
    }

    [Fact]
    public void Iqm_cuts_int_of_a_quarter_of_the_pooled_count()
    {
        // n = 3: int(0.75) = 0, nothing cut, mean 2. n = 5: int(1.25) = 1, mean of 2 3 4 = 3. n = 1: the value itself.
        Assert.Equal(2, Rliable.Iqm([[1.0, 2, 3]]), 1e-15);
        Assert.Equal(3, Rliable.Iqm([[100.0], [2], [3], [4], [-50]]), 1e-15);
        Assert.Equal(7, Rliable.Iqm([[7.0]]));
    }

    [Fact]
    public void Probability_of_improvement_counts_pairs_with_ties_as_half()
    {
        double[][] x = [[1, 5], [2, 5], [3, 0]];
        double[][] y = [[2, 5], [2, 6]];
        // Task 0: x 1 2 3 against y 2 2: 1 wins none, 2 ties twice (1), 3 wins twice (2): 3 / 6 = 0.5.
        // Task 1: x 5 5 0 against y 5 6: each 5 ties once (0.5) and loses once, 0 loses twice: 1 / 6.
        Assert.Equal((0.5 + 1.0 / 6) / 2, Rliable.ProbabilityOfImprovement(x, y), 1e-15);
    }

    [Theory]
    [InlineData(1, 5, 5, 1, 4)]
    [InlineData(2, 4, 7, 2, 3)]
    [InlineData(3, 10, 10, 3, 2)]
    [InlineData(4, 1, 6, 1, 10)]
    public void Probability_of_improvement_equals_a_brute_force_mann_whitney_count(int seed, int runsX, int runsY, int tasks, int distinctValues)
    {
        // Few distinct values make many ties. Brute force: every (x run, y run) pair per task, 1 if x > y, 0.5 if equal.
        var random = new Random(seed);
        var x = Matrix(random, runsX, tasks, distinctValues);
        var y = Matrix(random, runsY, tasks, distinctValues);
        double expected = 0;
        for (var task = 0; task < tasks; task++)
        {
            double count = 0;
            foreach (var a in x)
            {
                foreach (var b in y)
                    count += a[task] > b[task] ? 1 : a[task] == b[task] ? 0.5 : 0;
            }
            expected += count / (runsX * runsY);
        }
        expected /= tasks;
        Assert.Equal(expected, Rliable.ProbabilityOfImprovement(x, y), 1e-14);
        // P(X > Y) + P(Y > X) = 1, and an algorithm against itself is a coin flip.
        Assert.Equal(1, Rliable.ProbabilityOfImprovement(x, y) + Rliable.ProbabilityOfImprovement(y, x), 1e-14);
        Assert.Equal(0.5, Rliable.ProbabilityOfImprovement(x, x), 1e-15);
    }

    [Fact]
    public void Performance_profile_is_the_fraction_of_scores_strictly_above_each_tau()
    {
        // Pooled 1 2 3 4: above 0 all four (1), above 2 the 3 and 4 (0.5; 2 itself is not above 2), above 4 none.
        Assert.Equal([1, 0.5, 0], Rliable.PerformanceProfile([[1.0, 2], [3, 4]], [0, 2, 4]));
        // Wide: 0.2 0.3 0.4 0.9 1.5 3.0; above 0.35: 4 of 6; above 1: 2 of 6; above 3: 0.
        Assert.Equal([4 / 6.0, 2 / 6.0, 0], Rliable.PerformanceProfile(Wide, [0.35, 1, 3]));
        Assert.Empty(Rliable.PerformanceProfile(Wide, []));
    }

    [Fact]
    public void Ragged_empty_and_nan_score_matrices_are_refused_with_what_to_do()
    {
        var ragged = Assert.Throws<ArgumentException>(() => Rliable.Iqm([[1.0, 2], [3]]));
        Assert.Contains("scores[1] has 1 task scores but scores[0] has 2", ragged.Message);
        var empty = Assert.Throws<ArgumentException>(() => Rliable.Mean([]));
        Assert.Contains("has no runs", empty.Message);
        var noTasks = Assert.Throws<ArgumentException>(() => Rliable.Median([[]]));
        Assert.Contains("one score per task", noTasks.Message);
        var nan = Assert.Throws<ArgumentException>(() => Rliable.OptimalityGap([[1.0], [double.NaN]]));
        Assert.Contains("scores[1][0] is NaN", nan.Message);
        Assert.Throws<ArgumentException>(() => Rliable.PerformanceProfile(Square, [double.NaN]));
        Assert.Throws<ArgumentNullException>(() => Rliable.Iqm(null!));
    }

    [Fact]
    public void Probability_of_improvement_refuses_different_task_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => Rliable.ProbabilityOfImprovement([[1.0, 2]], [[1.0, 2, 3]]));
        Assert.Contains("x has 2 tasks but y has 3", error.Message);
        Assert.Throws<ArgumentException>(() => Rliable.BootstrapImprovement([[1.0]], [[double.NaN]]));
    }

    private static double[][] Matrix(Random random, int runs, int tasks, int distinctValues) =>
        [.. Enumerable.Range(0, runs).Select(_ => Enumerable.Range(0, tasks).Select(_ => (double)random.Next(distinctValues)).ToArray())];
}
