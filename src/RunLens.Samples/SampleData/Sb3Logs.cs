using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RunLens.Samples;

/// <summary>
/// Writes one environment's Stable-Baselines3 <c>Monitor</c> file: a <c>#</c> line with a JSON header
/// (<c>t_start</c>, <c>env_id</c>), then <c>r,l,t</c> and a row per finished episode. Like SB3's
/// <c>ResultsWriter</c>, the header line ends in <c>\n</c> and the rows, written by Python's <c>csv.DictWriter</c>,
/// in <c>\r\n</c>; <c>r</c> and <c>t</c> are rounded to 6 digits and printed as Python's <c>repr</c> does.
/// </summary>
internal sealed class Sb3MonitorWriter : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _file;

    public Sb3MonitorWriter(string path, double tStart, string envId)
    {
        _file = new StreamWriter(path, append: false, Utf8) { NewLine = "\r\n" };
        // SB3 writes json.dumps' spaced layout; this header is the same JSON, compact, as System.Text.Json writes it.
        var header = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WritePropertyName("t_start");
            // json.dumps prints a float as repr does (1754319600.0), where Utf8JsonWriter would drop the ".0".
            json.WriteRawValue(PythonFloat.Repr(tStart));
            json.WriteString("env_id", envId);
            json.WriteEndObject();
        }
        _file.Write('#');
        _file.Write(Utf8.GetString(header.WrittenSpan));
        _file.Write('\n');
        _file.WriteLine("r,l,t");
    }

    /// <summary>One finished episode: its return, length and end time in seconds since <c>t_start</c>.</summary>
    public void Episode(double episodeReturn, int length, double seconds) =>
        _file.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{PythonFloat.Repr(Math.Round(episodeReturn, 6))},{length},{PythonFloat.Repr(Math.Round(seconds, 6))}"));

    public void Dispose() => _file.Dispose();
}

/// <summary>
/// Writes a <c>progress.csv</c> the way SB3's <c>CSVOutputFormat</c> does: one row per <c>dump</c>, cells printed
/// with Python's <c>str</c>, a key absent from a dump left empty. A dump with keys not seen before appends them as
/// columns and rewrites the earlier rows with empty cells for them (SB3 appends them in set order, which depends on
/// Python's string hashing; here they are appended sorted, so the file is the same on every run). The rows are kept
/// in memory and written by <see cref="Save"/>, which gives the same bytes as rewriting as SB3 does.
/// </summary>
internal sealed class Sb3ProgressCsv
{
    private readonly List<string> _keys = [];
    private readonly List<Dictionary<string, string>> _rows = [];
    private readonly Dictionary<string, string> _pending = new(StringComparer.Ordinal);

    /// <summary>SB3's <c>logger.record</c> of a float: <c>str(float)</c>, which is its <c>repr</c>.</summary>
    public void Record(string key, double value) => _pending[key] = PythonFloat.Repr(value);

    /// <summary>SB3's <c>logger.record</c> of an int.</summary>
    public void Record(string key, long value) => _pending[key] = value.ToString(CultureInfo.InvariantCulture);

    /// <summary>SB3's <c>logger.dump</c>: the recorded values become a row and are cleared.</summary>
    public void Dump()
    {
        var extra = _pending.Keys.Where(k => !_keys.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        _keys.AddRange(extra);
        _rows.Add(new Dictionary<string, string>(_pending, StringComparer.Ordinal));
        _pending.Clear();
    }

    /// <summary>Writes the header (every key, in the order they appeared) and every row to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        using var file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        file.WriteLine(string.Join(',', _keys));
        foreach (var row in _rows)
            file.WriteLine(string.Join(',', _keys.Select(k => row.GetValueOrDefault(k, ""))));
    }
}
