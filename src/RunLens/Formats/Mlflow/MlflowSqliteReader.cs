using Microsoft.Data.Sqlite;
using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Mlflow;

/// <summary>
/// Streams the metric points of one run (its <c>run_uuid</c>, held by its <see cref="MlflowSqliteSource"/>) from an MLflow SQLite store:
/// <c>SELECT key, value, timestamp, step, is_nan FROM metrics WHERE run_uuid = $id ORDER BY rowid</c>, one record per
/// row, in the order the rows were inserted. The SQL store keeps NaN as 0 with <c>is_nan</c> set and ±infinity as
/// ±<see cref="double.MaxValue"/> (SqlAlchemyStore._get_metric_value_details): both are read back as what was logged. A
/// record's offset is its row number in this run's points (a database has no byte offsets); bad rows are reported with
/// that number and skipped.
/// </summary>
/// <remarks>
/// <para>Why insertion order: MLflow gives a run's points no order of its own. <c>SqlAlchemyStore.get_metric_history</c>
/// is <c>session.query(SqlMetric).filter_by(run_uuid=..., key=...).all()</c> with no <c>ORDER BY</c> (whatever order the
/// query plan gives; its clients sort by step), and the <c>metrics</c> table's primary key (key, timestamp, step,
/// run_uuid, value, is_nan) is a uniqueness constraint, not an order. The table is an ordinary rowid table (the
/// migrations never make it <c>WITHOUT ROWID</c>), and SQLite gives each inserted row a rowid above every rowid in the
/// table (one more than the largest; only a table whose largest rowid is 2^63-1 picks others), so rowid order is the
/// order the trainer logged, as a file store's metric file holds its lines. It is also the only order in which rows
/// added later come after every row read before, so a live scan reads only rows with a larger rowid and still gives
/// what a full read gives (see <see cref="IFollowingReader"/>); ordered by key and step, a point logged later would land
/// between points read before and move every record ordinal after it. Equal steps keep that order in a metric's series.</para>
/// <para>Rows are read in chunks of <see cref="ChunkRows"/>, each its own short statement, so a writer in rollback
/// journal mode (MLflow's default) waits at most one chunk for its commit, and a WAL writer's checkpoints are never held
/// back for a whole read. A table without rowid (<c>WITHOUT ROWID</c>, or every rowid alias a column name) is read in
/// one statement by key, step, time and value, with a note, and cannot be followed.</para>
/// </remarks>
internal sealed partial class MlflowSqliteReader : IFollowingReader
{
    /// <summary>Rows per statement: a few milliseconds of reading, so that no writer waits long for its lock.</summary>
    internal const int ChunkRows = 16_384;

    // Columns of every query: key, value, timestamp, step, is_nan, rowid.
    private const int RowidColumn = 5;

    private readonly SqliteConnection _connection;
    private readonly string _runId;
    private readonly FieldTable _fields;
    private readonly ScanIssues _issues;
    private readonly bool _hasNaNFlag;
    // The rowid alias that names the row ids (null: the table has none), and whether the store can be followed.
    private readonly string? _rowid;
    private readonly SqliteCommand _first;
    private readonly SqliteCommand? _next;
    private readonly MlflowEmitter _emitter = new();
    private RunFile _file;
    private SqliteDataReader? _reader;
    private int _chunk;
    private long _rows;
    private long _lastRowid;
    private bool _caughtUp;
    private bool _done;
    private string? _key;
    private int _field;

    public MlflowSqliteReader(SqliteConnection connection, bool immutable, RunFile file, string runId, FieldTable fields, ScanIssues issues)
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
            var hasStep = columns.Contains("step");
            _hasNaNFlag = columns.Contains("is_nan");
            var select = "SELECT key, value, timestamp, " + (hasStep ? "step" : "0") + ", " + (_hasNaNFlag ? "is_nan" : "0");
            _rowid = RowidAlias(connection, columns);
            if (_rowid is null)
            {
                issues.Note($"{file.Path}: the metrics table has no rowid (WITHOUT ROWID), so points are read by key, step and time, " +
                    "and a live scan reads the store again whole when it changes");
                _first = Command(select + ", 0 FROM metrics WHERE run_uuid = $id ORDER BY key, " + (hasStep ? "step, " : "") + "timestamp, value");
            }
            else
            {
                var run = RunFilter(connection, select);
                _first = Command($"{select}, {_rowid} FROM metrics WHERE {run} = $id ORDER BY {_rowid} LIMIT {ChunkRows}");
                _next = Command($"{select}, {_rowid} FROM metrics WHERE {run} = $id AND {_rowid} > $after ORDER BY {_rowid} LIMIT {ChunkRows}");
                _next.Parameters.AddWithValue("$after", 0L);
                _count = Command($"SELECT COUNT(*) FROM metrics WHERE run_uuid = $id AND {_rowid} <= $last");
                _count.Parameters.AddWithValue("$last", 0L);
                _last = Command($"{select} FROM metrics WHERE {_rowid} = $last AND run_uuid = $id");
                _last.Parameters.AddWithValue("$last", 0L);
                _version = Command("PRAGMA data_version");
            }
            // An immutable connection (a WAL database opened without its log) would never see a change.
            CanFollow = _rowid is not null && !immutable;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>A database is not read front to back: 0 until the run's rows are read, then the run's share of the file.</summary>
    public long DiskPosition => _caughtUp || _done ? _file.Bytes : 0;

    public bool Read(RecordBuffer record, bool wantText)
    {
        while (_reader is not null || StartQuery())
        {
            if (!Step())
                continue;
            if (Row() is { } point)
                return _emitter.Emit(record, wantText, point);
        }
        return false;
    }

    public bool ReadLastRecord(RecordBuffer record) => _emitter.EmitLast(record);

    /// <summary>Moves to the next row of the open statement; false (the statement closed) when the chunk or the data ended.</summary>
    private bool Step()
    {
        try
        {
            if (_reader!.Read())
            {
                _chunk++;
                _rows++;
                if (_rowid is not null)
                    _lastRowid = _reader.GetInt64(RowidColumn);
                return true;
            }
        }
        catch (SqliteException ex)
        {
            _issues.Add(new LoadIssue(_file.Path, null, _rows + 1, $"cannot read run {_runId}'s metrics further: {ex.Message}; the rows before it loaded"), "unreadable data");
            CloseQuery();
            _done = true;
            return false;
        }
        var more = _rowid is not null && _chunk == ChunkRows;
        CloseQuery();
        if (!more)
            ReachedEnd();
        return false;
    }

    /// <summary>Starts the statement of the next chunk; false when there is nothing more to read now.</summary>
    private bool StartQuery()
    {
        if (_done || !Settled)
            return false;
        if (_caughtUp && !FoundNewRows())
            return false;
        var command = _first;
        if (_rows > 0 && _next is not null)
        {
            _next.Parameters["$after"].Value = _lastRowid;
            command = _next;
        }
        try
        {
            TakeVersion();
            _reader = command.ExecuteReader();
        }
        catch (SqliteException ex)
        {
            _issues.Add(new LoadIssue(_file.Path, null, _rows + 1, $"cannot read run {_runId}'s metrics further: {ex.Message}; the rows before it loaded"), "unreadable data");
            _done = true;
            return false;
        }
        _chunk = 0;
        return true;
    }

    /// <summary>Ends the statement, which ends its read transaction: a writer is free to commit.</summary>
    private void CloseQuery()
    {
        _reader?.Dispose();
        _reader = null;
    }

    /// <summary>The point of the current row, or null (reported) when the row is not one.</summary>
    private MlflowPoint? Row()
    {
        if (_reader!.IsDBNull(0))
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
        if (_reader!.IsDBNull(column))
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

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", _runId);
        return command;
    }

    /// <summary>
    /// The name that reads the table's row ids: <c>rowid</c>, or another alias when a column took that name; null when
    /// there are none (a <c>WITHOUT ROWID</c> table, whose rows have no insertion order to read).
    /// </summary>
    private static string? RowidAlias(SqliteConnection connection, HashSet<string> columns)
    {
        foreach (var alias in (string[])["rowid", "_rowid_", "oid"])
        {
            if (columns.Contains(alias))
                continue;
            using var probe = connection.CreateCommand();
            probe.CommandText = $"SELECT {alias} FROM metrics LIMIT 0";
            try
            {
                using var reader = probe.ExecuteReader();
                return alias;
            }
            catch (SqliteException)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>
    /// How the chunk queries filter by run: through an index when one gives the run's rows in rowid order (MLflow's
    /// <c>index_metrics_run_uuid</c>), else through the table in rowid order (<c>+run_uuid</c> keeps SQLite from
    /// choosing an index that would sort every row of the run again for each chunk, such as one on run_uuid, key, step).
    /// </summary>
    private string RunFilter(SqliteConnection connection, string select)
    {
        using var plan = connection.CreateCommand();
        plan.CommandText = $"EXPLAIN QUERY PLAN {select}, {_rowid} FROM metrics WHERE run_uuid = $id AND {_rowid} > 0 ORDER BY {_rowid} LIMIT {ChunkRows}";
        plan.Parameters.AddWithValue("$id", _runId);
        using var steps = plan.ExecuteReader();
        while (steps.Read())
        {
            if (steps.GetString(steps.FieldCount - 1).Contains("TEMP B-TREE", StringComparison.OrdinalIgnoreCase))
                return "+run_uuid";
        }
        return "run_uuid";
    }

    public void Dispose()
    {
        CloseQuery();
        _first?.Dispose();
        _next?.Dispose();
        _count?.Dispose();
        _last?.Dispose();
        _version?.Dispose();
        _connection.Dispose();
    }
}
