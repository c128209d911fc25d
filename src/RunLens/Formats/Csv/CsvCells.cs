using System.Globalization;
using System.Runtime.CompilerServices;

namespace RunLens.Formats.Csv;

/// <summary>
/// Splits one CSV row (its bytes without the line end) into cells, RFC 4180 style: a cell starting with a quote
/// runs to the matching quote, a doubled quote inside it is one quote, and a quote anywhere else is an ordinary
/// character (as Python's <c>csv</c> module reads it). A quoted cell must be followed by a comma or the end of the
/// row; anything else makes the row malformed.
/// </summary>
internal ref struct CsvCells
{
    private readonly ReadOnlySpan<byte> _row;
    private int _position;

    public CsvCells(ReadOnlySpan<byte> row)
    {
        _row = row;
        _position = 0;
    }

    /// <summary>Why the row is malformed once <see cref="Next"/> returned false early, else null.</summary>
    public string? Error { get; private set; }

    /// <summary>Where in the row the problem is (a byte index), when <see cref="Error"/> is set.</summary>
    public int ErrorAt { get; private set; }

    /// <summary>
    /// The next cell's bytes (inside the quotes for a quoted cell); <paramref name="escaped"/> when it holds doubled
    /// quotes that <see cref="Unescape"/> must fold. False after the last cell, or at a malformed cell.
    /// </summary>
    // Optimised from its first call: a scan of a few hundred MB otherwise spends a noticeable part of it in the
    // unoptimised and instrumented tiers of this method, which has no loop to make the JIT optimise it at once.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out ReadOnlySpan<byte> cell, out bool escaped)
    {
        escaped = false;
        cell = default;
        if (_position > _row.Length || Error is not null)
            return false;
        if (_position < _row.Length && _row[_position] == '"')
            return NextQuoted(out cell, out escaped);
        var rest = _row[_position..];
        var comma = rest.IndexOf((byte)',');
        if (comma < 0)
        {
            cell = rest;
            _position = _row.Length + 1;
            return true;
        }
        cell = rest[..comma];
        _position += comma + 1;
        return true;
    }

    private bool NextQuoted(out ReadOnlySpan<byte> cell, out bool escaped)
    {
        escaped = false;
        cell = default;
        var open = _position;
        var i = open + 1;
        while (true)
        {
            var found = _row[i..].IndexOf((byte)'"');
            if (found < 0)
            {
                (Error, ErrorAt) = ("a quoted cell is not closed", open);
                return false;
            }
            i += found;
            if (i + 1 < _row.Length && _row[i + 1] == '"')
            {
                escaped = true;
                i += 2;
                continue;
            }
            break;
        }
        cell = _row[(open + 1)..i];
        var after = i + 1;
        if (after == _row.Length)
        {
            _position = _row.Length + 1;
            return true;
        }
        if (_row[after] == ',')
        {
            _position = after + 1;
            return true;
        }
        (Error, ErrorAt) = (string.Create(CultureInfo.InvariantCulture,
            $"a quoted cell is followed by '{Printable(_row[after])}' instead of a comma or the end of the row"), after);
        return false;
    }

    /// <summary>A quoted cell's text with its doubled quotes folded, in <paramref name="scratch"/> (grown as needed).</summary>
    public static ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> cell, ref byte[] scratch)
    {
        if (scratch.Length < cell.Length)
            scratch = new byte[Math.Max(cell.Length, scratch.Length * 2)];
        var written = 0;
        for (var i = 0; i < cell.Length; i++)
        {
            scratch[written++] = cell[i];
            if (cell[i] == '"' && i + 1 < cell.Length && cell[i + 1] == '"')
                i++;
        }
        return scratch.AsSpan(0, written);
    }

    private static string Printable(byte b) => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : string.Create(CultureInfo.InvariantCulture, $"\\x{b:X2}");
}
