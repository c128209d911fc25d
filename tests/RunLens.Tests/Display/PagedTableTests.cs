using System.Text.Json;
using System.Text.RegularExpressions;

namespace RunLens.Tests.Display;

public partial class PagedTableTests
{
    /// <summary>Rows i = 0..n-1: step i, value i / 4 (exact in binary), name "r{i}".</summary>
    private static PagedTable Table(long rows, int held) => new("frame", rows,
    [
        TableColumn.Integers("step", Enumerable.Range(0, held).Select(i => (long?)i)),
        TableColumn.Numbers("value", Enumerable.Range(0, held).Select(i => (double?)(i / 4.0))),
        TableColumn.Text("name", Enumerable.Range(0, held).Select(i => (string?)("r" + i))),
    ]);

    private static JsonElement JsonBlock(string html)
    {
        var block = JsonBlockPattern().Match(html);
        Assert.True(block.Success, "no JSON block in the HTML");
        return JsonDocument.Parse(block.Groups[1].Value).RootElement.Clone();
    }

    [Fact]
    public void The_first_page_is_a_real_table_under_a_header_that_gives_rows_times_columns()
    {
        var html = Table(10_000, 1_000).ToHtml();

        Assert.Contains("<div class=\"runlens-summary\">frame: 10,000 rows &#215; 3 columns</div>", html, StringComparison.Ordinal);
        Assert.Contains("<thead><tr><th class=\"num runlens-index\">#</th><th class=\"num\">step</th><th class=\"num\">value</th><th>name</th></tr></thead>",
            html, StringComparison.Ordinal);
        var body = Regex.Match(html, "<tbody>(.*?)</tbody>").Groups[1].Value;
        Assert.Equal(PagedTable.DefaultPageSize, Regex.Matches(body, "<tr>").Count);
        Assert.StartsWith("<tr><td class=\"num runlens-index\">0</td><td class=\"num\">0</td><td class=\"num\">0</td><td>r0</td></tr>"
            + "<tr><td class=\"num runlens-index\">1</td><td class=\"num\">1</td><td class=\"num\">0.25</td><td>r1</td></tr>", body, StringComparison.Ordinal);
        Assert.EndsWith("<td class=\"num\">24</td><td class=\"num\">6</td><td>r24</td></tr>", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_block_carries_at_most_max_rows_and_the_whole_row_count()
    {
        var table = Table(10_000, 10_000) with { MaxRows = 1_000, Note = "Take a slice to see others." };

        var html = table.ToHtml();
        var data = JsonBlock(html);

        Assert.Equal(10_000, data.GetProperty("rows").GetInt64());
        Assert.Equal(25, data.GetProperty("pageSize").GetInt32());
        Assert.Equal(1_000, data.GetProperty("cells").GetArrayLength());
        Assert.Equal(["999", "249.75", "r999"], data.GetProperty("cells")[999].EnumerateArray().Select(c => c.GetString()));
        Assert.Equal([("step", true), ("value", true), ("name", false)],
            data.GetProperty("columns").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("numeric").GetBoolean())));
        Assert.Contains("<div class=\"runlens-table-note\">Rows 1–1,000 of 10,000 are shown here. Take a slice to see others.</div>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"runlens-pager\"></div>", html, StringComparison.Ordinal);
        // 1,000 rows of three short cells: tens of kilobytes with the stylesheet and script, not megabytes.
        Assert.InRange(html.Length, 20_000, 80_000);
    }

    [Fact]
    public void A_table_that_fits_one_page_has_no_pager_script_or_json()
    {
        var html = Table(25, 25).ToHtml();

        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<div class=\"runlens-pager\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<div class=\"runlens-table-note\">", html, StringComparison.Ordinal);
        Assert.Equal(25, Regex.Matches(html, "<tr><td").Count);
    }

    [Fact]
    public void Markup_in_names_and_cells_is_text_in_the_table_and_cannot_close_the_json_block()
    {
        const string hostile = "</script><script>alert(1)</script>";
        var column = TableColumn.Text(hostile, Enumerable.Repeat<string?>(hostile, 30));

        var html = new PagedTable(hostile, 30, [column]).ToHtml();

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>", html, StringComparison.Ordinal);
        Assert.Equal(hostile, JsonBlock(html).GetProperty("cells")[29][0].GetString());
        Assert.Equal(2, Regex.Matches(html, "</script>").Count);
    }

    [Fact]
    public void Missing_values_are_empty_cells_and_nan_stays_visible()
    {
        var table = new PagedTable("t", 40, [TableColumn.Numbers("x", Enumerable.Range(0, 40).Select(i => i switch { 0 => null, 1 => double.NaN, _ => (double?)i }))]);

        var html = table.ToHtml();
        var cells = JsonBlock(html).GetProperty("cells");

        Assert.Contains("<td class=\"num runlens-index\">0</td><td class=\"num\"></td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num runlens-index\">1</td><td class=\"num\">NaN</td>", html, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, cells[0][0].ValueKind);
        Assert.Equal("NaN", cells[1][0].GetString());
    }

    [Fact]
    public void Values_are_formatted_in_invariant_culture_and_read_back_exactly()
    {
        using var culture = new CultureScope("de-DE");

        Assert.Equal("1.5", TableColumn.Format(1.5));
        Assert.Equal("0.1", TableColumn.Format(0.1));
        Assert.Equal("0.30000000000000004", TableColumn.Format(0.1 + 0.2));
        Assert.Equal("1E-05", TableColumn.Format(1e-5));
        Assert.Equal("0.1", TableColumn.Format(0.1f));
        Assert.Equal("1234567", TableColumn.Format(1_234_567L));
        Assert.Equal("-Infinity", TableColumn.Format(double.NegativeInfinity));
        Assert.Equal("true", TableColumn.Format(true));
        Assert.Equal("2025-07-26T13:07:14.0000000Z", TableColumn.Format(new DateTime(2025, 7, 26, 13, 7, 14, DateTimeKind.Utc)));
        Assert.Equal("12.5", TableColumn.Format(12.5m));
        Assert.Null(TableColumn.Format(null));
        Assert.Contains("frame: 10,000 rows &#215; 3 columns", Table(10_000, 100).ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_of_different_lengths_or_more_rows_than_the_table_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PagedTable("t", 5, [TableColumn.Text("a", ["x"]), TableColumn.Text("b", ["x", "y"])]));
        Assert.Contains("a has 1, b has 2", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PagedTable("t", 1, [TableColumn.Text("a", ["x", "y"])]));
    }

    [Fact]
    public void Plain_text_gives_the_size_and_the_first_ten_rows_aligned()
    {
        var text = Table(10_000, 1_000).ToString();

        Assert.Equal("""
            frame: 10,000 rows × 3 columns
            #  step  value  name
            0     0      0  r0
            1     1   0.25  r1
            2     2    0.5  r2
            3     3   0.75  r3
            4     4      1  r4
            5     5   1.25  r5
            6     6    1.5  r6
            7     7   1.75  r7
            8     8      2  r8
            9     9   2.25  r9
            ... 9,990 more rows
            """, text);
    }

    [Fact]
    public void The_pager_script_finds_its_elements_inside_its_container_never_by_id()
    {
        var html = Table(100, 100).ToHtml();

        Assert.DoesNotContain(" id=", html, StringComparison.Ordinal);
        Assert.Contains(".runlens-table:not([data-runlens-state])", html, StringComparison.Ordinal);
        Assert.DoesNotContain("getElementById", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script type=\"application/json\" class=\"runlens-table-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonBlockPattern();
}
