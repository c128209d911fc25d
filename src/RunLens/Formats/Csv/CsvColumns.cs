using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RunLens.Loading;

namespace RunLens.Formats.Csv;

/// <summary>
/// What the first rows of a CSV file say about its columns, decided the same way by the reader (on its first
/// buffer) and by discovery (for the run's notes): whether the first row is a header, and which column is the x
/// axis when no column has a step name of the <see cref="FieldMap"/>.
/// </summary>
internal static partial class CsvColumns
{
    /// <summary>How many bytes discovery peeks at; the reader's first buffer is as large.</summary>

    /// <summary>
    /// Step and timestep counters as loggers name them, compared lowercased without separators on the name's last
    /// <c>/</c> part: <c>steps</c>, <c>timesteps</c>, <c>total_timesteps</c>, <c>env_steps</c>, <c>TotalSteps</c>,
    /// baselines' and stable-baselines' <c>TimestepsSoFar</c>, DDPG's <c>total/steps</c>, SAC's <c>total timesteps</c>.
    /// </summary>
    [GeneratedRegex(@"^(total|env|num|global|agent)?(time)?steps?(sofar|total|sampled|done)?$", RegexOptions.CultureInvariant)]
    private static partial Regex StepWords();

    /// <summary>True when the first row's cells are all numbers: the file has no header.</summary>
    public static bool IsHeaderless(ReadOnlySpan<byte> firstRow, ref byte[] scratch)
    {
        var cells = new CsvCells(firstRow);
        var count = 0;
        while (cells.Next(out var cell, out var escaped))
        {
            if (CsvValue.Parse(escaped ? CsvCells.Unescape(cell, ref scratch) : cell, out _) != CsvValueKind.Number)
                return false;
            count++;
        }
        return cells.Error is null && count > 0;
    }

    /// <summary>True when a column's name reads as a count of steps (see <see cref="StepWords"/>).</summary>
    public static bool IsStepName(string name)
    {
        var last = name[(name.LastIndexOf('/') + 1)..];
        var letters = new string(last.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return StepWords().IsMatch(letters);
    }

    /// <summary>
    /// The column that is the x axis by rule: among columns named like a step count (<see cref="IsStepName"/>),
    /// those whose values in <paramref name="rows"/> (the bytes after the header) are whole numbers that never go
    /// down, the one reaching the largest value (environment steps outrun update counts). -1 when none is.
    /// </summary>
    public static int StepColumn(IReadOnlyList<string> names, ReadOnlySpan<byte> rows, ref byte[] scratch)
    {
        var candidates = new List<int>();
        for (var i = 0; i < names.Count; i++)
        {
            if (IsStepName(names[i]))
                candidates.Add(i);
        }
        if (candidates.Count == 0)
            return -1;
        var last = new double[names.Count];
        var ok = new bool[names.Count];
        var seen = new bool[names.Count];
        foreach (var c in candidates)
            (last[c], ok[c]) = (double.NegativeInfinity, true);
        var lines = 0;
        foreach (var range in ByteLines.Of(rows))
        {
            // The last piece may be a row cut by the end of the buffer.
            if (range.End.Value == rows.Length && lines > 0)
                break;
            var line = rows[range].TrimEnd((byte)'\r');
            if (line.Trim(" \t"u8).IsEmpty)
                continue;
            lines++;
            var cells = new CsvCells(line);
            var column = 0;
            while (cells.Next(out var cell, out var escaped))
            {
                if (column < ok.Length && ok[column])
                {
                    var kind = CsvValue.Parse(escaped ? CsvCells.Unescape(cell, ref scratch) : cell, out var value);
                    if (kind == CsvValueKind.Text || kind == CsvValueKind.Number && (value != Math.Floor(value) || value < last[column]))
                        ok[column] = false;
                    else if (kind == CsvValueKind.Number)
                        (last[column], seen[column]) = (value, true);
                }
                column++;
            }
        }
        var best = -1;
        foreach (var c in candidates)
        {
            if (ok[c] && seen[c] && (best < 0 || last[c] > last[best]))
                best = c;
        }
        return best;
    }

    /// <summary>
    /// Notes for a run's CSV logs read in a way the user should know: a file without a header (its columns are
    /// <c>column0</c>, ...), and a file whose x axis is a column found by rule rather than by a step name of the map.
    /// </summary>
    public static List<string> Notes(IEnumerable<RunFile> files, string runDir, FieldMap map)
    {
        var notes = new List<string>();
        foreach (var file in files.Where(f => f.Format == FileFormats.Csv))
        {
            FileHead head;
            try
            {
                head = FileHead.Read(file.Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                continue;
            }
            using var lease = head;
            var relative = Path.GetRelativePath(runDir, file.Path).Replace('\\', '/');
            var span = head.Bytes;
            var end = span.IndexOf((byte)'\n');
            if (end < 0)
                continue;
            var first = span[..end].TrimEnd((byte)'\r');
            var scratch = new byte[256];
            if (IsHeaderless(first, ref scratch))
            {
                var columns = new CsvCells(first);
                var n = 0;
                while (columns.Next(out _, out _))
                    n++;
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{relative} has no header (its first row is numbers): its {n} columns are named column0..column{n - 1} and its first row is data."));
                continue;
            }
            var names = new List<string>();
            var cells = new CsvCells(first);
            while (cells.Next(out var cell, out var escaped))
                names.Add(Encoding.UTF8.GetString(escaped ? CsvCells.Unescape(cell, ref scratch) : cell).Trim());
            if (names.Any(n => map.StepRank(map.CanonicalWhole(n)) >= 0))
                continue;
            var step = StepColumn(names, span[(end + 1)..], ref scratch);
            if (step >= 0)
                notes.Add($"{relative}: its x axis is the column '{names[step]}' (named like a step count, whole numbers that never go down), not the row index.");
        }
        return notes;
    }
}
