using Microsoft.Data.Sqlite;
using RunLens.Loading;

namespace RunLens.Formats.Mlflow;

/// <summary>
/// Following a store while MLflow writes to it: once the run's rows are read, the reader keeps its read-only
/// connection (holding no lock between reads) and, on the next read, looks for rows with a larger rowid. It first
/// makes sure that the rows it read are still there as read; when they are not (rows deleted by <c>mlflow gc</c> or by
/// hand, a <c>VACUUM</c> that renumbered rowids, a last row rewritten) it reads nothing and turns unsettled, so a live
/// scan reads the run again whole.
/// </summary>
internal sealed partial class MlflowSqliteReader
{
    private readonly SqliteCommand? _count;
    private readonly SqliteCommand? _last;
    private readonly SqliteCommand? _version;
    // PRAGMA data_version before the last statement started: it changes once another connection commits.
    private long _dataVersion;
    // The last row read as stored, to tell it from a row that took its rowid after it was deleted.
    private object?[]? _lastRow;

    /// <summary>True when the table has row ids and the connection sees other connections' commits.</summary>
    public bool CanFollow { get; }

    /// <summary>While true, the end of the rows there are now is not the end: the next read looks for new ones.</summary>
    public bool Following { get; set; }

    /// <summary>False once the rows read before were found deleted or changed: the run must be read again whole.</summary>
    public bool Settled { get; private set; } = true;

    /// <summary>Rows are whole or absent: nothing is ever pending.</summary>
    public long PendingBytes => 0;

    /// <summary>A full read reports nothing more at the end than the rows did.</summary>
    public void ReportEnd(ScanIssues issues)
    {
    }

    /// <summary>Takes the run's share of the database as listed now, the bytes a full read of it would count.</summary>
    public void Relisted(RunFile file) => _file = file;

    /// <summary>Called when a statement ended short: every row there was is read.</summary>
    private void ReachedEnd()
    {
        _caughtUp = true;
        if (!Following || !CanFollow)
        {
            _done = true;
            return;
        }
        _lastRow = _rows == 0 ? null : LastRow();
    }

    /// <summary>
    /// After every row was read, on the next read: true when other connections committed since and the rows read before
    /// are all still there, so rows with a larger rowid are what is new. Otherwise false: nothing changed (or, once
    /// not following, the reader is done), or the rows read changed and the reader is unsettled.
    /// </summary>
    private bool FoundNewRows()
    {
        try
        {
            if (Convert.ToInt64(_version!.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == _dataVersion)
            {
                _done = !Following;
                return false;
            }
            if (!SameRowsRead())
            {
                Settled = false;
                if (!Following)
                {
                    _issues.Report(new LoadIssue(_file.Path, null, null,
                        $"rows of run {_runId} read while the store was followed were deleted or changed since; they still count here: scan the run again for its rows as they are"));
                }
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
        _caughtUp = false;
        return true;
    }

    /// <summary>
    /// True when the run still has exactly the rows read, up to the last rowid read, and the last one as it was. Rowids
    /// are only ever reused above the largest left, so a deleted row either lowers the count or, if it was the last,
    /// leaves its rowid to a row that differs from it (or is another run's); rows changed in place elsewhere are not seen
    /// (MLflow never updates a metric row).
    /// </summary>
    private bool SameRowsRead()
    {
        _count!.Parameters["$last"].Value = _lastRowid;
        var count = Convert.ToInt64(_count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (count != _rows)
            return false;
        var now = _rows == 0 ? null : LastRow();
        return _lastRow is null ? now is null : now is not null && _lastRow.AsSpan().SequenceEqual(now);
    }

    /// <summary>The columns of the last row read as stored now, or null when the run has no row under its rowid.</summary>
    private object?[]? LastRow()
    {
        _last!.Parameters["$last"].Value = _lastRowid;
        using var reader = _last.ExecuteReader();
        if (!reader.Read())
            return null;
        var values = new object?[reader.FieldCount];
        reader.GetValues(values!);
        return values;
    }

    /// <summary>Notes the data version before a statement, so a commit during or after it is seen on the next read.</summary>
    private void TakeVersion()
    {
        if (_version is not null && Following)
            _dataVersion = Convert.ToInt64(_version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
