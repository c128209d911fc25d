using System.Data.Common;
using Microsoft.Data.Sqlite;
using RunLens.Fields;
using RunLens.Loading.Discovery;
using RunLens.Loading;

namespace RunLens.Formats.Mlflow;

/// <summary>
/// MLflow's SQLite store (<c>mlflow.db</c>, the schema of mlflow/store/tracking/dbmodels/models.py): one run per row of
/// <c>runs</c>, its experiment's name from <c>experiments</c>, its params and tags from <c>params</c> and <c>tags</c>,
/// its metrics (one <see cref="RunFile"/> per run, its <see cref="MlflowSqliteSource"/> holding the run id) read by
/// <see cref="MlflowSqliteReader"/>. With that reader, the only code that uses SQLite.
/// </summary>
/// <remarks>
/// The database is only read, and nothing is created beside it: it is opened read-only, and a database in WAL mode
/// whose <c>-wal</c>/<c>-shm</c> files are absent is opened as immutable (SQLite would otherwise create them, even for a
/// read-only connection). When a <c>-wal</c> file is there without its <c>-shm</c>, reading it would create the
/// <c>-shm</c>: the database is read without the log, and that is reported.
/// </remarks>
internal static class MlflowSqliteStore
{
    private static readonly string[] RequiredTables = ["experiments", "runs", "metrics"];

    /// <summary>The runs of an MLflow database, or null when the file is not one (another SQLite database).</summary>
    public static IReadOnlyList<Run>? Read(FileInfo db, DiscoveryContext context)
    {
        try
        {
            using var connection = Open(db.FullName, out var walProblem, out _);
            var tables = Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table'");
            if (!RequiredTables.All(t => tables.Contains(t, StringComparer.Ordinal)))
                return db.Name.Equals("mlflow.db", StringComparison.OrdinalIgnoreCase) ? NotMlflow(db, context) : null;
            if (walProblem is not null)
                context.Issues.Add(new LoadIssue(db.FullName, null, null, walProblem));
            return Runs(connection, db, tables, context);
        }
        catch (SqliteException ex)
        {
            context.Issues.Add(new LoadIssue(db.FullName, null, null, $"cannot read the MLflow database: {ex.Message}; its runs are not loaded"));
            return [];
        }
    }

    /// <summary>Opens the reader of one run's metrics.</summary>
    /// <exception cref="IOException">The database cannot be opened.</exception>
    public static IRecordReader OpenReader(RunFile file, string runId, FieldTable fields, ScanIssues issues)
    {
        try
        {
            var connection = Open(file.Path, out _, out var immutable);
            return new MlflowSqliteReader(connection, immutable, file, runId, fields, issues);
        }
        catch (SqliteException ex)
        {
            throw new IOException(ex.Message, ex);
        }
    }

    private static List<Run> NotMlflow(FileInfo db, DiscoveryContext context)
    {
        context.Issues.Add(new LoadIssue(db.FullName, null, null,
            "mlflow.db has no experiments, runs and metrics tables: not an MLflow tracking database; nothing loaded from it"));
        return [];
    }

    private static List<Run> Runs(SqliteConnection connection, FileInfo db, List<string> tables, DiscoveryContext context)
    {
        var experiments = new Dictionary<string, (string Name, string? Stage)>(StringComparer.Ordinal);
        foreach (var row in Rows(connection, "SELECT * FROM experiments"))
            experiments[row.Text("experiment_id") ?? ""] = (row.Text("name") ?? row.Text("experiment_id") ?? "", row.Text("lifecycle_stage"));
        var config = Grouped(connection, tables, "params", () => new Dictionary<string, ConfigValue>(StringComparer.Ordinal),
            (into, key, value) => into[key] = MlflowRuns.ParamValue(value ?? ""));
        var tags = Grouped(connection, tables, "tags", () => new SortedDictionary<string, string>(StringComparer.Ordinal),
            (into, key, value) => into[key] = value ?? "");
        var points = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in Rows(connection, "SELECT run_uuid, COUNT(*) AS n FROM metrics GROUP BY run_uuid"))
            points[row.Text("run_uuid") ?? ""] = row.Integer("n") ?? 0;
        var totalPoints = Math.Max(1, points.Values.Sum());

        var found = new List<(string Id, string? Name, string Experiment, string? Status, long? Start)>();
        foreach (var row in Rows(connection, "SELECT * FROM runs ORDER BY start_time, run_uuid"))
        {
            var id = row.Text("run_uuid") ?? "";
            var experimentId = row.Text("experiment_id") ?? "";
            var (experiment, stage) = experiments.GetValueOrDefault(experimentId, (experimentId, null));
            if (row.Text("lifecycle_stage") == MlflowRuns.Deleted || stage == MlflowRuns.Deleted)
            {
                context.Issues.Add(new LoadIssue(db.FullName, null, null,
                    $"run {id} of experiment '{experiment}' is deleted in MLflow (lifecycle_stage: deleted); it is not loaded"));
                continue;
            }
            var name = tags.GetValueOrDefault(id)?.GetValueOrDefault(MlflowRuns.RunNameTag) ?? row.Text("name");
            found.Add((id, string.IsNullOrEmpty(name) ? null : name, experiment, MlflowRuns.StatusName(row.Text("status")), row.Integer("start_time")));
        }

        var prefix = MlflowRuns.Prefix(context, db.Directory);
        var runs = new List<Run>();
        foreach (var experiment in found.GroupBy(f => f.Experiment, StringComparer.Ordinal))
        {
            var names = MlflowRuns.UniqueNames(experiment.Select(r => (r.Id, r.Name)).ToList());
            foreach (var run in experiment)
            {
                // One file per run: the database, this run's rows. Its size is the run's share, for progress.
                IReadOnlyList<RunFile> files = points.TryGetValue(run.Id, out var count)
                    ? [context.Describe(db, new MlflowSqliteSource(run.Id), run.Id) with { Bytes = db.Length * count / totalPoints }]
                    : [];
                var info = MlflowRuns.Info(db.Directory!, context, MlflowFormat.SqliteStore, files,
                    config.GetValueOrDefault(run.Id) ?? new(StringComparer.Ordinal), prefix + experiment.Key + "/" + names[run.Id], experiment.Key,
                    run.Start, run.Status, tags.GetValueOrDefault(run.Id) ?? new(StringComparer.Ordinal));
                runs.Add(new Run(info with { Root = db.FullName }, context.Options));
            }
        }
        return runs;
    }

    /// <summary>Reads a <c>key, value, run_uuid</c> table into one collection per run (empty when the table is absent).</summary>
    private static Dictionary<string, T> Grouped<T>(SqliteConnection connection, List<string> tables, string table, Func<T> create,
        Action<T, string, string?> add)
    {
        var byRun = new Dictionary<string, T>(StringComparer.Ordinal);
        if (!tables.Contains(table, StringComparer.Ordinal))
            return byRun;
        foreach (var row in Rows(connection, $"SELECT run_uuid, key, value FROM {table} ORDER BY run_uuid, key"))
        {
            var id = row.Text("run_uuid") ?? "";
            if (!byRun.TryGetValue(id, out var into))
                byRun[id] = into = create();
            add(into, row.Text("key") ?? "", row.Text("value"));
        }
        return byRun;
    }

    /// <summary>
    /// Opens the database read-only without creating any file beside it (see the class remarks). Pooling is off so
    /// that no handle stays open after a scan. <paramref name="immutable"/> tells that it was opened as immutable: it then
    /// sees no later change, and cannot be followed.
    /// </summary>
    private static SqliteConnection Open(string path, out string? walProblem, out bool immutable)
    {
        walProblem = null;
        immutable = false;
        if (IsWalMode(path))
        {
            var hasWal = File.Exists(path + "-wal");
            var hasShm = File.Exists(path + "-shm");
            immutable = !hasWal || !hasShm;
            if (hasWal && !hasShm)
            {
                walProblem = "the database's write-ahead log (-wal) has no -shm file beside it, and reading it would create one: " +
                    "the database is read without its latest, uncheckpointed changes";
            }
        }
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = immutable ? new Uri(path).AbsoluteUri + "?immutable=1" : path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>True when the database header says WAL mode (file format read and write versions 2, bytes 18 and 19).</summary>
    private static bool IsWalMode(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> header = stackalloc byte[20];
            return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header[18] == 2 && header[19] == 2;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static List<string> Strings(SqliteConnection connection, string sql) =>
        Rows(connection, sql).Select(r => r.Text(0) ?? "").ToList();

    /// <summary>The rows of a query, each read by column name (columns differ between MLflow versions).</summary>
    private static IEnumerable<Row> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => i, StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
            yield return new Row(reader, columns);
    }

    /// <summary>One row being read; valid until the next row.</summary>
    private readonly struct Row(DbDataReader reader, Dictionary<string, int> columns)
    {
        public string? Text(int column) => reader.IsDBNull(column) ? null : Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture);

        public string? Text(string column) => columns.TryGetValue(column, out var i) ? Text(i) : null;

        public long? Integer(string column) =>
            columns.TryGetValue(column, out var i) && !reader.IsDBNull(i) && reader.GetValue(i) is long or int or double
                ? Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)
                : null;
    }
}
