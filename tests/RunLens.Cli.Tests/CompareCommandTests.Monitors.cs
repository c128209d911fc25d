using System.Globalization;
using System.Text.Json;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

public partial class CompareCommandTests
{
    // Each run's final score (the mean return of its last 10 episodes) by variant and seed folder.
    private static readonly double[] AlphaScores = [10, 20, 30, 40, 100];
    private static readonly double[] BetaScores = [5, 5, 6, 7, 8];

    /// <summary>
    /// <c>alpha/seed0..4</c> and <c>beta/seed0..4</c>, each with one SB3 monitor file of 12 episodes: two early
    /// ones of return -1000 (outside the last 10, so a wrong window shows), then 10 whose returns alternate
    /// score - 1 and score + 1, so the last 10 average exactly to the run's score.
    /// </summary>
    private static TempDir MonitorTree()
    {
        var dir = new TempDir();
        foreach (var (variant, scores) in new[] { ("alpha", AlphaScores), ("beta", BetaScores) })
        {
            for (var seed = 0; seed < scores.Length; seed++)
            {
                var rows = Enumerable.Range(0, 12).Select(i =>
                {
                    var r = i < 2 ? -1000 : scores[seed] + (i % 2 == 0 ? -1 : 1);
                    return string.Create(CultureInfo.InvariantCulture, $"{r},{10 + i},{(i + 1) * 0.5}");
                });
                dir.Write($"{variant}/seed{seed}/0.monitor.csv",
                    "#{\"t_start\": 1700000000.0, \"env_id\": \"CartPole-v1\"}\nr,l,t\n" + string.Join("\n", rows) + "\n");
            }
        }
        return dir;
    }

    /// <summary>rliable's IQM: the mean of the middle half after cutting int(n / 4) scores from each end.</summary>
    private static double Iqm(double[] scores)
    {
        var sorted = scores.Order().ToArray();
        var cut = (int)(0.25 * sorted.Length);
        return sorted[cut..^cut].Average();
    }

    private static double Median(double[] scores)
    {
        var sorted = scores.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    [Fact]
    public void Monitor_runs_in_variant_seed_folders_compare_as_two_groups_of_five_with_independent_mean_median_and_iqm()
    {
        using var dir = MonitorTree();

        var (exit, output, error) = CliRunner.Run("compare", dir.Path, "--group-by", "variant", "--episodes", "10", "--json");

        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var groups = doc.RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["alpha", "beta"], groups.Select(g => g.GetProperty("group").GetString()));
        foreach (var (group, scores) in groups.Zip([AlphaScores, BetaScores]))
        {
            Assert.Equal(5, group.GetProperty("n").GetInt32());
            Assert.Equal(scores.Average(), group.GetProperty("mean").GetDouble(), 12);
            Assert.Equal(Median(scores), group.GetProperty("median").GetDouble(), 12);
            Assert.Equal(Iqm(scores), group.GetProperty("iqm").GetDouble(), 12);
            var runs = group.GetProperty("runs").EnumerateArray().ToList();
            Assert.Equal(scores, runs.Select(r => r.GetProperty("score").GetDouble()));
            Assert.Equal([0L, 1, 2, 3, 4], runs.Select(r => r.GetProperty("seed").GetInt64()));
        }
        // By hand: alpha mean 40, median 30, IQM (20 + 30 + 40) / 3 = 30; beta mean 6.2, median 6, IQM 6.
        Assert.Equal((40, 30, 30), (groups[0].GetProperty("mean").GetDouble(), groups[0].GetProperty("median").GetDouble(), groups[0].GetProperty("iqm").GetDouble()));
        Assert.Equal(6.2, groups[1].GetProperty("mean").GetDouble(), 12);
        Assert.Equal(6.0, groups[1].GetProperty("iqm").GetDouble(), 12);
    }

    [Fact]
    public void An_unknown_metric_lists_the_metrics_of_every_run_not_only_the_first()
    {
        using var dir = new TempDir();
        dir.Write("a/metrics.jsonl", "{\"step\":0,\"loss\":1}\n{\"step\":1,\"loss\":0.5}\n");
        dir.Write("b/metrics.jsonl", "{\"step\":0,\"loss\":1,\"score\":3}\n");

        var (exit, _, error) = CliRunner.Run("compare", dir.Path, "--metric", "reward");

        Assert.Equal(1, exit);
        Assert.Contains("no run has a metric 'reward'; the 2 runs have: loss, score (1 of 2 runs).", error, StringComparison.Ordinal);
    }
}
