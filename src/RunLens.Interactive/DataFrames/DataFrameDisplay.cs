using System.Globalization;
using Microsoft.Data.Analysis;

namespace RunLens;

/// <summary>How a <see cref="DataFrame"/> shows in a notebook: as a <see cref="PagedTable"/>.</summary>
public static class DataFrameDisplay
{
    /// <summary>
    /// The frame as a paged table: its first <paramref name="maxRows"/> rows (at most) can be paged through 25 at a
    /// time, and the header gives the whole frame's rows × columns. Numeric columns are right-aligned; values are
    /// shown exactly in invariant culture (see <see cref="TableColumn.Format"/>); null is an empty cell, NaN shows as
    /// <c>NaN</c>. Only the shown rows are read, so a frame of millions of rows displays at once.
    /// </summary>
    /// <param name="frame">Any data frame.</param>
    /// <param name="maxRows">How many rows to carry into the page; raise it to page further (the page grows about
    /// 10 bytes per cell).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is negative.</exception>
    /// <example><code>run.ToDataFrame().ToPagedTable(maxRows: 5_000)</code></example>
    public static PagedTable ToPagedTable(this DataFrame frame, int maxRows = PagedTable.DefaultMaxRows)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        var rows = frame.Rows.Count;
        var held = (int)Math.Min(rows, maxRows);
        var columns = frame.Columns.Select(c => TableColumn.Values(c.Name, Head(c, held), c.IsNumericColumn())).ToList();
        return new PagedTable("DataFrame", rows, columns)
        {
            MaxRows = maxRows,
            Note = string.Create(CultureInfo.InvariantCulture,
                $"To see others, display a slice (df.Tail(100), df.Filter(df[\"step\"].ElementwiseGreaterThanOrEqual(5000))) or page through more with df.ToPagedTable(maxRows: {Math.Max(maxRows * 10L, 10_000)})."),
        };
    }

    private static IEnumerable<object?> Head(DataFrameColumn column, int rows)
    {
        for (long r = 0; r < rows; r++)
            yield return column[r];
    }
}
