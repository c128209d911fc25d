using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Csv;

/// <summary>A CSV whose step column has no step name of the map still plots by it, never by the row index.</summary>
public class CsvStepColumnTests
{
    // The columns stable-baselines' (v2, TF1) PPO1/TRPO write with logger.record_tabular, in their order.
    private const string Sb2Progress =
        "EpLenMean,EpRewMean,EpThisIter,EpisodesSoFar,TimeElapsed,TimestepsSoFar,ev_tdlam_before,loss_ent\n" +
        "21.5,21.5,95,95,1.2,2048,0.01,0.69\n" +
        "30.1,30.1,68,163,2.3,4096,0.2,0.68\n" +
        "44.0,44.0,46,209,3.5,6144,0.4,0.66\n";

    [Fact]
    public void Stable_baselines_v2_progress_csv_plots_by_TimestepsSoFar_with_a_note()
    {
        using var dir = new TempDir();
        dir.Write("trpo/progress.csv", Sb2Progress);

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal([2048L, 4096L, 6144L], run.Metric("EpRewMean").Points.Select(p => p.Step));
        Assert.Equal(0, run.Scan().RecordsWithoutStep);
        Assert.Contains(run.Info.Notes, n => n.Contains("progress.csv: its x axis is the column 'TimestepsSoFar'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("env_steps")]
    [InlineData("TotalSteps")]
    [InlineData("total/steps")]
    [InlineData("total timesteps")]
    [InlineData("steps")]
    public void A_whole_never_decreasing_column_named_like_a_step_count_is_the_x_axis(string name)
    {
        using var dir = new TempDir();
        var path = dir.Write("log.csv", $"loss,{name}\n0.5,100\n0.4,100\n0.3,250\n");

        var result = CsvReading.Read(path);

        Assert.Equal([100L, 100L, 250L], result.Steps);
    }

    [Theory]
    [InlineData("loss,steps\n0.5,100\n0.4,90\n")]        // goes down: episode lengths, not a count
    [InlineData("loss,steps\n0.5,10.5\n0.4,20.5\n")]     // not whole numbers
    [InlineData("loss,EpisodesSoFar\n0.5,10\n0.4,20\n")] // counts episodes, not steps
    public void A_column_that_is_not_a_step_count_leaves_the_row_index(string csv)
    {
        using var dir = new TempDir();
        var path = dir.Write("log.csv", csv);

        Assert.Equal([0L, 1L], CsvReading.Read(path).Steps);
    }

    [Fact]
    public void A_step_name_of_the_map_wins_over_the_rule()
    {
        using var dir = new TempDir();
        var path = dir.Write("log.csv", "env_steps,step,loss\n500,1,0.5\n1000,2,0.4\n");

        Assert.Equal([1L, 2L], CsvReading.Read(path).Steps);
    }
}
