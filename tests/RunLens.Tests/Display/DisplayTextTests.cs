using RunLens.Display;
using RunLens.TestSupport;

namespace RunLens.Tests.Display;

/// <summary>The plain text notebooks store beside the HTML (what terminals, dotnet-repl and GitHub show): the same content, aligned.</summary>
public class DisplayTextTests
{
    private static string Text(object value) => MimeFormatterSource.Format(value, MimeFormatterSource.PlainText)!;

    [Fact]
    public void A_series_reads_as_its_summary_statistics_and_points_in_aligned_columns()
    {
        var series = new Series("run", "reward", [new ScalarPoint(0, 1.5, null), new ScalarPoint(10, -2, 3.25)]);

        Assert.Equal("""
            run/reward: 2 points, steps 0..10
            points  finite  min   mean  max  last
            ------  ------  ---  -----  ---  ----
                 2       2   -2  -0.25  1.5    -2

            Points
            step  value  wall time
            ----  -----  ---------
               0    1.5
              10     -2       3.25
            """, Text(series));
    }

    [Fact]
    public void A_run_set_reads_as_one_row_per_run_with_no_markup()
    {
        var runs = Runs.Load(Path.Combine(TestPaths.SampleRuns, "experiments"));

        var lines = Text(runs).Split('\n');

        Assert.Equal(runs.ToString(), lines[0]);
        Assert.StartsWith("name", lines[1], StringComparison.Ordinal);
        Assert.Equal(runs.Count + 3, lines.Length);
        Assert.DoesNotContain(lines, l => l.Contains('<', StringComparison.Ordinal));
        Assert.All(runs, run => Assert.Contains(lines, l => l.StartsWith(run.Name, StringComparison.Ordinal)));
    }

    [Fact]
    public void Html_is_unchanged_by_a_text_rendering_in_between()
    {
        var series = new Series("run", "reward", [new ScalarPoint(0, 1.5, null)]);

        var before = series.ToHtml();
        _ = Text(series);

        Assert.Equal(before, series.ToHtml());
        Assert.StartsWith("<div class=\"runlens runlens-series\">", before, StringComparison.Ordinal);
    }
}
