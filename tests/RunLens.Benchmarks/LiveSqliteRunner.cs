using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RunLens.Benchmarks;

/// <summary>
/// <c>live --format mlflow-sqlite --rows 1000000 --append-rows 10000</c>: what keeping an MLflow SQLite store up to date
/// costs. A store of one run with that many metric rows (four keys interleaved, MLflow's schema and indexes) is followed,
/// the append is inserted through another connection, and one <see cref="LiveScan.Update"/> reads it; a fresh full scan
/// of the same store is timed next to it and must give the same record count. Prints the records the update read, its
/// wall and CPU time (this process's, the machine being shared), the listing's alone, the full scan's, and the
/// process's peak RSS.
/// </summary>
internal static class LiveSqliteRunner
{
    public static int Run(Arguments args)
    {
        var rows = args.Int("--rows", 1_000_000);
        var append = args.Int("--append-rows", 10_000);
        var root = args.Text("--data") ?? Path.Combine(Path.GetTempPath(), "runlens-bench-live-sqlite", rows.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        var db = Path.Combine(root, "mlflow.db");
        File.Delete(db);
        var generate = Stopwatch.StartNew();
        Execute(db, """
            CREATE TABLE experiments (experiment_id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(256) NOT NULL, artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32), creation_time BIGINT, last_update_time BIGINT);
            CREATE TABLE runs (run_uuid VARCHAR(32) NOT NULL PRIMARY KEY, name VARCHAR(250), source_type VARCHAR(20), source_name VARCHAR(500), entry_point_name VARCHAR(50), user_id VARCHAR(256), status VARCHAR(9), start_time BIGINT, end_time BIGINT, source_version VARCHAR(50), lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER, deleted_time BIGINT);
            CREATE TABLE metrics ("key" VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL,
                step BIGINT DEFAULT '0' NOT NULL, is_nan BOOLEAN DEFAULT '0' NOT NULL,
                CONSTRAINT metric_pk PRIMARY KEY ("key", timestamp, step, run_uuid, value, is_nan), CHECK (is_nan IN (0, 1)));
            CREATE INDEX index_metrics_run_uuid ON metrics (run_uuid);
            CREATE INDEX index_metrics_run_uuid_key_step ON metrics (run_uuid, "key", step);
            INSERT INTO experiments VALUES (1, 'ppo', 'mlruns/1', 'active', 0, 0);
            INSERT INTO runs VALUES ('aaaaaaaa000000000000000000000001', 'seed0', 'LOCAL', '', '', 'me', 'RUNNING', 1700000000000, NULL, '', 'active', '', 1, NULL);
            """ + Insert(0, rows));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {rows:N0} rows ({new FileInfo(db).Length / 1e6:0} MB) in {generate.Elapsed.TotalSeconds:0.0} s: {db}"));

        var options = new LiveOptions { IdleTimeout = Timeout.InfiniteTimeSpan };
        var (first, firstCpu) = Measure(out var live, () => LiveScan.Follow(root, options: options));
        using (live)
        {
            Execute(db, Insert(rows, append));
            var (update, updateCpu) = Measure(out _, live.Update);
            // The listing every update starts with (it counts each run's rows), for what is left of the update beside it.
            var (listing, listingCpu) = Measure(out _, () => Runs.Load(root));
            var (full, fullCpu) = Measure(out var scan, () => Runs.Load(root).Scan());
            var peak = PeakMemory.Bytes();

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                first read (a full scan): {live.Status.Records - live.RecordsRead:N0} records before the append; {first:0.00} s, {firstCpu:0.00} CPU-s
                appended:                 {append:N0} rows
                update:                   read {live.RecordsRead:N0} records in {update:0.000} s, {updateCpu:0.000} CPU-s; {live.Result.Records:N0} records
                of which listing (alone): {listing:0.000} s, {listingCpu:0.000} CPU-s
                full scan of the same:    {scan.Records:N0} records in {full:0.00} s, {fullCpu:0.00} CPU-s
                peak RSS (whole process): {peak / 1e6:0} MB
                """));
            if (!args.Has("--keep"))
                Directory.Delete(root, recursive: true);
            return scan.Records == live.Result.Records && live.RecordsRead == append ? 0 : 1;
        }
    }

    /// <summary>Rows <paramref name="from"/> onwards, four keys taking turns, as one INSERT ... SELECT.</summary>
    private static string Insert(long from, long count) => string.Create(CultureInfo.InvariantCulture, $"""
        WITH RECURSIVE n(i) AS (SELECT {from} UNION ALL SELECT i + 1 FROM n WHERE i < {from + count - 1})
        INSERT INTO metrics SELECT CASE i % 4 WHEN 0 THEN 'train/loss' WHEN 1 THEN 'train/reward' WHEN 2 THEN 'train/grad_norm' ELSE 'eval/return' END,
            (i % 977) * 0.25, 1700000000000 + i, 'aaaaaaaa000000000000000000000001', i / 4, 0 FROM n;
        """);

    private static void Execute(string db, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Wall seconds and this process's CPU seconds of <paramref name="work"/>.</summary>
    private static (double Wall, double Cpu) Measure<T>(out T result, Func<T> work)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        result = work();
        wall.Stop();
        process.Refresh();
        return (wall.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }
}
