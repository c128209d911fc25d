using RunLens.TestSupport;
using static RunLens.Tests.BadInput.BadInputCorpus;

namespace RunLens.Tests.BadInput;

/// <summary>Issue 17's bad-input corpus for CSV logs (SB3's progress.csv layout): the cases no CSV test had.</summary>
public class CsvBadInputTests
{
    [Fact]
    public void A_column_named_twice_keeps_both_columns_the_second_as_pandas_names_it()
    {
        using var dir = new TempDir();
        var path = dir.Write("ppo/CartPole-v1_1/progress.csv", "time/total_timesteps,loss,loss\n128,1,2\n256,3,4\n");

        var (run, issues) = LoadSingle(dir.Path);

        // Before, both columns were one field and the first one's values vanished.
        Assert.Equal([(128L, 1.0), (256L, 3.0)], Points(run, "loss"));
        Assert.Equal([(128L, 2.0), (256L, 4.0)], Points(run, "loss.1"));
        var issue = Assert.Single(issues);
        Assert.Equal((path, 1L, 0L), (issue.File, issue.Line!.Value, issue.Offset!.Value));
        Assert.Contains("'loss' more than once; column 3 is read as 'loss.1'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Literals_beyond_double_range_read_as_python_floats_do()
    {
        using var dir = new TempDir();
        dir.Write("ppo/CartPole-v1_1/progress.csv", "time/total_timesteps,loss\n1,1e400\n2,-1e400\n3,1e-400\n");

        var (run, issues) = LoadSingle(dir.Path);

        Assert.Equal([(1L, double.PositiveInfinity), (2L, double.NegativeInfinity), (3L, 0.0)], Points(run, "loss"));
        Assert.Empty(issues);
    }

    [Fact]
    public void A_gzip_trailer_with_a_wrong_checksum_is_reported_and_every_row_stays()
    {
        using var dir = new TempDir();
        var gzip = Gzip("time/total_timesteps,loss\n1,0.5\n2,1.5\n3,2.5\n");
        gzip[^7] ^= 0x10;
        var path = dir.File("ppo/CartPole-v1_1/progress.csv.gz");
        File.WriteAllBytes(path, gzip);

        var (run, issues) = LoadSingle(dir.Path);

        Assert.Equal([(1L, 0.5), (2L, 1.5), (3L, 2.5)], Points(run, "loss"));
        Assert.Equal(path, Assert.Single(issues).File);
    }

    [Fact]
    public void Garbage_with_a_progress_csv_name_never_throws_and_is_reported()
    {
        using var dir = new TempDir();
        var garbage = new byte[4096];
        new Random(17).NextBytes(garbage);
        var path = dir.File("ppo/CartPole-v1_1/progress.csv");
        File.WriteAllBytes(path, garbage);

        var runs = Runs.Load(dir.Path);
        var issues = runs.Describe().AllIssues;

        Assert.NotEmpty(issues);
        Assert.All(issues, i => Assert.Equal(path, i.File));
    }
}
