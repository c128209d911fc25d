using System.Diagnostics;
using RunLens.TestSupport;
using Xunit.Abstractions;
using static RunLens.Tests.BadInput.BadInputCorpus;

namespace RunLens.Tests.BadInput;

/// <summary>
/// Issue 17's bad-input corpus for JSON logs, the cases no format test had (see README "Fuzzing and bad input" for
/// the table of every case and where it is tested): extreme literals, duplicate keys, BOM and CRLF, deep nesting,
/// gzip members cut short, concatenated or with a bad checksum, garbage and empty files with a log's name.
/// </summary>
public class JsonBadInputTests(ITestOutputHelper output)
{
    [Fact]
    public void Literals_beyond_double_range_read_as_python_floats_do_infinities_and_zero_without_issues()
    {
        using var dir = new TempDir();
        dir.Write("metrics.jsonl", "{\"step\": 1, \"loss\": 1e400}\n{\"step\": 2, \"loss\": -1e400}\n{\"step\": 3, \"loss\": 1e-400}\n{\"step\": 4, \"loss\": NaN}\n");

        var (run, issues) = LoadSingle(dir.Path);

        // float("1e400") is inf in Python, float("1e-400") is 0.0: the values a json.loads of the log gives.
        var points = Points(run, "loss");
        Assert.Equal([1L, 2, 3, 4], points.Select(p => p.Step));
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity, 0.0], points.Take(3).Select(p => p.Value));
        Assert.True(double.IsNaN(points[3].Value));
        Assert.Empty(issues);
    }

    [Fact]
    public void A_key_given_twice_in_a_record_keeps_the_last_value_as_json_loads_does()
    {
        using var dir = new TempDir();
        dir.Write("metrics.jsonl", "{\"step\": 1, \"loss\": 1, \"loss\": 2}\n{\"step\": 2, \"loss\": 3}\n");

        var (run, issues) = LoadSingle(dir.Path);

        Assert.Equal([(1L, 2.0), (2L, 3.0)], Points(run, "loss"));
        Assert.Empty(issues);
    }

    [Fact]
    public void A_byte_order_mark_and_crlf_line_ends_read_like_plain_lines()
    {
        using var dir = new TempDir();
        dir.Write("metrics.jsonl", "\uFEFF{\"step\": 1, \"loss\": 0.5}\r\n{\"step\": 2, \"loss\": 1.5}\r\n");

        var (run, issues) = LoadSingle(dir.Path);

        Assert.Equal([(1L, 0.5), (2L, 1.5)], Points(run, "loss"));
        Assert.Empty(issues);
    }

    [Fact]
    public void A_record_nested_a_thousand_deep_is_skipped_at_its_line_and_its_neighbours_load()
    {
        using var dir = new TempDir();
        var deep = string.Concat(Enumerable.Repeat("{\"a\": ", 1000)) + "1" + new string('}', 1000);
        var text = "{\"step\": 1, \"loss\": 1}\n{\"step\": 2, \"deep\": " + deep + ", \"loss\": 2}\n{\"step\": 3, \"loss\": 3}\n";
        var path = dir.Write("metrics.jsonl", text);

        var (run, issues) = LoadSingle(dir.Path);

        Assert.Equal([(1L, 1.0), (3L, 3.0)], Points(run, "loss"));
        var issue = Assert.Single(issues);
        Assert.Equal((path, 2L, (long)text.IndexOf("{\"step\": 2", StringComparison.Ordinal)), (issue.File, issue.Line!.Value, issue.Offset!.Value));
        Assert.Contains("depth", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gzip_member_cut_short_keeps_every_whole_line_before_the_cut_and_names_the_file()
    {
        using var dir = new TempDir();
        var gzip = Gzip(LossLines(400));
        var cut = gzip[..(gzip.Length * 6 / 10)];
        var path = dir.File("metrics.jsonl.gz");
        File.WriteAllBytes(path, cut);
        var whole = Recoverable(cut).Split('\n').Length - 1; // lines ended by '\n' in what the prefix decompresses to

        var (run, issues) = LoadSingle(dir.Path);

        Assert.InRange(whole, 100, 399);
        Assert.Equal(Enumerable.Range(0, whole).Select(i => (long)i), Points(run, "loss").Select(p => p.Step));
        Assert.NotEmpty(issues);
        Assert.All(issues, i => Assert.Equal(path, i.File));
    }

    [Fact]
    public void Concatenated_gzip_members_read_as_one_stream_like_gzip_does()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("metrics.jsonl.gz"), [.. Gzip(LossLines(3)), .. Gzip("{\"step\": 3, \"loss\": 1.5}\n")]);

        var (run, issues) = LoadSingle(dir.Path);

        Assert.Equal([(0L, 0.0), (1L, 0.5), (2L, 1.0), (3L, 1.5)], Points(run, "loss"));
        Assert.Empty(issues);
    }

    [Fact]
    public void A_gzip_trailer_with_a_wrong_checksum_is_reported_and_the_decoded_records_stay()
    {
        using var dir = new TempDir();
        var gzip = Gzip(LossLines(5));
        gzip[^8] ^= 0x01; // the trailer: CRC-32 of the data (4 bytes), then its length (4 bytes)
        var path = dir.File("metrics.jsonl.gz");
        File.WriteAllBytes(path, gzip);

        var (run, issues) = LoadSingle(dir.Path);

        // Before, GZipStream's failed check at the trailer took the whole read with it: no record loaded.
        Assert.Equal([0L, 1, 2, 3, 4], Points(run, "loss").Select(p => p.Step));
        var issue = Assert.Single(issues);
        Assert.Equal((path, (long?)gzip.Length), (issue.File, issue.Offset));
        Assert.Contains($"damaged after {LossLines(5).Length} decompressed bytes", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_with_a_log_name_is_reported_and_the_log_beside_it_loads_whole()
    {
        using var dir = new TempDir();
        var garbage = new byte[4096];
        new Random(17).NextBytes(garbage);
        File.WriteAllBytes(dir.File("a/metrics.jsonl"), garbage);
        dir.Write("b/metrics.jsonl", LossLines(3));

        var runs = Runs.Load(dir.Path);
        var issues = runs.Describe().AllIssues;

        Assert.Equal([0L, 1, 2], runs.Single(r => r.Info.Name.EndsWith('b')).Metric("loss").Points.Select(p => p.Step));
        Assert.NotEmpty(issues);
        Assert.All(issues, i => Assert.Equal(dir.File("a/metrics.jsonl"), i.File));
    }

    [Fact]
    public void An_empty_log_file_is_a_run_of_no_records_without_an_issue()
    {
        // By design (DamageSweepTests says so too): a writer that never flushed leaves 0 bytes, not damage.
        using var dir = new TempDir();
        dir.Write("metrics.jsonl", "");

        var (run, issues) = LoadSingle(dir.Path);

        Assert.Equal(0, run.Scan().Records);
        Assert.Empty(issues);
    }

    [Fact]
    public void Thirty_thousand_tiny_files_of_one_run_load_every_record()
    {
        // In memory where the machine has it: on this disk, creating and deleting 30,000 files took two minutes.
        var root = Directory.Exists("/dev/shm") ? Path.Combine("/dev/shm", "runlens-test-" + Guid.NewGuid().ToString("N")) : null;
        using var temp = root is null ? new TempDir() : null;
        var top = root ?? temp!.Path;
        var folder = Directory.CreateDirectory(Path.Combine(top, "json_logs")).FullName;
        try
        {
            ThirtyThousand(top, folder);
        }
        finally
        {
            if (root is not null)
                Directory.Delete(root, recursive: true);
        }
    }

    private void ThirtyThousand(string top, string folder)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 30_000; i++)
            File.WriteAllText(Path.Combine(folder, $"{i:D5}.json"), $"{{\"step\": {i}, \"loss\": 1}}\n");
        var written = clock.Elapsed;

        var runs = Runs.Load(top);
        var loaded = clock.Elapsed;
        var scan = runs.Scan();
        output.WriteLine($"written in {written.TotalSeconds:0.0} s, listed in {(loaded - written).TotalSeconds:0.0} s, scanned in {(clock.Elapsed - loaded).TotalSeconds:0.0} s");

        Assert.Equal(30_000, scan.Records);
        Assert.Equal(30_000, scan.Files);
        Assert.Empty(runs.Describe().AllIssues);
    }
}
