using Deedle;

namespace RunLens;

/// <summary>How a Deedle frame shows in a notebook: as a RunLens <see cref="PagedTable"/>.</summary>
public static class DeedleDisplay
{
    /// <summary>
    /// Any Deedle frame as a paged table: a <c>key</c> column with the row keys, then its columns; at most
    /// <paramref name="maxRows"/> rows are read and can be paged through, and the header gives the whole frame's rows ×
    /// columns. Missing values are empty cells; numbers are exact and invariant (see <see cref="TableColumn.Format"/>).
    /// </summary>
    /// <param name="frame">A frame, e.g. <c>runs.ToFrame("rewards.total")</c>.</param>
    /// <param name="maxRows">How many rows to carry into the page.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is negative.</exception>
    /// <example><code>runs.ToFrame("rewards.total").ToPagedTable(maxRows: 5_000)</code></example>
    public static PagedTable ToPagedTable(this IFrame frame, int maxRows = PagedTable.DefaultMaxRows)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        return frame.Apply(new TableOf(maxRows));
    }

    // IFrame is Deedle's non-generic view of Frame<R, C>: its visitor gives back the typed frame.
    private sealed class TableOf(int maxRows) : IFrameOperation<PagedTable>
    {
        public PagedTable Invoke<R, C>(Frame<R, C> frame)
        {
            var held = Math.Min(frame.RowCount, maxRows);
            var columns = new List<TableColumn> { TableColumn.Values("key", frame.RowKeys.Take(held).Cast<object?>(), IsNumeric(typeof(R))) };
            var types = frame.ColumnTypes.ToList();
            var c = 0;
            foreach (var key in frame.ColumnKeys)
            {
                var column = frame.GetColumnAt<object>(c);
                var cells = Enumerable.Range(0, held).Select(r => column.TryGetAt(r) is { HasValue: true } v ? v.Value : null);
                columns.Add(TableColumn.Values(TableColumn.Format(key) ?? "", cells, IsNumeric(types[c])));
                c++;
            }
            return new PagedTable("Deedle frame", frame.RowCount, columns)
            {
                MaxRows = maxRows,
                Note = "To see others, display a slice (frame.Rows.Between(a, b) or frame.GetSubrange) or page through more with frame.ToPagedTable(maxRows: 10000).",
            };
        }

        private static bool IsNumeric(Type type) => Type.GetTypeCode(type) is >= TypeCode.SByte and <= TypeCode.Decimal;
    }
}
