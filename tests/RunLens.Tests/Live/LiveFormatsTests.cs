using System.Globalization;
using System.IO.Compression;
using System.Text;
using RunLens.Tests.Formats.Mlflow;
using RunLens.Tests.Formats.Wandb;
using RunLens.TestSupport;

namespace RunLens.Tests.Live;

/// <summary>
/// A writer appends to a log of each format while a live scan updates: after every append the live result equals a
/// fresh full scan of the files as they are, and nothing merely being written is reported.
/// </summary>
public sealed class LiveFormatsTests
{
    private static readonly ScanOptions Options = new() { ReservoirSize = 12, PerFileSamples = 6, Buckets = 8, Seed = 11, Threads = 2 };
    private static readonly LiveOptions Live = new() { Scan = Options, IdleTimeout = Timeout.InfiniteTimeSpan };
    private const int Appends = 12;

    private static double Value(int i) => Math.Round(Math.Sin(i * 0.7) * 10, 3);

    /// <summary>Runs the writer's appends, checking the live scan against a full scan after each; returns the live scan for more checks.</summary>
    private static LiveScan Simulate(TempDir dir, Action<int> append, int appends = Appends)
    {
        append(0);
        var live = LiveScan.Follow(dir.Path, options: Live);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "after append 0");
        for (var i = 1; i < appends; i++)
        {
            append(i);
            live.Update();
            LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, $"after append {i}");
        }
        return live;
    }

    [Fact]
    public void TensorBoard_event_files_equal_a_full_scan_after_every_flush()
    {
        using var dir = new TempDir();
        using var writer = new TensorBoardEventWriter(dir.File("tb/PPO_1/x"), 1_700_000_000);
        using var live = Simulate(dir, i =>
        {
            for (var k = 0; k < 1 + i * 3; k++)
                writer.WriteScalars(i * 100 + k, 1_700_000_000 + i, [new("rollout/ep_rew_mean", Value(i * 10 + k)), new("train/loss", k)]);
            writer.Flush();
        });
        Assert.True(live.Result.Records > 100);
    }

    [Fact]
    public void A_tensorboard_run_of_one_file_is_followed_byte_by_byte()
    {
        using var dir = new TempDir();
        using var writer = new TensorBoardEventWriter(dir.File("tb/PPO_1/x"), 1_700_000_000);
        writer.WriteScalars(0, 1_700_000_000, [new("reward", 1)]);
        writer.Flush();
        using var live = LiveScan.Follow(dir.Path, options: Live);
        var path = writer.FilePath;
        var before = new FileInfo(path).Length;

        writer.WriteScalars(1, 1_700_000_001, [new("reward", 2)]);
        writer.Flush();
        live.Update();

        Assert.Equal(new FileInfo(path).Length - before, live.Status.BytesRead);
        Assert.DoesNotContain(live.Result.Notes, n => n.StartsWith("live: files of", StringComparison.Ordinal));
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "followed");
    }

    [Fact]
    public void A_tensorboard_run_whose_steps_go_back_while_followed_is_read_again_and_equals_a_full_scan()
    {
        using var dir = new TempDir();
        using var writer = new TensorBoardEventWriter(dir.File("tb/PPO_1/x"), 1_700_000_000);
        for (var step = 0; step < 40; step++)
            writer.WriteScalars(step * 10, 1_700_000_000 + step, [new("reward", Value(step))]);
        writer.Flush();
        using var live = LiveScan.Follow(dir.Path, options: Live);

        // A resumed trainer logs from an earlier step again: TensorBoard discards the orphaned points after it.
        for (var step = 20; step < 30; step++)
            writer.WriteScalars(step * 10, 1_700_000_100 + step, [new("reward", -Value(step))]);
        writer.Flush();
        live.Update();

        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "after going back");
        Assert.Contains(live.Result.Notes, n => n.Contains("steps go back", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_event_file_in_a_followed_tensorboard_run_reads_the_run_again_and_equals_a_full_scan()
    {
        using var dir = new TempDir();
        using (var first = new TensorBoardEventWriter(dir.File("tb/PPO_1/x"), 1_700_000_000))
        {
            for (var step = 0; step < 30; step++)
                first.WriteScalars(step, 1_700_000_000 + step, [new("reward", Value(step))]);
        }
        using var live = LiveScan.Follow(dir.Path, options: Live);
        using var second = new TensorBoardEventWriter(dir.File("tb/PPO_1/x"), 1_700_001_000);
        for (var step = 10; step < 50; step++)
            second.WriteScalars(step, 1_700_001_000 + step, [new("reward", -Value(step))]);
        second.Flush();

        live.Update();

        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "second file");
    }

    [Fact]
    public void MLflow_file_store_metric_files_equal_a_full_scan_after_every_flush_and_the_run_ends_with_its_status()
    {
        using var dir = new TempDir();
        var writer = new MlflowRunWriter(dir.File("mlruns"), 1_700_000_000);
        using var live = Simulate(dir, i =>
        {
            for (var k = 0; k < 1 + i * 2; k++)
                writer.WriteScalars(i * 10 + k, 1_700_000_000 + i, [new("reward", Value(i * 10 + k)), new("loss", k * 0.5)]);
            writer.Flush();
        });
        Assert.False(live.Finished);

        writer.Dispose();
        live.Update();

        Assert.True(live.Finished);
        Assert.Equal("status FINISHED", live.Status.Reason);
    }

    [Fact]
    public void An_MLflow_sqlite_store_equals_a_full_scan_after_every_insert()
    {
        using var dir = new TempDir();
        var db = dir.File("mlflow.db");
        MlflowSqliteTests.Execute(db, """
            CREATE TABLE experiments (experiment_id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(256) NOT NULL, artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32), creation_time BIGINT, last_update_time BIGINT);
            CREATE TABLE runs (run_uuid VARCHAR(32) NOT NULL PRIMARY KEY, name VARCHAR(250), source_type VARCHAR(20), source_name VARCHAR(500), entry_point_name VARCHAR(50), user_id VARCHAR(256), status VARCHAR(9), start_time BIGINT, end_time BIGINT, source_version VARCHAR(50), lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER, deleted_time BIGINT);
            CREATE TABLE metrics ("key" VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL, step BIGINT DEFAULT '0' NOT NULL, is_nan BOOLEAN DEFAULT '0' NOT NULL, PRIMARY KEY ("key", timestamp, step, run_uuid, value, is_nan));
            CREATE TABLE params ("key" VARCHAR(250) NOT NULL, value VARCHAR(8000) NOT NULL, run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY ("key", run_uuid));
            CREATE TABLE tags ("key" VARCHAR(250) NOT NULL, value VARCHAR(8000), run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY ("key", run_uuid));
            INSERT INTO experiments VALUES (1, 'ppo', 'mlruns/1', 'active', 0, 0);
            INSERT INTO runs VALUES ('aaaaaaaa000000000000000000000001', 'seed0', 'LOCAL', '', '', 'me', 'RUNNING', 1700000000000, NULL, '', 'active', '', 1, NULL);
            """);
        using var live = Simulate(dir, i =>
        {
            var rows = string.Join(',', Enumerable.Range(0, 1 + i).Select(k => string.Create(CultureInfo.InvariantCulture,
                $"('reward', {Value(i * 10 + k):R}, {1_700_000_000_000L + i * 1000 + k}, 'aaaaaaaa000000000000000000000001', {i * 10 + k}, 0)")));
            MlflowSqliteTests.Execute(db, $"INSERT INTO metrics VALUES {rows};");
        });
        MlflowSqliteTests.Execute(db, "UPDATE runs SET status = 'FINISHED';");
        live.Update();
        Assert.True(live.Finished);
    }

    [Fact]
    public void A_wandb_transaction_log_equals_a_full_scan_at_every_record_and_a_record_cut_mid_write_is_not_reported()
    {
        using var dir = new TempDir();
        var log = new WandbLogFixture().Write(WandbLogFixture.RunRecord("abc123"));
        for (var i = 0; i < 60; i++)
        {
            // Some records span blocks: a long text item makes FIRST/MIDDLE/LAST chunks.
            var items = new List<byte[]> { WandbLogFixture.Item("_step", $"{i}"), WandbLogFixture.Item("reward", Value(i).ToString("R", CultureInfo.InvariantCulture)) };
            if (i % 9 == 4)
                items.Add(WandbLogFixture.Item("note", "\"" + new string('x', 40_000) + "\""));
            log.Write(WandbLogFixture.History(i, i, [.. items]));
        }
        log.Write(WandbLogFixture.ExitRecord(0));
        var bytes = log.Bytes;
        var path = dir.File("wandb/run-20250101_000000-abc123/run-abc123.wandb");
        var boundaries = log.Offsets.Skip(1).Select(o => (int)o).Append(bytes.Length).ToList();
        var written = 0;
        void WriteTo(int end)
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            file.Write(bytes, written, end - written);
            written = end;
        }
        WriteTo(boundaries[0]);
        using var live = LiveScan.Follow(dir.Path, options: Live);
        for (var b = 1; b < boundaries.Count; b++)
        {
            // Half a record first: nothing new, nothing reported.
            var before = live.Result.Records;
            WriteTo(written + (boundaries[b] - written) / 2);
            live.Update();
            Assert.Equal(before, live.Result.Records);
            Assert.Empty(live.Result.Issues);
            WriteTo(boundaries[b]);
            live.Update();
            if (b % 7 == 0 || b == boundaries.Count - 1)
                LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, $"after record {b}");
        }
        Assert.Equal(60, live.Result.Records);
        Assert.True(live.Finished, live.Status.ToString());
    }

    private static byte[] GzipMember(int from, int count)
    {
        var text = string.Concat(Enumerable.Range(from, count).Select(k => string.Create(CultureInfo.InvariantCulture, $"{{\"step\":{k},\"reward\":{Value(k):R}}}\n")));
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(text));
        return memory.ToArray();
    }

    private static void AppendBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = new FileStream(path, FileMode.Append);
        file.Write(bytes);
    }

    [Fact]
    public void A_gzip_log_appended_member_by_member_equals_a_full_scan_after_every_append_and_reads_only_new_members()
    {
        using var dir = new TempDir();
        var path = dir.File("run/metrics.jsonl.gz");
        using var live = Simulate(dir, i => AppendBytes(path, GzipMember(i * 10, 1 + i)));
        Assert.DoesNotContain(live.Result.Notes, n => n.StartsWith("live: files of", StringComparison.Ordinal));
        var size = new FileInfo(path).Length;

        AppendBytes(path, GzipMember(1000, 40));
        live.Update();

        Assert.Equal(new FileInfo(path).Length - size, live.Status.BytesRead);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "last member");
    }

    [Fact]
    public void A_gzip_member_cut_mid_write_is_read_once_whole_and_never_reported()
    {
        using var dir = new TempDir();
        var path = dir.File("run/metrics.jsonl.gz");
        File.WriteAllBytes(path, GzipMember(0, 50));
        using var live = LiveScan.Follow(dir.Path, options: Live);
        var second = GzipMember(50, 500);
        AppendBytes(path, second.AsSpan(0, second.Length / 2));

        live.Update();
        Assert.Empty(live.Result.Issues);
        Assert.InRange(live.Result.Records, 50, 549);

        AppendBytes(path, second.AsSpan(second.Length / 2));
        live.Update();

        Assert.Equal(550, live.Result.Records);
        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "whole");
    }

    [Fact]
    public void A_gzip_csv_appended_member_by_member_equals_a_full_scan_after_every_append()
    {
        using var dir = new TempDir();
        var path = dir.File("ppo_1/progress.csv.gz");
        static byte[] Rows(string text)
        {
            using var memory = new MemoryStream();
            using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
                gzip.Write(Encoding.UTF8.GetBytes(text));
            return memory.ToArray();
        }
        using var live = Simulate(dir, i => AppendBytes(path, Rows((i == 0 ? "time/total_timesteps,reward\n" : "")
            + string.Concat(Enumerable.Range(0, 1 + i).Select(k => string.Create(CultureInfo.InvariantCulture, $"{(i * 10 + k) * 2048},{Value(k):R}\n"))))));
        Assert.DoesNotContain(live.Result.Notes, n => n.StartsWith("live: files of", StringComparison.Ordinal));
    }

    [Fact]
    public void SB3_monitor_files_equal_a_full_scan_after_every_episode()
    {
        using var dir = new TempDir();
        foreach (var env in new[] { 0, 1 })
            File.WriteAllText(dir.File($"run/{env}.monitor.csv"), $"#{{\"t_start\": 1700000000.0, \"env_id\": \"CartPole-v1\"}}\nr,l,t\n");
        using var live = Simulate(dir, i =>
            File.AppendAllText(dir.File($"run/{i % 2}.monitor.csv"), string.Create(CultureInfo.InvariantCulture, $"{Value(i):R},{10 + i},{i * 1.5:R}\n")));
        Assert.Equal(Appends, live.Result.Records);
    }

    [Fact]
    public void A_ray_tune_trial_equals_a_full_scan_after_every_result()
    {
        using var dir = new TempDir();
        const string trial = "exp/PPO_CartPole-v1_0_2020-01-01_00-00-00abcdef";
        File.WriteAllText(dir.File($"{trial}/params.json"), "{\"lr\": 0.01}");
        using var live = Simulate(dir, i =>
            File.AppendAllText(dir.File($"{trial}/result.json"), string.Create(CultureInfo.InvariantCulture,
                $"{{\"training_iteration\": {i + 1}, \"timesteps_total\": {(i + 1) * 4000}, \"episode_reward_mean\": {Value(i):R}, \"done\": false}}\n")));
        Assert.Equal(Appends, live.Result.Records);
        Assert.DoesNotContain(live.Result.Notes, n => n.StartsWith("live: files of", StringComparison.Ordinal));
    }
}
