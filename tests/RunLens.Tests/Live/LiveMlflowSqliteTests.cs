using System.Globalization;
using Microsoft.Data.Sqlite;
using RunLens.Formats.Mlflow;
using RunLens.TestSupport;

namespace RunLens.Tests.Live;

/// <summary>
/// MLflow's SQLite store followed row by row: a writer inserts metric rows through its own connection while a live scan
/// updates; after every update the live result equals a fresh full scan, and the update read only the rows inserted
/// since (<see cref="LiveScan.RecordsRead"/>), unless rows read before were deleted or changed.
/// </summary>
public sealed class LiveMlflowSqliteTests
{
    private const string RunA = "aaaaaaaa000000000000000000000001";
    private const string RunB = "bbbbbbbb000000000000000000000002";
    private static readonly ScanOptions Options = new() { ReservoirSize = 12, PerFileSamples = 6, Buckets = 8, Seed = 11, Threads = 2 };
    private static readonly LiveOptions Live = new() { Scan = Options, IdleTimeout = Timeout.InfiniteTimeSpan };

    // The tables as current MLflow creates them (mlflow/store/tracking/dbmodels/models.py and its migrations).
    private const string Schema = """
        CREATE TABLE experiments (experiment_id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(256) NOT NULL, artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32), creation_time BIGINT, last_update_time BIGINT);
        CREATE TABLE runs (run_uuid VARCHAR(32) NOT NULL PRIMARY KEY, name VARCHAR(250), source_type VARCHAR(20), source_name VARCHAR(500), entry_point_name VARCHAR(50), user_id VARCHAR(256), status VARCHAR(9), start_time BIGINT, end_time BIGINT, source_version VARCHAR(50), lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER, deleted_time BIGINT);
        CREATE TABLE params ("key" VARCHAR(250) NOT NULL, value VARCHAR(8000) NOT NULL, run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY ("key", run_uuid));
        CREATE TABLE tags ("key" VARCHAR(250) NOT NULL, value VARCHAR(8000), run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY ("key", run_uuid));
        INSERT INTO experiments VALUES (1, 'ppo', 'mlruns/1', 'active', 0, 0);
        """;

    private const string Metrics = """
        CREATE TABLE metrics ("key" VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL,
            step BIGINT DEFAULT '0' NOT NULL, is_nan BOOLEAN DEFAULT '0' NOT NULL,
            CONSTRAINT metric_pk PRIMARY KEY ("key", timestamp, step, run_uuid, value, is_nan), CHECK (is_nan IN (0, 1)));
        CREATE INDEX index_metrics_run_uuid ON metrics (run_uuid);
        CREATE INDEX index_metrics_run_uuid_key_step ON metrics (run_uuid, "key", step);
        """;

    private static string Store(TempDir dir, string metrics = Metrics)
    {
        var db = dir.File("mlflow.db");
        using var writer = Writer.Open(db);
        writer.Execute(Schema + metrics);
        writer.Execute($"""
            INSERT INTO runs VALUES ('{RunA}', 'seed0', 'LOCAL', '', '', 'me', 'RUNNING', 1700000000000, NULL, '', 'active', '', 1, NULL);
            INSERT INTO runs VALUES ('{RunB}', 'seed1', 'LOCAL', '', '', 'me', 'RUNNING', 1700000000000, NULL, '', 'active', '', 1, NULL);
            """);
        return db;
    }

    /// <summary>Round <paramref name="round"/>'s rows of a run: three keys interleaved, steps that go back, NaN and ±infinity as MLflow stores them.</summary>
    private static List<string> Round(string run, int round, int count)
    {
        var rows = new List<string>();
        for (var k = 0; k < count; k++)
        {
            var i = round * 100 + k;
            // Every fifth point goes back ten steps (a resumed trainer); MLflow keeps every point.
            var step = round * 10 + k - (k % 5 == 4 ? 10 : 0);
            var (value, nan) = (k % 7) switch
            {
                3 => ("0", 1),
                5 => ("1.7976931348623157e308", 0),
                6 => ("-1.7976931348623157e308", 0),
                _ => (Math.Round(Math.Sin(i * 0.7) * 10, 3).ToString("R", CultureInfo.InvariantCulture), 0),
            };
            var key = (k % 3) switch { 0 => "train/loss", 1 => "reward", _ => "eval/return" };
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"('{key}', {value}, {1_700_000_000_000L + i}, '{run}', {step}, {nan})"));
        }
        return rows;
    }

    private static void Insert(Writer writer, IEnumerable<string> rows) => writer.Execute($"INSERT INTO metrics VALUES {string.Join(',', rows)};");

    [Fact]
    public void Rows_inserted_round_by_round_equal_a_full_scan_after_every_update_and_only_the_new_rows_are_read()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        using var writer = Writer.Open(db);
        Insert(writer, Round(RunA, 0, 8));
        using var live = LiveScan.Follow(dir.Path, options: Live);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "first read");
        Assert.Equal(8, live.RecordsRead);

        for (var round = 1; round < 8; round++)
        {
            Insert(writer, Round(RunA, round, 3 + round * 2));
            live.Update();

            LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, $"round {round}");
            Assert.Equal(3 + round * 2, live.RecordsRead);
        }
        Assert.DoesNotContain(live.Result.Notes, n => n.StartsWith("live:", StringComparison.Ordinal));

        live.Update();
        Assert.Equal(0, live.RecordsRead);

        // Stopping reads what came since, as a full scan would.
        Insert(writer, Round(RunA, 9, 4));
        LiveAssert.Same(Runs.Load(dir.Path).Scan(Options), live.Stop(), "stopped");
    }

    [Fact]
    public void Points_read_back_nan_and_infinities_and_their_steps_as_logged_while_followed()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        using var writer = Writer.Open(db);
        Insert(writer, Round(RunA, 0, 2));
        using var live = LiveScan.Follow(dir.Path, options: Live);

        // Rows 2..6 of round 0: eval/return at step 2, loss NaN at step 3, reward at step -6 (back ten), eval/return
        // +inf at step 5, loss -inf at step 6.
        Insert(writer, Round(RunA, 0, 7).Skip(2));
        live.Update();

        Assert.Equal(5, live.RecordsRead);
        Assert.Equal(2, live.Result.Field("train/loss")!.NonFinite);
        Assert.Equal(1, live.Result.Field("eval/return")!.NonFinite);
        Assert.Equal(0, live.Result.Field("reward")!.NonFinite);
        Assert.Equal(-6, live.Result.StepMin);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "non-finite points");
    }

    [Fact]
    public void A_bad_row_inserted_while_followed_is_reported_with_its_row_number_as_a_full_scan_reports_it()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        using var writer = Writer.Open(db);
        Insert(writer, Round(RunA, 0, 4));
        using var live = LiveScan.Follow(dir.Path, options: Live);

        Insert(writer, [$"('reward', 'oops', 1700000009000, '{RunA}', 9, 0)", .. Round(RunA, 1, 2)]);
        live.Update();

        Assert.Equal(2, live.RecordsRead);
        var issue = Assert.Single(live.Result.Issues);
        Assert.Equal((db, 5L), (issue.File, issue.Line!.Value));
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "bad row");
    }

    [Fact]
    public void A_row_deleted_between_updates_reads_the_run_again_whole_and_still_equals_a_full_scan()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        using var writer = Writer.Open(db);
        Insert(writer, Round(RunA, 0, 20));
        using var live = LiveScan.Follow(dir.Path, options: Live);

        writer.Execute("DELETE FROM metrics WHERE rowid = 7;");
        Insert(writer, Round(RunA, 1, 4));
        live.Update();

        Assert.Equal(23, live.RecordsRead);
        Assert.Contains(live.Result.Notes, n => n.StartsWith("live: ", StringComparison.Ordinal) && n.Contains("read again whole", StringComparison.Ordinal));
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "after the delete");

        // Followed again from there: the next rows alone.
        Insert(writer, Round(RunA, 2, 3));
        live.Update();
        Assert.Equal(3, live.RecordsRead);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "after the next insert");
    }

    [Fact]
    public void The_last_row_deleted_and_its_rowid_taken_by_a_new_row_reads_the_run_again_whole()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        using var writer = Writer.Open(db);
        Insert(writer, Round(RunA, 0, 10));
        using var live = LiveScan.Follow(dir.Path, options: Live);

        // SQLite gives the next row the largest rowid left plus one: rowid 10 again, holding another point.
        writer.Execute("DELETE FROM metrics WHERE rowid = 10;");
        Insert(writer, Round(RunA, 5, 1));
        Assert.Equal(10L, writer.Scalar("SELECT MAX(rowid) FROM metrics"));
        live.Update();

        Assert.Equal(10, live.RecordsRead);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "rowid reused");
    }

    [Fact]
    public void Of_two_runs_in_one_store_only_the_one_that_grew_reads_its_new_rows()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        using var writer = Writer.Open(db);
        Insert(writer, Round(RunA, 0, 6).Concat(Round(RunB, 0, 9)));
        using var live = LiveScan.Follow(dir.Path, options: Live);
        Assert.Equal(15, live.RecordsRead);

        for (var round = 1; round < 4; round++)
        {
            Insert(writer, Round(RunB, round, round));
            live.Update();

            Assert.Equal(round, live.RecordsRead);
            LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, $"round {round}");
        }
    }

    [Fact]
    public void A_run_deleted_and_collected_by_mlflow_gc_no_longer_counts_and_the_other_run_reads_nothing_again()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        using var writer = Writer.Open(db);
        Insert(writer, Round(RunA, 0, 6).Concat(Round(RunB, 0, 9)));
        using var live = LiveScan.Follow(dir.Path, options: Live);

        // mlflow gc: a deleted run's rows go, then the run itself.
        writer.Execute($"UPDATE runs SET lifecycle_stage = 'deleted' WHERE run_uuid = '{RunB}'; DELETE FROM metrics WHERE run_uuid = '{RunB}'; DELETE FROM runs WHERE run_uuid = '{RunB}';");
        live.Update();

        Assert.Equal(0, live.RecordsRead);
        Assert.Equal(6, live.Result.Records);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "after gc");

        Insert(writer, Round(RunA, 1, 2));
        live.Update();
        Assert.Equal(2, live.RecordsRead);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "after gc and an insert");
    }

    [Fact]
    public void A_run_of_more_rows_than_a_chunk_reads_in_chunks_and_equals_a_full_scan()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        using var writer = Writer.Open(db);
        const int Rows = MlflowSqliteReader.ChunkRows * 2 + 100;
        // Another run's rows between this run's: a chunk's rows are not a range of rowids.
        writer.Execute($"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Rows - 1})
            INSERT INTO metrics SELECT CASE i % 3 WHEN 0 THEN 'reward' ELSE 'loss' END, (i % 97) * 0.5, 1700000000000 + i,
                CASE i % 5 WHEN 0 THEN '{RunB}' ELSE '{RunA}' END, i / 3, 0 FROM n;
            """);
        using var live = LiveScan.Follow(dir.Path, options: Live);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "chunks");
        Assert.Equal(Rows, live.Result.Records);

        Insert(writer, Round(RunA, 1, 5));
        live.Update();

        Assert.Equal(5, live.RecordsRead);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "after the chunks");
    }

    [Fact]
    public void A_store_in_wal_mode_is_followed_while_its_writer_keeps_its_connection_open_and_is_never_kept_waiting()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        // The writer holds its connection, as MLflow's engine does, so the log and its index stay beside the database.
        using var writer = Writer.Open(db, "PRAGMA journal_mode = WAL;");
        Insert(writer, Round(RunA, 0, 5));
        Assert.True(File.Exists(db + "-wal"));
        using var live = LiveScan.Follow(dir.Path, options: Live);
        Assert.Equal(5, live.RecordsRead);

        for (var round = 1; round < 5; round++)
        {
            Insert(writer, Round(RunA, round, 4));
            live.Update();

            Assert.Equal(4, live.RecordsRead);
            LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, $"round {round}");
        }
    }

    [Fact]
    public void A_store_in_wal_mode_whose_database_file_is_untouched_until_a_checkpoint_is_not_taken_for_idle()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        using var writer = Writer.Open(db, "PRAGMA journal_mode = WAL;");
        Insert(writer, Round(RunA, 0, 5));
        using var live = LiveScan.Follow(dir.Path, options: Live with { IdleTimeout = TimeSpan.FromMinutes(10) });

        // The commits since the last checkpoint are in the -wal file; the database file was last written an hour ago.
        Insert(writer, Round(RunA, 1, 2));
        File.SetLastWriteTimeUtc(db, DateTime.UtcNow.AddHours(-1));
        live.Update();

        Assert.Equal(2, live.RecordsRead);
        Assert.False(live.Finished, live.Status.ToString());
    }

    [Fact]
    public void A_store_in_rollback_mode_is_never_locked_between_updates()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        using var writer = Writer.Open(db);
        Insert(writer, Round(RunA, 0, 5));
        using var live = LiveScan.Follow(dir.Path, options: Live);

        // The reader's connection stays open between updates, holding no lock: the writer commits at once (a lock held
        // would fail its insert after the writer's one second of waiting).
        for (var round = 1; round < 4; round++)
        {
            Insert(writer, Round(RunA, round, 2));
            live.Update();
            Assert.Equal(2, live.RecordsRead);
        }
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "rollback mode");
    }

    [Fact]
    public void A_metrics_table_without_rowid_is_read_again_whole_on_every_change_with_a_note()
    {
        using var dir = new TempDir();
        var db = Store(dir, """
            CREATE TABLE metrics ("key" VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL,
                step BIGINT DEFAULT '0' NOT NULL, is_nan BOOLEAN DEFAULT '0' NOT NULL,
                PRIMARY KEY ("key", timestamp, step, run_uuid, value, is_nan)) WITHOUT ROWID;
            """);
        using var writer = Writer.Open(db);
        Insert(writer, Round(RunA, 0, 6));
        using var live = LiveScan.Follow(dir.Path, options: Live);

        Insert(writer, Round(RunA, 1, 3));
        live.Update();

        Assert.Equal(9, live.RecordsRead);
        Assert.Contains(live.Result.Notes, n => n.Contains("no rowid (WITHOUT ROWID)", StringComparison.Ordinal));
        Assert.Contains(live.Result.Notes, n => n.StartsWith("live: files of mlflow-sqlite cannot be followed", StringComparison.Ordinal));
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "without rowid");
    }

    /// <summary>The trainer's side: its own read-write connection to the store, kept open across inserts.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly SqliteConnection _connection;

        private Writer(SqliteConnection connection) => _connection = connection;

        public static Writer Open(string db, string setup = "")
        {
            // One second for a lock, not Microsoft.Data.Sqlite's 30: a reader that kept one fails the test quickly.
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false, DefaultTimeout = 1 }.ToString());
            connection.Open();
            var writer = new Writer(connection);
            if (setup.Length > 0)
                writer.Execute(setup);
            return writer;
        }

        public void Execute(string sql)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public object? Scalar(string sql)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar();
        }

        public void Dispose() => _connection.Dispose();
    }
}
