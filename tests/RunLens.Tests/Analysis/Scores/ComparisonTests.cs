namespace RunLens.Tests.Analysis.Scores;

public class ComparisonTests
{
    // Group A scores 1, 2, 3 (one config), group B 2, 3, 4, 5.
    internal static FinalScoreSet Fixture()
    {
        FinalScore Score(string group, int i, double value, double a, double b) => new($"{group}/seed_{i}", group, value)
        {
            Points = 1,
            Seed = i,
            Config = new Dictionary<string, ConfigValue> { ["seed"] = ConfigValue.Of(i), ["a"] = ConfigValue.Of(a), ["b"] = ConfigValue.Of(b) },
        };
        return new FinalScoreSet("score", "test scores", "variant",
        [
            Score("A", 0, 1, 1, 10), Score("A", 1, 2, 1, 20), Score("A", 2, 3, 1, 10),
            Score("B", 0, 2, 2, 20), Score("B", 1, 3, 2, 10), Score("B", 2, 4, 2, 20), Score("B", 3, 5, 2, 10),
        ], []);
    }

    [Fact]
    public void Each_group_gets_n_mean_with_a_student_t_interval_median_and_iqm()
    {
        var comparison = Fixture().Compare(gamma: 4);

        var (a, b) = (comparison.Groups[0], comparison.Groups[1]);
        // A: mean 2, sd 1, t(0.975, 2) = 4.302652730; B: mean 3.5, sd sqrt(5/3), t(0.975, 3) = 3.182446305.
        Assert.Equal((3, 2.0, 2.0), (a.N, a.Mean.Estimate, a.Median));
        Assert.Equal(2 - 4.302652730 / Math.Sqrt(3), a.Mean.Lower, 8);
        Assert.Equal(3.5 + 3.182446305 * Math.Sqrt(5.0 / 3) / 2, b.Mean.Upper, 8);
        // IQM cuts int(n / 4) from each end: none of A's 3; one of B's 4 at each end: (3 + 4) / 2.
        Assert.Equal((2.0, 3.5), (a.Iqm.Estimate, b.Iqm.Estimate));
        Assert.Equal(Math.Sqrt(5.0 / 3), b.Std, 12);
        // Optimality gap, gamma 4: A 4 - mean(1, 2, 3) = 2; B 4 - mean(2, 3, 4, 4) = 0.75.
        Assert.Equal((2.0, 0.75), (a.OptimalityGap!.Estimate, b.OptimalityGap!.Estimate));
    }

    [Fact]
    public void Probability_of_improvement_is_the_mann_whitney_count_over_all_pairs()
    {
        var comparison = Fixture().Compare();

        // P(A > B) over 12 pairs: 3>2 once, ties 2=2 and 3=3 half each: 2 / 12.
        Assert.Equal(2.0 / 12, comparison.ProbabilityOfImprovement("A", "B").Estimate, 12);
        Assert.Equal(10.0 / 12, comparison.ProbabilityOfImprovement("B", "A").Estimate, 12);
        Assert.Equal(2, comparison.Improvements.Count);
    }

    [Fact]
    public void The_table_reads_the_same_as_markdown_latex_and_html()
    {
        var comparison = Fixture().Compare();

        var markdown = comparison.ToMarkdown();
        var latex = comparison.ToLatex();

        Assert.StartsWith("| group | n | mean | mean CI | median | IQM | IQM CI |", markdown);
        Assert.Contains("| A | 3 | 2 | [-0.4841, 4.484] | 2 | 2 |", markdown);
        Assert.Contains("\\begin{tabular}{lrrrrrr}", latex);
        Assert.Contains("A & 3 & 2 & [-0.4841, 4.484] & 2 & 2 &", latex);
        Assert.Contains("P(row &gt; column)", comparison.ToHtml());
    }

    [Fact]
    public void Spearman_correlation_uses_average_ranks()
    {
        // Ranks of y: 1, 3, 2, 4 against 1..4: rho = 1 - 6 * (0 + 1 + 1 + 0) / (4 * 15) = 0.8.
        Assert.Equal(0.8, SweepImportance.Spearman([1, 2, 3, 4], [1, 3, 2, 4]), 12);
        Assert.Equal(1.0, SweepImportance.Spearman([1, 1, 2, 2], [5, 5, 9, 9]), 12);
        Assert.True(double.IsNaN(SweepImportance.Spearman([1, 1, 1], [1, 2, 3])));
    }

    [Fact]
    public void The_hyperparameter_that_sets_the_score_is_the_important_one()
    {
        // a separates A (1) from B (2) and the score follows it; b alternates 10, 20 within both groups.
        var importance = Fixture().Sweep().Importance(BootstrapOptions.Default with { Reps = 300 });

        Assert.Equal(["a", "b"], importance.Rows.Select(r => r.Hyperparameter));
        var (a, b) = (importance.Rows[0], importance.Rows[1]);
        Assert.True(a.Permutation.Estimate > 0.3, a.ToString());
        Assert.True(a.Permutation.Estimate > b.Permutation.Estimate, importance.ToString());
        Assert.True(a.Correlation.Estimate > 0.5, a.ToString());
        Assert.True(a.Correlation.Lower <= a.Correlation.Estimate && a.Correlation.Estimate <= a.Correlation.Upper);
    }
}
