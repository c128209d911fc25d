using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Csv;

/// <summary>Headerless numeric CSVs lose no row; cells that are not numbers are reported per column.</summary>
public class CsvCellsReportTests
{
    [Fact]
    public void A_csv_whose_first_row_is_numbers_has_no_header_and_that_row_is_data()
    {
        using var dir = new TempDir();
        var path = dir.Write("rewards.csv", "0,1.5\n1,2.5\n1,2.5\n");

        var result = CsvReading.Read(path);

        Assert.Equal(3, result.Rows.Count);
        Assert.Equal([1.5, 2.5, 2.5], result.Rows.Select(r => r["column1"]));
        Assert.Equal([0.0, 1, 1], result.Rows.Select(r => r["column0"]));
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void A_headerless_csv_in_a_run_says_so_in_the_notes()
    {
        using var dir = new TempDir();
        dir.Write("run/returns.csv", "10,200\n20,210\n");

        var run = Runs.Load(dir.Path).Single();

        Assert.Equal(2, run.Scan().Records);
        Assert.Equal(410, run.Scan().Field("column1")!.Sum);
        Assert.Contains(run.Info.Notes, n => n.Contains("returns.csv", StringComparison.Ordinal) && n.Contains("column0", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_cells_are_reported_once_per_column_with_count_and_first_line()
    {
        using var dir = new TempDir();
        var path = dir.Write("a.csv", "step,loss,probs,note\n1,0.5,\"[0.1 0.1 0.1]\",\n2,0.4,\"[0.2 0.1 0.1]\",warm\n3,0.3,,\n");

        var result = CsvReading.Read(path);

        Assert.Equal(3, result.Rows.Count);
        Assert.Equal(2, result.Issues.Count);
        var probs = result.Issues[0];
        Assert.Equal((path, 2L), (probs.File, probs.Line!.Value));
        Assert.Equal("column 'probs': 2 cells are not a number (the first at line 2: \"[0.1 0.1 0.1]\"); kept as text in sampled rows, not as values", probs.Message);
        Assert.StartsWith("column 'note': 1 cell is not a number (the first at line 3: \"warm\")", result.Issues[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_of_only_text_cells_are_not_data_records()
    {
        using var dir = new TempDir();
        dir.Write("run/log.csv", "step,loss,phase\n1,0.5,train\n,,eval\n,,\n2,0.4,train\n");

        var scan = Runs.Load(dir.Path).Single().Scan();

        Assert.Equal(2, scan.Records);
        Assert.Equal(2, scan.SkippedByReason["no numeric cells"]);
        Assert.Contains(scan.Issues, i => i.Message.StartsWith("column 'phase': 3 cells", StringComparison.Ordinal));
    }
}
