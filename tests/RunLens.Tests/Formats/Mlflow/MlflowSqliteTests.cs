using Microsoft.Data.Sqlite;
using RunLens.Formats.Mlflow;
using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Mlflow;

/// <summary>The MLflow SQLite store (mlflow.db): tiny databases with the subset of MLflow's schema RunLens reads.</summary>
public class MlflowSqliteTests
{
    private const string RunA = "aaaaaaaa000000000000000000000001";
    private const string RunB = "bbbbbbbb000000000000000000000002";
    private const string RunC = "cccccccc000000000000000000000003";

    // The tables as MLflow's alembic migrations leave them (columns that matter here; see the real mlflow.db).
    private const string Schema = """
        CREATE TABLE experiments (experiment_id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(256) NOT NULL,
            artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32), creation_time BIGINT, last_update_time BIGINT);
        CREATE TABLE runs (run_uuid VARCHAR(32) NOT NULL PRIMARY KEY, name VARCHAR(250), source_type VARCHAR(20),
            source_name VARCHAR(500), entry_point_name VARCHAR(50), user_id VARCHAR(256), status VARCHAR(9),
            start_time BIGINT, end_time BIGINT, source_version VARCHAR(50), lifecycle_stage VARCHAR(20),
            artifact_uri VARCHAR(200), experiment_id INTEGER, deleted_time BIGINT);
        CREATE TABLE metrics ("key" VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL,
            run_uuid VARCHAR(32) NOT NULL, step BIGINT DEFAULT '0' NOT NULL, is_nan BOOLEAN DEFAULT '0' NOT NULL,
            PRIMARY KEY ("key", timestamp, step, run_uuid, value, is_nan));
        CREATE INDEX index_metrics_run_uuid_key_step ON metrics (run_uuid, "key", step);
        CREATE TABLE params ("key" VARCHAR(250) NOT NULL, value VARCHAR(8000) NOT NULL, run_uuid VARCHAR(32) NOT NULL,
            PRIMARY KEY ("key", run_uuid));
        CREATE TABLE tags ("key" VARCHAR(250) NOT NULL, value VARCHAR(8000), run_uuid VARCHAR(32) NOT NULL,
            PRIMARY KEY ("key", run_uuid));
        """;

    /// <summary>Runs <paramref name="sql"/> on the SQLite database <paramref name="db"/> through its own connection (another writer).</summary>
    internal static void Execute(string db, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A store with experiment 1 'ppo': run A (FINISHED, 4 points, 2 params, 2 tags), B (FAILED, no points), C deleted.</summary>
    private static string Store(TempDir dir, string file = "mlflow.db")
    {
        var db = dir.File(file);
        Execute(db, Schema + $"""
            INSERT INTO experiments VALUES (0, 'Default', 'mlruns/0', 'active', 0, 0), (1, 'ppo', 'mlruns/1', 'active', 0, 0);
            INSERT INTO runs VALUES
                ('{RunA}', 'seed0', 'LOCAL', '', '', 'me', 'FINISHED', 1700000000000, 1700000100000, '', 'active', '', 1, NULL),
                ('{RunB}', 'seed1', 'LOCAL', '', '', 'me', 'FAILED', 1700000200000, NULL, '', 'active', '', 1, NULL),
                ('{RunC}', 'seed2', 'LOCAL', '', '', 'me', 'FINISHED', 1700000300000, NULL, '', 'deleted', '', 1, 1700000400000);
            INSERT INTO metrics VALUES
                ('loss', 0.5, 1700000001000, '{RunA}', 0, 0),
                ('loss', 0, 1700000002000, '{RunA}', 1, 1),
                ('loss', 1.7976931348623157e308, 1700000003000, '{RunA}', 2, 0),
                ('score', -1.7976931348623157e308, 1700000001500, '{RunA}', 5, 0),
                ('loss', 9, 1700000001000, '{RunC}', 0, 0);
            INSERT INTO params VALUES ('lr', '0.001', '{RunA}'), ('env', 'CartPole-v1', '{RunA}'), ('seed', '1', '{RunB}');
            INSERT INTO tags VALUES ('mlflow.runName', 'seed0', '{RunA}'), ('mlflow.user', 'me', '{RunA}');
            """);
        return db;
    }

    [Fact]
    public void Each_run_row_is_a_run_with_its_experiment_status_params_tags_and_metrics()
    {
        using var dir = new TempDir();
        var db = Store(dir);

        var runs = Runs.Load(dir.Path);

        Assert.Equal(["ppo/seed0", "ppo/seed1"], runs.Select(r => r.Name));
        var a = runs["ppo/seed0"];
        Assert.Equal(("mlflow-sqlite", "ppo", "FINISHED", db), (a.Info.Format, a.Variant, a.Info.Status, a.Info.Root));
        Assert.Equal(0.001, a.Info.Config["lr"].Number);
        Assert.Equal("CartPole-v1", a.Info.Config["env"].Text);
        Assert.Equal("me", a.Info.SystemTags["mlflow.user"]);
        var file = Assert.Single(a.Info.Files);
        Assert.Equal((FileFormats.MlflowSqlite, RunA), (file.Format, ((MlflowSqliteSource)file.Source).RunId));
        Assert.Equal("FAILED", runs["ppo/seed1"].Info.Status);
        Assert.Equal(1, runs["ppo/seed1"].Info.Seed);
        Assert.Empty(runs["ppo/seed1"].Info.Files);
        var deleted = Assert.Single(runs.Issues);
        Assert.Equal(db, deleted.File);
        Assert.Contains($"run {RunC} of experiment 'ppo' is deleted", deleted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_database_given_as_the_path_lists_every_run_in_it_under_mlflow_names()
    {
        using var dir = new TempDir();
        var db = Store(dir);

        var runs = Runs.Load(db);

        // seed1 logged no metric (no data file) and is still one of the database's runs.
        Assert.Equal(["ppo/seed0", "ppo/seed1"], runs.Select(r => r.Name));
        Assert.Equal(["FINISHED", "FAILED"], runs.Select(r => r.Info.Status));
        Assert.Equal(3, runs["ppo/seed0"].Metric("loss").Count);
    }

    [Fact]
    public void A_deleted_run_is_an_issue_of_the_load_not_of_a_run_reading_the_same_database()
    {
        using var dir = new TempDir();
        var db = Store(dir);

        var listing = Runs.Load(dir.Path).Describe();

        Assert.All(listing, r => Assert.Empty(r.Issues));
        var deleted = Assert.Single(listing.Issues);
        Assert.Equal(db, deleted.File);
        Assert.Contains($"run {RunC}", deleted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_read_back_nan_and_infinities_as_logged_with_steps_and_wall_times()
    {
        using var dir = new TempDir();
        Store(dir);

        var run = Runs.Load(dir.Path)["ppo/seed0"];
        var loss = run.Metric("loss");
        var score = run.Metric("score");
        var scan = run.Scan();

        Assert.Equal([0L, 1, 2], loss.Points.Select(p => p.Step));
        Assert.Equal(0.5, loss.Points[0].Value);
        Assert.True(double.IsNaN(loss.Points[1].Value));
        Assert.Equal(double.PositiveInfinity, loss.Points[2].Value);
        Assert.Equal(1700000002.0, loss.Points[1].WallTime);
        Assert.Equal(double.NegativeInfinity, Assert.Single(score.Points).Value);
        Assert.Equal(5, score.Points[0].Step);
        Assert.Equal(4, scan.Records);
        Assert.Equal((0L, 5L), (scan.StepMin!.Value, scan.StepMax!.Value));
        Assert.Empty(scan.Issues);
    }

    [Fact]
    public void Points_are_read_in_the_order_they_were_inserted_so_equal_steps_keep_the_order_logged()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        // Logged later with an earlier timestamp (a clock set back): MLflow keeps both; rowid order is the order logged.
        Execute(db, $"INSERT INTO metrics VALUES ('score', 7, 1700000009000, '{RunA}', 6, 0), ('score', 8, 1700000000500, '{RunA}', 6, 0);");

        var score = Runs.Load(dir.Path)["ppo/seed0"].Metric("score");

        Assert.Equal([(5L, double.NegativeInfinity), (6, 7), (6, 8)], score.Points.Select(p => (p.Step, p.Value)));
    }

    [Fact]
    public void A_bad_metric_row_is_reported_with_its_row_number_and_the_rest_loads()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        // SQLite keeps whatever is stored: a text value that is no number.
        Execute(db, $"INSERT INTO metrics VALUES ('loss', 'oops', 1700000004000, '{RunA}', 3, 0);");

        var run = Runs.Load(dir.Path)["ppo/seed0"];
        var scan = run.Scan();

        Assert.Equal(4, scan.Records);
        var issue = Assert.Single(scan.Issues);
        // Rows are read in the order they were inserted: run A's fifth row (after loss 0, 1, 2 and score 5).
        Assert.Equal((db, 5L), (issue.File, issue.Line!.Value));
        Assert.Contains("not a number", issue.Message, StringComparison.Ordinal);
        Assert.Equal(1, scan.SkippedByReason["malformed MLflow metric row"]);
    }

    [Fact]
    public void Reading_creates_no_file_beside_the_database_even_in_wal_mode()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        Execute(db, "PRAGMA journal_mode = WAL;");
        Assert.Equal(2, File.ReadAllBytes(db)[18]);
        var before = Directory.GetFiles(dir.Path).Order(StringComparer.Ordinal).ToList();

        var runs = Runs.Load(dir.Path);
        runs.Scan();
        runs["ppo/seed0"].Metric("loss");

        Assert.Equal(before, Directory.GetFiles(dir.Path).Order(StringComparer.Ordinal));
        Assert.Equal(3, runs["ppo/seed0"].Metric("loss").Count);
    }

    [Fact]
    public void Other_sqlite_databases_and_non_sqlite_db_files_are_left_alone()
    {
        using var dir = new TempDir();
        Execute(dir.File("cache.db"), "CREATE TABLE things (x); INSERT INTO things VALUES (1);");
        dir.Write("Thumbs.db", new string('x', 200));
        dir.Write("log.jsonl", "{\"step\": 1, \"loss\": 0.5}\n");

        var runs = Runs.Load(dir.Path);

        Assert.Equal("json-log", Assert.Single(runs).Info.Format);
        Assert.Empty(runs.Issues);
    }

    [Fact]
    public void A_damaged_database_is_reported_and_nothing_else_breaks()
    {
        using var dir = new TempDir();
        var db = Store(dir);
        var bytes = File.ReadAllBytes(db);
        File.WriteAllBytes(db, bytes[..200]);
        dir.Write("log.jsonl", "{\"step\": 1, \"loss\": 0.5}\n");

        var runs = Runs.Load(dir.Path);

        Assert.Equal("json-log", Assert.Single(runs).Info.Format);
        Assert.Contains("cannot read the MLflow database", Assert.Single(runs.Issues, i => i.File == db).Message, StringComparison.Ordinal);
    }
}
