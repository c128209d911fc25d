using RunLens.TestSupport;
using RunLens.Plotly;

namespace RunLens.ChartsTests.Recipes;

/// <summary>Comparison and sweep charts on a tiny sweep written by the test: lr {0.1, 0.01} x batch {8, 16}, 2 seeds, one cell empty.</summary>
public class ComparisonChartsTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly RunSet _runs;

    public ComparisonChartsTests()
    {
        // Score = 10 * lr-index + batch / 8 + seed; the cell lr=0.01, batch=16 has no runs.
        foreach (var (lr, batch) in new[] { (0.1, 8), (0.1, 16), (0.01, 8) })
        {
            for (var seed = 0; seed < 2; seed++)
            {
                using var writer = RunWriter.Create(Path.Combine(_dir.Path, $"lr={lr},batch={batch}", $"seed_{seed}"));
                writer.WriteConfig([new("learning_rate", lr), new("batch_size", batch), new("seed", seed)]);
                var final = (lr == 0.1 ? 10 : 0) + batch / 8 + seed;
                for (var step = 0; step <= 4; step++)
                    writer.LogScalars(step, [new("score", final * step / 4.0)]);
            }
        }
        _runs = Runs.Load(_dir.Path);
    }

    public void Dispose() => _dir.Dispose();

    private FinalScoreSet Scores(string groupBy) => _runs.FinalScores("metrics.score", lastSteps: 1, groupBy: groupBy);

    [Fact]
    public void The_hyperparameter_heatmap_matches_the_approved_json() =>
        Approvals.Verify(Scores(RunGroups.Run).Sweep().HyperparameterHeatmap("learning_rate", "batch_size", BootstrapOptions.Default with { Reps = 200 }).ToJson());

    [Fact]
    public void Heatmap_cells_hold_the_iqm_and_n_and_the_empty_cell_says_so()
    {
        var figure = Scores(RunGroups.Run).Sweep().HyperparameterHeatmap("learning_rate", "batch_size", BootstrapOptions.Default with { Reps = 200 });

        var trace = Assert.IsType<HeatmapTrace>(Assert.Single(figure.Data));
        // Rows: batch 8, 16; columns: lr 0.01, 0.1. lr=0.1,batch=8 scores 11 and 12: IQM 11.5.
        Assert.Equal(11.5, trace.Z[0][1]);
        Assert.Equal("11.5<br>n=2", trace.Text![0][1]);
        Assert.Null(trace.Z[1][0]);
        Assert.Equal("no runs", Assert.Single(figure.Layout.Annotations!).Text);
        Assert.Equal(["0.01", "0.1"], figure.Layout.XAxes[0].TickText!);
    }

    [Fact]
    public void Parallel_coordinates_have_an_axis_per_hyperparameter_and_the_score()
    {
        var figure = Scores(RunGroups.Run).Sweep().ParallelCoordinates();

        var trace = Assert.IsType<ParcoordsTrace>(Assert.Single(figure.Data));
        Assert.Equal(["batch_size", "learning_rate", "final score"], trace.Dimensions.Select(d => d.Label));
        Assert.Equal(6, trace.Dimensions[2].Values.Count);
    }

    [Fact]
    public void Interval_improvement_and_profile_plots_draw_every_group()
    {
        var scores = Scores("learning_rate");
        var comparison = scores.Compare(gamma: 12);

        var intervals = comparison.AggregateIntervals();
        var improvement = comparison.ImprovementPlot();
        var profile = scores.PerformanceProfile();

        // Two groups x three panels (mean, IQM, optimality gap) x (interval + estimate).
        Assert.Equal(12, intervals.Data.Count);
        Assert.Equal(3, intervals.Layout.XAxes.Count);
        Assert.Equal(["P(learning_rate=0.01 > learning_rate=0.1)"], improvement.Layout.YAxes[0].TickText!);
        // lr=0.01 scores (1, 2) never beat lr=0.1 (11, 12, 12, 13).
        Assert.Equal(0.0, ((ScatterTrace)improvement.Data[2]).X[0]);
        Assert.Equal(6, profile.Data.Count);
    }

    [Fact]
    public void Variants_over_training_show_bands_and_seed_counts()
    {
        var figure = _runs.CompareVariants("metrics.score", "learning_rate");

        Assert.Equal(8, figure.Data.Count);
        var seeds = figure.Data.OfType<ScatterTrace>().Single(t => t.Name == "learning_rate=0.1 seeds");
        Assert.All(seeds.Y, n => Assert.Equal(4, n));
        Assert.Contains("student-t", figure.Layout.Title!.Subtitle!.Text, StringComparison.OrdinalIgnoreCase);
    }
}
