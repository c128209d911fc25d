using System.Globalization;

namespace RunLens.Display;

/// <summary>
/// A column table: a header row and rows of text cells, every cell HTML-encoded by <see cref="HtmlWriter"/>.
/// Numeric columns are right-aligned. Cell text is made with <see cref="Cell"/> so numbers are invariant.
/// </summary>
internal sealed class HtmlTable
{
    private readonly (string Header, bool Numeric)[] _columns;
    private readonly List<string?[]> _rows = [];

    public HtmlTable(params (string Header, bool Numeric)[] columns) => _columns = columns;

    public int Count => _rows.Count;

    public HtmlTable Add(params string?[] cells)
    {
        if (cells.Length != _columns.Length)
            throw new ArgumentException($"A row needs {_columns.Length} cells, not {cells.Length}.", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    public void WriteTo(HtmlWriter html)
    {
        if (html.IsText)
        {
            html.Lines(ToText());
            return;
        }
        html.Open("table").Open("thead").Open("tr");
        foreach (var (header, numeric) in _columns)
            html.Element("th", header, numeric ? "num" : null);
        html.Close().Close().Open("tbody");
        foreach (var row in _rows)
        {
            html.Open("tr");
            for (var i = 0; i < row.Length; i++)
                html.Element("td", row[i], _columns[i].Numeric ? "num" : null);
            html.Close();
        }
        html.Close().Close();
    }

    // Aligned columns under a dashed rule: numbers to the right, text to the left, a missing cell empty.
    private string ToText()
    {
        var widths = _columns.Select((c, i) => Math.Max(c.Header.Length, _rows.Select(r => (r[i] ?? "").Length).DefaultIfEmpty(0).Max())).ToArray();
        string Row(IReadOnlyList<string?> cells) => string.Join("  ", cells.Select((cell, i) =>
            _columns[i].Numeric ? (cell ?? "").PadLeft(widths[i]) : (cell ?? "").PadRight(widths[i]))).TrimEnd();
        var lines = new List<string> { Row(_columns.Select(c => c.Header).ToArray()), string.Join("  ", widths.Select(w => new string('-', w))) };
        lines.AddRange(_rows.Select(Row));
        return string.Join('\n', lines);
    }
}

/// <summary>Cell text in invariant culture.</summary>
internal static class Cell
{
    public static string Of(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string? Of(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string Of(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    public static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.0##", CultureInfo.InvariantCulture);
}
