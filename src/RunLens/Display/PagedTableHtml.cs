using System.Globalization;
using System.Text.Json.Serialization;

namespace RunLens.Display;

/// <summary>
/// The HTML of a <see cref="PagedTable"/>: the summary, a note when rows are left out, the first page as a real table,
/// and, when there is more than one page, an empty pager, the shown rows as a JSON block and the pager script
/// (<c>Assets/table.js</c>). Every part sits inside the table's container, which the script finds by class, so no
/// element id is needed and a copy of the output pages on its own.
/// </summary>
internal static class PagedTableHtml
{
    public static string Render(PagedTable table)
    {
        var pageSize = Math.Max(1, table.PageSize);
        var shown = table.ShownRows;
        var html = new HtmlWriter().Open("div", "runlens runlens-table").Stylesheet();
        html.Element("div", table.Summary(), "runlens-summary");
        if (table.RowCount > shown)
            html.Element("div", LeftOut(table, shown), "runlens-table-note");
        html.Open("div", "runlens-table-scroll").Open("table").Open("thead").Open("tr");
        html.Element("th", "#", "num runlens-index");
        foreach (var column in table.Columns)
            html.Element("th", column.Name, column.Numeric ? "num" : null);
        html.Close().Close().Open("tbody");
        for (var r = 0; r < Math.Min(pageSize, shown); r++)
        {
            html.Open("tr").Element("td", r.ToString(CultureInfo.InvariantCulture), "num runlens-index");
            foreach (var column in table.Columns)
                html.Element("td", column.Cells[r], column.Numeric ? "num" : null);
            html.Close();
        }
        html.Close().Close().Close();
        if (shown > pageSize)
        {
            html.Element("div", null, "runlens-pager");
            html.JsonBlock("runlens-table-data", Data(table, pageSize, shown), TableJsonContext.Default.TableData);
            html.Script(Assets.TableJs);
        }
        return html.Close().ToString();
    }

    private static string LeftOut(PagedTable table, int shown) =>
        (shown == 0
            ? string.Create(CultureInfo.InvariantCulture, $"None of the {table.RowCount:N0} rows is shown here.")
            : string.Create(CultureInfo.InvariantCulture, $"Rows 1–{shown:N0} of {table.RowCount:N0} are shown here."))
        + (table.Note is { } note ? " " + note : "");

    private static TableData Data(PagedTable table, int pageSize, int shown)
    {
        var cells = new string?[shown][];
        for (var r = 0; r < shown; r++)
        {
            var row = new string?[table.Columns.Count];
            for (var c = 0; c < row.Length; c++)
                row[c] = table.Columns[c].Cells[r];
            cells[r] = row;
        }
        return new TableData(pageSize, table.RowCount, table.Columns.Select(c => new TableDataColumn(c.Name, c.Numeric)).ToList(), cells);
    }
}

/// <summary>What the pager script reads: page size, the whole table's row count, the columns and the shown rows'
/// cell texts, row by row (null: a missing value).</summary>
internal sealed record TableData(int PageSize, long Rows, IReadOnlyList<TableDataColumn> Columns, IReadOnlyList<string?[]> Cells);

/// <summary>A column's header and alignment.</summary>
internal sealed record TableDataColumn(string Name, bool Numeric);

/// <summary>The pager's JSON: camelCase names, the default (escaping) encoder so the block cannot close early.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TableData))]
internal sealed partial class TableJsonContext : JsonSerializerContext;
