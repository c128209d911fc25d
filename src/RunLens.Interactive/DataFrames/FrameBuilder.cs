using System.Globalization;
using Microsoft.Data.Analysis;

namespace RunLens;

/// <summary>
/// Builds a <see cref="DataFrame"/> column by column with the column types every RunLens frame uses: text as
/// <see cref="StringDataFrameColumn"/>, steps and counts as <see cref="Int64DataFrameColumn"/>, numbers as
/// <see cref="DoubleDataFrameColumn"/> (NaN kept as NaN; null only where there is no value), flags as
/// <see cref="BooleanDataFrameColumn"/>. A name already taken gets a suffix, <c>seed (2)</c>, since a frame's
/// column names must be unique and a logged field may share its name with a fixed column.
/// </summary>
internal sealed class FrameBuilder
{
    private readonly List<DataFrameColumn> _columns = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public FrameBuilder Text(string name, IEnumerable<string?> values) => Add(new StringDataFrameColumn(Unique(name), values));

    public FrameBuilder Integers(string name, IEnumerable<long> values) => Add(new Int64DataFrameColumn(Unique(name), values));

    public FrameBuilder Integers(string name, IEnumerable<long?> values) => Add(new Int64DataFrameColumn(Unique(name), values));

    public FrameBuilder Numbers(string name, IEnumerable<double> values) => Add(new DoubleDataFrameColumn(Unique(name), values));

    public FrameBuilder Numbers(string name, IEnumerable<double?> values) => Add(new DoubleDataFrameColumn(Unique(name), values));

    public FrameBuilder Flags(string name, IEnumerable<bool?> values) => Add(new BooleanDataFrameColumn(Unique(name), values));

    /// <summary>
    /// Configuration values as one column: numbers when every present value is a number, flags when every one is a
    /// boolean, else text (<see cref="ConfigValue.ToString"/>: a list shows as <c>[64, 64]</c>); null where a row has
    /// no value or the config gave null (a data frame cell has one null).
    /// </summary>
    public FrameBuilder Config(string name, IReadOnlyList<ConfigValue?> values)
    {
        values = values.Select(v => v is { IsNull: true } ? null : v).ToList();
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        if (present.Count > 0 && present.All(v => v.Number is not null))
            return Numbers(name, values.Select(v => v?.Number));
        if (present.Count > 0 && present.All(v => v.Boolean is not null))
            return Flags(name, values.Select(v => v?.Boolean));
        return Text(name, values.Select(v => v?.ToString()));
    }

    public DataFrame Build() => new(_columns);

    private FrameBuilder Add(DataFrameColumn column)
    {
        _columns.Add(column);
        return this;
    }

    private string Unique(string name)
    {
        var unique = name;
        for (var n = 2; !_names.Add(unique); n++)
            unique = string.Create(CultureInfo.InvariantCulture, $"{name} ({n})");
        return unique;
    }
}
