using System.Globalization;

namespace RunLens;

/// <summary>
/// One column of a <see cref="PagedTable"/>: a name and the text of its cells, formatted once in invariant culture.
/// Make one with <see cref="Numbers"/>, <see cref="Integers"/>, <see cref="Text"/> or <see cref="Values"/>, which all
/// format values the same way (see <see cref="Format"/>).
/// </summary>
/// <param name="Name">The header.</param>
/// <param name="Numeric">True to right-align the column (numbers).</param>
/// <param name="Cells">The cell texts, first row first; null is a missing value (an empty cell).</param>
public sealed record TableColumn(string Name, bool Numeric, IReadOnlyList<string?> Cells)
{
    /// <summary>A numeric column; null is a missing value, NaN shows as <c>NaN</c>.</summary>
    public static TableColumn Numbers(string name, IEnumerable<double?> values) =>
        new(name, true, values.Select(v => v is { } x ? Format(x) : null).ToList());

    /// <summary>An integer column; null is a missing value.</summary>
    public static TableColumn Integers(string name, IEnumerable<long?> values) =>
        new(name, true, values.Select(v => v?.ToString(CultureInfo.InvariantCulture)).ToList());

    /// <summary>A text column; null is a missing value.</summary>
    public static TableColumn Text(string name, IEnumerable<string?> values) => new(name, false, values.ToList());

    /// <summary>A column of any values, each shown as <see cref="Format"/> gives it.</summary>
    /// <param name="name">The header.</param>
    /// <param name="values">The values; null is a missing value.</param>
    /// <param name="numeric">True to right-align the column.</param>
    public static TableColumn Values(string name, IEnumerable<object?> values, bool numeric) =>
        new(name, numeric, values.Select(Format).ToList());

    /// <summary>
    /// How a value shows in a table, in invariant culture: a double or float as the shortest text that reads back as
    /// the same value (<c>0.1</c>, <c>1E-05</c>, <c>NaN</c>, <c>Infinity</c>), so a cell never hides digits; integers
    /// in full without separators; booleans as <c>true</c>/<c>false</c>; dates as ISO 8601; null as null.
    /// </summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString(CultureInfo.InvariantCulture),
        float f => f.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTime t => t.ToString("o", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("o", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
