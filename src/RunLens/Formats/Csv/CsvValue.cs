using System.Globalization;
using System.Runtime.CompilerServices;
using RunLens.Formats.Numbers;

namespace RunLens.Formats.Csv;

/// <summary>What a CSV cell holds.</summary>
internal enum CsvValueKind
{
    /// <summary>An empty (or blank) cell: the column has no value in this row.</summary>
    Absent,

    /// <summary>A number (Python's <c>nan</c>/<c>inf</c> and <c>True</c>/<c>False</c> included).</summary>
    Number,

    /// <summary>Anything else: kept as text.</summary>
    Text,
}

/// <summary>Reads a cell's value the way the Python tools that write these files print them.</summary>
internal static class CsvValue
{
    /// <summary>
    /// Classifies a cell and parses its number. Numbers are read in the invariant culture (<c>1.5</c>,
    /// <c>-2e-05</c>); <c>nan</c>, <c>inf</c>, <c>-inf</c>, <c>Infinity</c> in any case are the IEEE values
    /// (Python's <c>str(float)</c> and pandas write them so); <c>True</c>/<c>False</c> (Python's <c>str(bool)</c>,
    /// SB3's <c>is_success</c>) are 1 and 0. Surrounding spaces are ignored.
    /// </summary>
    // Optimised from its first call (see CsvCells.Next).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CsvValueKind Parse(ReadOnlySpan<byte> cell, out double value)
    {
        value = 0;
        // Writers rarely pad cells: trim only when an end is blank (Trim's set search was 2% of a read).
        var trimmed = cell.Length > 0 && (cell[0] is (byte)' ' or (byte)'\t' || cell[^1] is (byte)' ' or (byte)'\t') ? cell.Trim(" \t"u8) : cell;
        if (trimmed.IsEmpty)
            return CsvValueKind.Absent;
        var first = trimmed[0];
        // Only cells that can start a number or one of the words go to the parser: text cells cost one compare.
        if (first is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.')
        {
            if (FastFloat.TryParse(trimmed, out value))
                return CsvValueKind.Number;
            if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                return CsvValueKind.Number;
            return Word(trimmed, out value) ? CsvValueKind.Number : CsvValueKind.Text;
        }
        return Word(trimmed, out value) ? CsvValueKind.Number : CsvValueKind.Text;
    }

    private static bool Word(ReadOnlySpan<byte> cell, out double value)
    {
        value = 0;
        if (cell.Length > 9)
            return false;
        var negative = cell[0] == '-';
        var word = cell[0] is (byte)'-' or (byte)'+' ? cell[1..] : cell;
        Span<byte> lower = stackalloc byte[9];
        var n = System.Text.Ascii.ToLower(word, lower, out var written);
        if (n != System.Buffers.OperationStatus.Done)
            return false;
        var text = lower[..written];
        if (text.SequenceEqual("nan"u8))
        {
            value = double.NaN;
            return true;
        }
        if (text.SequenceEqual("inf"u8) || text.SequenceEqual("infinity"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        if (word.Length == cell.Length && text.SequenceEqual("true"u8))
        {
            value = 1;
            return true;
        }
        if (word.Length == cell.Length && text.SequenceEqual("false"u8))
        {
            value = 0;
            return true;
        }
        return false;
    }
}
