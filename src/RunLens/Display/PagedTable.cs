using System.Globalization;
using System.Text;
using RunLens.Display;

namespace RunLens;

/// <summary>
/// A table too long to show whole, displayed a page at a time: a notebook shows its first page as a real HTML
/// table (readable where scripts do not run), says how many rows and columns there are, and carries at most
/// <see cref="MaxRows"/> rows as a JSON block that a small pager script pages through. A data frame of 10,000 rows
/// thus costs tens of kilobytes of output, not megabytes. Several tables on one page, and the same output shown
/// twice, page independently.
/// </summary>
/// <example><code>new PagedTable("scores", 3, [TableColumn.Text("run", ["a", "b", "c"]), TableColumn.Numbers("score", [1.5, 2, null])])</code></example>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed record PagedTable : IHtmlRenderable
{
    /// <summary>Rows per page unless told otherwise.</summary>
    public const int DefaultPageSize = 25;

    /// <summary>Rows carried into a page unless told otherwise.</summary>
    public const int DefaultMaxRows = 1_000;

    /// <summary>A table of <paramref name="rowCount"/> rows, of which the columns hold the first ones.</summary>
    /// <param name="title">What the table is, shown before its size (<c>DataFrame</c>, <c>Deedle frame</c>).</param>
    /// <param name="rowCount">How many rows the whole table has (the columns may hold only the first ones).</param>
    /// <param name="columns">The columns, each with the same number of cells, at most <paramref name="rowCount"/>.</param>
    /// <exception cref="ArgumentException">The columns differ in length or hold more rows than <paramref name="rowCount"/>.</exception>
    public PagedTable(string title, long rowCount, IReadOnlyList<TableColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        var held = columns.Count == 0 ? 0 : columns[0].Cells.Count;
        if (columns.Any(c => c.Cells.Count != held))
            throw new ArgumentException("Every column needs the same number of cells: " +
                string.Join(", ", columns.Select(c => c.Name + " has " + c.Cells.Count.ToString(CultureInfo.InvariantCulture))), nameof(columns));
        if (held > rowCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The columns hold {held} rows but the table has {rowCount}: give the whole table's row count."), nameof(rowCount));
        Title = title;
        RowCount = rowCount;
        Columns = columns;
    }

    /// <summary>What the table is, shown before its size.</summary>
    public string Title { get; init; }

    /// <summary>How many rows the whole table has.</summary>
    public long RowCount { get; }

    /// <summary>The columns; each holds the first <see cref="HeldRows"/> rows.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>Rows per page (at least 1).</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>
    /// At most this many rows go into the page for paging; the rest are counted, not shown, and the page says so
    /// (with <see cref="Note"/>).
    /// </summary>
    public int MaxRows { get; init; } = DefaultMaxRows;

    /// <summary>What to do to see rows beyond <see cref="MaxRows"/>, shown when there are some.</summary>
    public string? Note { get; init; }

    /// <summary>The rows the columns hold (the first ones of the table).</summary>
    public int HeldRows => Columns.Count == 0 ? 0 : Columns[0].Cells.Count;

    /// <summary>The rows that can be paged through: the held rows, at most <see cref="MaxRows"/>.</summary>
    public int ShownRows => (int)Math.Min(HeldRows, Math.Max(0, MaxRows));

    /// <summary>The first page as an HTML table, the size, and the shown rows as a JSON block for the pager.</summary>
    public string ToHtml() => PagedTableHtml.Render(this);

    /// <summary>The size, then the first 10 rows as aligned text columns.</summary>
    public override string ToString()
    {
        const int rows = 10, width = 24;
        var text = new StringBuilder(Summary());
        var shown = Math.Min(rows, ShownRows);
        List<string[]> cells = [["#", .. Columns.Select(c => Cut(c.Name, width))]];
        for (var r = 0; r < shown; r++)
            cells.Add([r.ToString(CultureInfo.InvariantCulture), .. Columns.Select(c => Cut(c.Cells[r] ?? "", width))]);
        var widths = Enumerable.Range(0, Columns.Count + 1).Select(i => cells.Max(row => row[i].Length)).ToArray();
        foreach (var row in cells)
        {
            var line = row.Select((cell, i) => i == 0 || Columns[i - 1].Numeric ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            text.Append('\n').Append(string.Join("  ", line).TrimEnd());
        }
        if (RowCount > shown)
            text.Append('\n').Append(string.Create(CultureInfo.InvariantCulture, $"... {RowCount - shown:N0} more rows"));
        return text.ToString();
    }

    /// <summary><c>DataFrame: 10,000 rows × 5 columns</c>.</summary>
    internal string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Title}: {RowCount:N0} {(RowCount == 1 ? "row" : "rows")} × {Columns.Count:N0} {(Columns.Count == 1 ? "column" : "columns")}");

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
