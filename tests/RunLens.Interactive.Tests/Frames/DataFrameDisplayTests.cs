using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using Xunit.Abstractions;

namespace RunLens.Interactive.Tests.Frames;

public partial class DataFrameDisplayTests(ITestOutputHelper output)
{
    /// <summary>Row i: step 1000 i, value i / 8 (NaN at row 3, null at row 4), run "r{i % 3}", flag i even.</summary>
    internal static DataFrame Frame(int rows) => new(
        new Int64DataFrameColumn("step", Enumerable.Range(0, rows).Select(i => 1000L * i)),
        new DoubleDataFrameColumn("value", Enumerable.Range(0, rows).Select(i => i switch { 3 => double.NaN, 4 => (double?)null, _ => i / 8.0 })),
        new StringDataFrameColumn("run", Enumerable.Range(0, rows).Select(i => "r" + (i % 3))),
        new BooleanDataFrameColumn("even", Enumerable.Range(0, rows).Select(i => i % 2 == 0)));

    [Fact]
    public void A_ten_thousand_row_frame_shows_its_first_page_its_size_and_carries_a_thousand_rows()
    {
        var frame = Frame(10_000);

        var watch = Stopwatch.StartNew();
        var table = frame.ToPagedTable();
        var html = table.ToHtml();
        watch.Stop();
        output.WriteLine($"10,000 x 4 DataFrame: paged table and HTML in {watch.Elapsed.TotalMilliseconds:0} ms, {html.Length:N0} characters");

        Assert.Equal(10_000, table.RowCount);
        Assert.Equal(1_000, table.HeldRows);
        Assert.Contains("DataFrame: 10,000 rows &#215; 4 columns", html, StringComparison.Ordinal);
        Assert.Contains("<th class=\"num\">step</th><th class=\"num\">value</th><th>run</th><th>even</th>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td class=\"num runlens-index\">1</td><td class=\"num\">1000</td><td class=\"num\">0.125</td><td>r1</td><td>false</td></tr>",
            html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">3000</td><td class=\"num\">NaN</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">4000</td><td class=\"num\"></td>", html, StringComparison.Ordinal);
        Assert.Contains("df.Tail(100)", html, StringComparison.Ordinal);
        var json = Regex.Match(html, "<script type=\"application/json\" class=\"runlens-table-data\">(.*?)</script>").Groups[1].Value;
        var data = JsonDocument.Parse(json).RootElement;
        Assert.Equal(1_000, data.GetProperty("cells").GetArrayLength());
        Assert.Equal(["999000", "124.875", "r0", "false"], data.GetProperty("cells")[999].EnumerateArray().Select(c => c.GetString()));
        Assert.InRange(html.Length, 10_000, 100_000);
    }

    [Fact]
    public void A_frame_shows_as_many_rows_as_asked_and_a_small_frame_needs_no_pager()
    {
        Assert.Equal(5_000, Frame(10_000).ToPagedTable(maxRows: 5_000).ShownRows);
        var small = Frame(3).ToPagedTable().ToHtml();
        Assert.DoesNotContain("<script", small, StringComparison.Ordinal);
        Assert.Contains("DataFrame: 3 rows &#215; 4 columns", small, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_types_become_aligned_exact_invariant_cells()
    {
        var frame = new DataFrame(
            new SingleDataFrameColumn("f", [0.1f]),
            new Int32DataFrameColumn("i", [-7]),
            new DecimalDataFrameColumn("m", [12.5m]),
            new DateTimeDataFrameColumn("t", [new DateTime(2025, 7, 26, 13, 7, 14, DateTimeKind.Utc)]),
            new CharDataFrameColumn("c", ['x']));

        var table = frame.ToPagedTable();

        Assert.Equal(["0.1", "-7", "12.5", "2025-07-26T13:07:14.0000000Z", "x"], table.Columns.Select(c => c.Cells[0]));
        Assert.Equal([true, true, true, false, false], table.Columns.Select(c => c.Numeric));
    }

    [Fact]
    public void A_run_frame_displays_through_the_same_table()
    {
        using var dir = new TestSupport.TempDir();
        var frame = FrameFixtures.TwoRuns(dir).ToDataFrame(["rewards.total"]);

        var text = frame.ToPagedTable().ToString();

        Assert.StartsWith("DataFrame: 7 rows × 5 columns\n#  run  metric         step  value  wall_time\n0  a    rewards.total     0    1.5      100.5", text, StringComparison.Ordinal);
    }
}
