using System.Globalization;
using System.Text;

namespace RunLens.Formats.Csv;

/// <summary>The header row: its names, repeated headers (a restarted logger), headerless numeric files.</summary>
internal sealed partial class CsvRecordReader
{
    private Outcome ReadHeader(ReadOnlySpan<byte> row, bool unclosed, int rowStart)
    {
        var names = new List<string>();
        var cells = new CsvCells(row);
        var numbers = 0;
        while (cells.Next(out var cell, out var escaped))
        {
            var text = escaped ? CsvCells.Unescape(cell, ref _scratch) : cell;
            if (CsvValue.Parse(text, out _) == CsvValueKind.Number)
                numbers++;
            names.Add(Encoding.UTF8.GetString(text).Trim());
        }
        var error = cells.Error ?? (unclosed ? "a quoted cell is not closed before the end of the file" : null);
        if (error is not null)
        {
            _issues.Add(new LoadIssue(_path, Offset(rowStart), _line, $"the header row is malformed: {error}; without column names the file is skipped"), Malformed);
            return Outcome.Stop;
        }
        // A first row of numbers only is data: no writer names its columns 0.5 or 3.
        Headerless = numbers == names.Count && !_options.LeadingComments;
        // A headerless file has no header to repeat: an empty one never equals a (non-blank) row.
        _header = Headerless ? [] : row.ToArray();
        _columns = new int[names.Count];
        _columnNames = new string[names.Count];
        _textCells = new int[names.Count];
        _firstText = new (long, long, string)[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var name = Headerless ? string.Create(CultureInfo.InvariantCulture, $"column{i}") : names[i];
            if (name.Length == 0)
            {
                if (i == 0)
                {
                    // pandas' to_csv writes its row index under an empty name: a row number, not a metric.
                    (_columns[i], _columnNames[i]) = (-1, "");
                    continue;
                }
                name = string.Create(CultureInfo.InvariantCulture, $"column{i + 1}");
            }
            if (_options.ColumnName is { } rename)
                name = rename(name);
            if (Array.IndexOf(_columnNames, name, 0, i) >= 0)
                name = Deduplicate(name, i, rowStart);
            _columnNames[i] = name;
            _columns[i] = _fields.FlatField(name);
        }
        var hasStepName = false;
        foreach (var id in _columns)
            hasStepName |= id >= 0 && _fields.StepRank(id) >= 0;
        if (!Headerless && !hasStepName)
        {
            // No column has a step name of the map (stable-baselines' TimestepsSoFar, env_steps): find the x axis by
            // rule in the rows already buffered, so it is never the row index when the file has a step count.
            var after = rowStart + row.Length;
            StepColumn = CsvColumns.StepColumn(_columnNames, _buffer.AsSpan(after, _end - after), ref _scratch);
            // Decided from fewer rows than a full read of a longer file would see: a followed file that grows is
            // read again from its start until the rule had a full buffer.
            _stepRuleSettled = _eof || _end == _buffer.Length || !Following;
        }
        return Headerless ? Outcome.Row : Outcome.Skip;
    }

    /// <summary>
    /// A column name the header gives twice would map both columns to one field, and the earlier one's values would
    /// vanish. pandas' read_csv (what SB3's load_results uses) names the second <c>loss.1</c>, the third <c>loss.2</c>;
    /// so do we, and say so.
    /// </summary>
    private string Deduplicate(string name, int column, int rowStart)
    {
        var n = 1;
        string renamed;
        while (Array.IndexOf(_columnNames, renamed = string.Create(CultureInfo.InvariantCulture, $"{name}.{n}"), 0, column) >= 0)
            n++;
        _issues.Report(new LoadIssue(_path, Offset(rowStart), _line, string.Create(CultureInfo.InvariantCulture,
            $"the header names column '{name}' more than once; column {column + 1} is read as '{renamed}', as pandas reads it")));
        return renamed;
    }
}
