using System.Globalization;
using RunLens.Loading;

namespace RunLens.Formats.Csv;

/// <summary>What the reader reports at the end of a file, and following a file that grows (<see cref="IFollowingReader"/>).</summary>
internal sealed partial class CsvRecordReader
{
    /// <inheritdoc />
    public bool CanFollow => true;

    /// <inheritdoc />
    public bool Following { get; set; }

    /// <inheritdoc />
    public bool Settled => _stepRuleSettled;

    /// <inheritdoc />
    public long PendingBytes => _end - _start;

    /// <inheritdoc />
    public void ReportEnd(ScanIssues issues)
    {
        if (!_textReported)
            WriteTextCells(issues);
    }

    /// <summary>
    /// At the end of the file: one issue per column that held text cells, with how many and the first one, so cells
    /// that are not numbers (Python reprs of lists and dicts, free text) are never dropped silently. Every parsed
    /// row counts, a malformed one (also reported on its own) too.
    /// </summary>
    private void ReportTextCells()
    {
        if (_textReported || !_options.ReportTextCells)
            return;
        _textReported = true;
        WriteTextCells(_issues);
    }

    private void WriteTextCells(ScanIssues issues)
    {
        if (!_options.ReportTextCells)
            return;
        for (var i = 0; i < _textCells.Length; i++)
        {
            if (_textCells[i] == 0)
                continue;
            var (line, offset, text) = _firstText[i];
            var sample = text.Length > 60 ? text[..59] + "…" : text;
            issues.Report(new LoadIssue(_path, offset, line, string.Create(CultureInfo.InvariantCulture,
                $"column '{_columnNames[i]}': {_textCells[i]} {(_textCells[i] == 1 ? "cell is" : "cells are")} not a number (the first at line {line}: \"{sample}\"); kept as text in sampled rows, not as values")));
        }
    }
}
