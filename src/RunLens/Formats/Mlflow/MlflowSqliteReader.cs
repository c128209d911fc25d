using System.Data.Common;
using Microsoft.Data.Sqlite;
using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Mlflow;

/// <summary>
/// Streams the metric points of one run (its <c>run_uuid</c>, held by its <see cref="MlflowSqliteSource"/>) from an MLflow SQLite store:
/// <c>SELECT key, value, timestamp, step, is_nan FROM metrics WHERE run_uuid = $id</c>, one record per row, by key,
/// step and time. The SQL store keeps NaN as 0 with <c>is_nan</c> set and ±infinity as ±<see cref="double.MaxValue"/>
/// (SqlAlchemyStore._get_metric_value_details): both are read back as what was logged. A record's offset is its row
/// number in this run's points (a database has no byte offsets); bad rows are reported with that number and skipped.
/// </summary>
internal sealed class MlflowSqliteReader : IRecordReader
{
    private readonly DbConnection _connection;
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;
    private readonly RunFile _file;
    private readonly string _runId;
    private readonly FieldTable _fields;
    private readonly ScanIssues _issues;
    private readonly bool _hasStep;
    private readonly bool _hasNaNFlag;
    private long _rows;
    private bool _done;
    private string? _key;
    private int _field;
    private readonly MlflowEmitter _emitter = new();

    public MlflowSqliteReader(SqliteConnection connection, RunFile file, string runId, FieldTable fields, ScanIssues issues)
    {
        _connection = connection;
        _file = file;
        _runId = runId;
        _fields = fields;
        _issues = issues;
        try
        {
            var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA table_info(metrics)";
                using var info = pragma.ExecuteReader();
                while (info.Read())
                    columns.Add(info.GetString(1));
            }
            // Very old stores have no step or is_nan column: every step is 0 and NaN was never stored.
            _hasStep = columns.Contains("step");
            _hasNaNFlag = columns.Contains("is_nan");
            var command = connection.CreateCommand();
            command.CommandText = "SELECT key, value, timestamp, " + (_hasStep ? "step" : "0") + ", " + (_hasNaNFlag ? "is_nan" : "0")
                + " FROM metrics WHERE run_uuid = $id ORDER BY key, " + (_hasStep ? "step, " : "") + "timestamp, value";
            command.Parameters.AddWithValue("$id", runId);
            _command = command;
            _reader = command.ExecuteReader();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A database is not read front to back: 0 until the run's rows are read, then the run's share of the file.</summary>
    public long DiskPosition => _done ? _file.Bytes : 0;

    public bool Read(RecordBuffer record, bool wantText)
    {
        while (!_done)
        {
            try
            {
                if (!_reader.Read())
                {
                    _done = true;
                    return false;
                }
            }
            catch (SqliteException ex)
            {
                _issues.Add(new LoadIssue(_file.Path, null, _rows + 1, $"cannot read run {_runId}'s metrics further: {ex.Message}; the rows before it loaded"), "unreadable data");
                _done = true;
                return false;
            }
            _rows++;
            if (Row() is { } point)
                return _emitter.Emit(record, wantText, point);
        }
        return false;
    }

    public bool ReadLastRecord(RecordBuffer record) => _emitter.EmitLast(record);

    /// <summary>The point of the current row, or null (reported) when the row is not one.</summary>
    private MlflowPoint? Row()
    {
        if (_reader.IsDBNull(0))
            return Skip("the key is NULL");
        var key = _reader.GetString(0);
        if (key != _key)
        {
            _key = key;
            _field = _fields.FlatField(key);
        }
        if (Number(1) is not { } value)
            return Skip($"the value of '{key}' is not a number");
        if (_hasNaNFlag && Number(4) is 1)
            value = double.NaN;
        else if (value == double.MaxValue)
            value = double.PositiveInfinity;
        else if (value == double.MinValue)
            value = double.NegativeInfinity;
        var step = _reader.IsDBNull(3) ? 0 : _reader.GetFieldType(3) == typeof(long) ? _reader.GetInt64(3)
            : Number(3) is { } s && Math.Abs(s) < 9.2e18 ? (long)s : 0;
        var wallTime = Number(2) is { } ms ? ms / 1000.0 : double.NaN;
        return new MlflowPoint(_rows, _field, step, value, wallTime);
    }

    private MlflowPoint? Skip(string why)
    {
        _issues.Add(new LoadIssue(_file.Path, null, _rows,
            FormattableString.Invariant($"metric row {_rows} of run {_runId}: {why}; row skipped")), "malformed MLflow metric row");
        return null;
    }

    /// <summary>A column of the current row as a number (SQLite columns hold whatever was stored); null when it is none.</summary>
    private double? Number(int column)
    {
        if (_reader.IsDBNull(column))
            return null;
        var type = _reader.GetFieldType(column);
        if (type == typeof(double))
            return _reader.GetDouble(column);
        if (type == typeof(long))
            return _reader.GetInt64(column);
        if (type == typeof(string))
            return PythonNumbers.TryParseFloat(_reader.GetString(column), out var parsed) ? parsed : null;
        return null;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _command.Dispose();
        _connection.Dispose();
    }
}
