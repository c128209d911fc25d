using System.Buffers.Binary;
using System.Text;
using RunLens.TestSupport;
using static RunLens.Tests.Formats.Numpy.NpyFixtures;

namespace RunLens.Tests.Formats.Acceptance;

/// <summary>
/// Issue 5's bad-input acceptance, end to end through the public API only (<see cref="Runs.Load"/>,
/// <c>run.Scan()</c>, <c>run.Episodes</c>, <c>runs.Describe()</c>, <c>run.Metric</c>): one tiny valid run per format,
/// written by the repo's own writers or as literal text, with one kind of damage. Each test pins the issue's file and
/// line/offset and the exact number of points that still load (readable off the fixture).
/// </summary>
public class BadInputAcceptanceTests
{
    /// <summary>The offsets of a TFRecord file's records, read off the framing (8-byte length, 4-byte CRC, data, 4-byte CRC).</summary>
    private static List<(long Offset, int Length)> RecordFrames(byte[] bytes)
    {
        var frames = new List<(long, int)>();
        for (var at = 0; at + 12 <= bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));
            frames.Add((at, length));
            at += 12 + length + 4;
        }
        return frames;
    }

    /// <summary>A TensorBoard run of five "train/loss" scalars at steps 0..4 (value step / 2): a file-version record, then one record per scalar.</summary>
    private static string WriteFiveScalars(string folder)
    {
        Directory.CreateDirectory(folder);
        using var events = new TensorBoardEventWriter(folder, wallTime: 1700000000);
        for (var step = 0; step < 5; step++)
            events.WriteScalars(step, 1700000001 + step, [new("train/loss", step * 0.5)]);
        return events.FilePath;
    }

    [Fact]
    public void TensorBoard_flipped_byte_in_a_record_data_names_the_file_and_record_offset_and_the_other_records_load()
    {
        using var dir = new TempDir();
        var path = WriteFiveScalars(Path.Combine(dir.Path, "tb", "PPO_1"));
        var bytes = File.ReadAllBytes(path);
        var frames = RecordFrames(bytes);
        Assert.Equal(6, frames.Count); // the file version, then steps 0..4
        var (bad, _) = frames[3];      // the scalar at step 2
        bytes[bad + 12 + 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var runs = Runs.Load(dir.Path);
        var run = Assert.Single(runs);
        var listing = runs.Describe();

        Assert.Equal([(0L, 0.0), (1L, 0.5), (3L, 1.5), (4L, 2.0)], run.Metric("train/loss").Points.Select(p => (p.Step, p.Value)));
        var issue = Assert.Single(listing.AllIssues);
        Assert.Equal((path, (long?)bad), (issue.File, issue.Offset));
        Assert.Equal(4, listing[0].Metric("train/loss")!.Points);
        Assert.Equal(1, listing[0].Skipped.Values.Sum());
    }

    [Fact]
    public void TensorBoard_record_cut_short_at_the_end_is_reported_at_its_offset_and_every_earlier_record_loads()
    {
        using var dir = new TempDir();
        var path = WriteFiveScalars(Path.Combine(dir.Path, "tb", "PPO_1"));
        var bytes = File.ReadAllBytes(path);
        var last = RecordFrames(bytes)[^1].Offset;
        File.WriteAllBytes(path, bytes[..^5]); // the last record loses its CRC and one byte of data

        var runs = Runs.Load(dir.Path);
        var run = Assert.Single(runs);
        var listing = runs.Describe();

        Assert.Equal([0L, 1, 2, 3], run.Metric("train/loss").Points.Select(p => p.Step));
        var issue = Assert.Single(listing.AllIssues);
        Assert.Equal((path, (long?)last), (issue.File, issue.Offset));
        Assert.Equal(4, listing[0].Metric("train/loss")!.Points);
    }

    [Fact]
    public void Sb3_progress_csv_malformed_line_is_reported_with_line_and_offset_and_the_other_rows_load()
    {
        using var dir = new TempDir();
        const string text = "time/total_timesteps,rollout/ep_rew_mean\n128,5.0\n256,6.0,oops\n384,7.0\n512,8.0\n";
        var path = dir.Write("ppo/CartPole-v1_1/progress.csv", text);

        var runs = Runs.Load(dir.Path);
        var run = Assert.Single(runs);
        var listing = runs.Describe();

        Assert.Equal([(128L, 5.0), (384L, 7.0), (512L, 8.0)], run.Metric("rollout/ep_rew_mean").Points.Select(p => (p.Step, p.Value)));
        var issue = Assert.Single(listing.AllIssues);
        Assert.Equal(path, issue.File);
        Assert.Equal(3, issue.Line);
        Assert.Equal(text.IndexOf("256,", StringComparison.Ordinal), issue.Offset);
        Assert.Equal(3, listing[0].Records);
    }

    [Fact]
    public void Sb3_monitor_csv_malformed_line_is_reported_with_line_and_offset_and_the_other_episodes_load()
    {
        using var dir = new TempDir();
        const string text = "#{\"t_start\": 1000.5, \"env_id\": \"CartPole-v1\"}\nr,l,t\r\n10.0,10,0.5\r\n20.0,20,1.5,9\r\n30.0,30,4.0\r\n40.0,40,5.0\r\n";
        var path = dir.Write("ppo/CartPole-v1_1/0.monitor.csv", text);

        var runs = Runs.Load(dir.Path);
        var run = Assert.Single(runs);
        var listing = runs.Describe();

        Assert.Equal(3, run.Scan().Records);
        Assert.Equal([10.0, 30, 40], run.Episodes.Select(e => e.Return));
        Assert.NotEmpty(listing.AllIssues);
        Assert.All(listing.AllIssues, i => Assert.Equal((path, 4L, (long)text.IndexOf("20.0,20,1.5,9", StringComparison.Ordinal)), (i.File, i.Line!.Value, i.Offset!.Value)));
        Assert.Equal(3, listing[0].Episodes.Count);
    }

    [Fact]
    public void Ray_empty_result_json_is_a_failed_trial_noted_by_file_not_an_issue_and_the_healthy_trial_beside_it_loads_every_point()
    {
        using var dir = new TempDir();
        const string healthy = "PPO_CartPole-v1_0_2020-01-01_00-00-00abcdef";
        const string broken = "PPO_CartPole-v1_1_2020-01-01_00-00-01abcdef";
        dir.Write($"exp/{healthy}/params.json", "{\"lr\": 0.01}");
        dir.Write($"exp/{healthy}/result.json",
            "{\"episode_reward_mean\": 10.5, \"timesteps_total\": 100, \"training_iteration\": 1}\n"
            + "{\"episode_reward_mean\": 20.5, \"timesteps_total\": 200, \"training_iteration\": 2}\n"
            + "{\"episode_reward_mean\": 30.5, \"timesteps_total\": 300, \"training_iteration\": 3}\n");
        dir.Write($"exp/{broken}/params.json", "{\"lr\": 0.1}");
        var empty = dir.Write($"exp/{broken}/result.json", "");

        var runs = Runs.Load(dir.Path);
        var listing = runs.Describe();

        Assert.Equal(2, runs.Count);
        var failed = Assert.Single(listing, r => r.Status == "FAILED");
        // A trial that died before its first report lost nothing: a note names the empty file, no issue (no exit 2).
        Assert.Contains("empty result.json: the trial produced no results", failed.Notes);
        Assert.True(File.Exists(empty));
        Assert.Empty(listing.AllIssues);
        var ok = Assert.Single(listing, r => r.Status != "FAILED");
        Assert.Empty(ok.Issues);
        Assert.Equal(3, ok.Metric("episode_reward_mean")!.Points);
        var healthyRun = runs[ok.Name];
        Assert.Equal([10.5, 20.5, 30.5], healthyRun.Metric("episode_reward_mean").Points.Select(p => p.Value));
    }

    [Fact]
    public void Mlflow_malformed_metric_line_is_reported_with_line_and_offset_and_the_other_points_load()
    {
        using var dir = new TempDir();
        var mlruns = Path.Combine(dir.Path, "mlruns");
        string runDirectory;
        using (var writer = new MlflowRunWriter(mlruns, startTime: 1700000000))
        {
            for (var step = 0; step < 5; step++)
                writer.WriteScalars(step, 1700000001 + step, [new("loss", step + 1.0)]);
            runDirectory = writer.RunDirectory;
        }
        var path = Path.Combine(runDirectory, "metrics", "loss");
        var lines = File.ReadAllLines(path);
        Assert.Equal(5, lines.Length);
        var offset = Encoding.UTF8.GetByteCount(lines[0]) + Encoding.UTF8.GetByteCount(lines[1]) + 2;
        lines[2] = lines[2].Replace(" 3.0 ", " 3.0x ", StringComparison.Ordinal);
        Assert.Contains("3.0x", lines[2], StringComparison.Ordinal);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");

        var runs = Runs.Load(dir.Path);
        var run = Assert.Single(runs);
        var listing = runs.Describe();

        Assert.Equal([(0L, 1.0), (1L, 2.0), (3L, 4.0), (4L, 5.0)], run.Metric("loss").Points.Select(p => (p.Step, p.Value)));
        var issue = Assert.Single(listing.AllIssues);
        Assert.Equal((path, 3L, (long)offset), (issue.File, issue.Line!.Value, issue.Offset!.Value));
        Assert.Equal(4, listing[0].Metric("loss")!.Points);
    }

    [Fact]
    public void Corrupt_npz_member_is_reported_with_file_and_offset_and_the_other_arrays_and_the_monitor_load()
    {
        using var dir = new TempDir();
        dir.Write("ppo/CartPole-v1_1/0.monitor.csv", "#{\"t_start\": 1000.5, \"env_id\": \"CartPole-v1\"}\nr,l,t\r\n10.0,10,0.5\r\n20.0,20,1.5\r\n");
        var lengths = Array("<i8", [2, 3], [5, 6, 7, 50, 50, 50]);
        var zip = Npz(false,
            ("timesteps", Array("<i8", [2], [1000, 2000])),
            ("results", Array("<f8", [2, 3], [1, 2, 6, 10, 10, 10])),
            ("ep_lengths", lengths));
        var dataStart = MemberDataOffset(zip, 2) + NpyDataStart(lengths);
        zip[dataStart + 3] ^= 0x40; // inside ep_lengths' data: its zip CRC no longer matches
        var path = dir.File("ppo/CartPole-v1_1/evaluations.npz");
        File.WriteAllBytes(path, zip);

        var runs = Runs.Load(dir.Path);
        var run = Assert.Single(runs);
        var listing = runs.Describe();

        var issues = listing.AllIssues.Where(i => i.File == path).ToList();
        Assert.NotEmpty(issues);
        Assert.Contains(issues, i => i.Offset == dataStart && i.Message.Contains("ep_lengths", StringComparison.Ordinal));
        // The evaluation rewards (two evaluations of three episodes) still load; the two monitor episodes too.
        Assert.Equal([3.0, 10], run.Metric("eval/mean_reward").Points.Select(p => p.Value));
        Assert.Equal(2, run.Episodes.Count(e => e.Kind != "evaluation"));
        Assert.Equal(6, run.Episodes.Count(e => e.Kind == "evaluation"));
    }
}
