using System.Text;
using RunLens.TestSupport;
using static RunLens.Tests.Scanning.ScanFixtures;

namespace RunLens.Tests.Formats.Json;

/// <summary>
/// Records longer than the reader's window (4 KB here, 8 MB in a scan) are read in passing: a giant string or array
/// is left out, the numbers around it load, and the buffer never grows to hold the record.
/// </summary>
public class OversizedRecordTests
{
    private const int Window = 4096;

    private static string Giant(int length) => new('g', length);

    [Fact]
    public void A_string_longer_than_the_window_is_left_out_and_its_numeric_siblings_count()
    {
        using var dir = new TempDir();
        var path = dir.Write("log.jsonl", "{\"step\":0,\"loss\":1.5}\n"
            + "{\"step\":1,\"note\":\"" + Giant(50_000) + "\",\"loss\":2.5,\"nested\":{\"x\":3}}\n"
            + "{\"step\":2,\"loss\":3.5}\n");

        var read = JsonReading.Read(path, Window);

        Assert.Equal([0.0, 1, 2], read.Records.Select(r => r["step"]));
        Assert.Equal([1.5, 2.5, 3.5], read.Records.Select(r => r["loss"]));
        Assert.Equal(3.0, read.Records[1]["nested.x"]);
        Assert.Empty(read.Issues.Skipped);
        var issue = Assert.Single(read.Issues.Issues);
        Assert.Equal(22, issue.Offset);
        Assert.Equal(2, issue.Line);
        Assert.Contains("1 string(s) longer than 256 bytes (the longest 50000 bytes) read as empty", issue.Message);
        Assert.Equal(0, read.Issues.Damage);
    }

    [Fact]
    public void A_giant_array_of_numbers_and_strings_in_a_json_array_file_is_skipped_and_the_next_records_load()
    {
        using var dir = new TempDir();
        var array = "[" + string.Join(",", Enumerable.Range(0, 5000).Select(i => i % 7 == 0 ? "\"a]}\\\"b\"" : i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
        var path = dir.Write("log.json", "[{\"step\":0,\"r\":1},\n{\"step\":1,\"obs\":" + array + ",\"r\":2},\n{\"step\":2,\"r\":3}]\n");

        var read = JsonReading.Read(path, Window);

        Assert.Equal([1.0, 2, 3], read.Records.Select(r => r["r"]));
        Assert.False(read.Records[1].ContainsKey("obs"));
        Assert.Contains("every string kept, its arrays skipped", Assert.Single(read.Issues.Issues).Message);
    }

    [Fact]
    public void Gzip_files_read_an_oversized_record_the_same_way()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "log.jsonl.gz");
        WriteGzip(path, "{\"step\":0,\"text\":\"" + Giant(20_000) + "\",\"r\":7}\n{\"step\":1,\"r\":8}\n");

        var read = JsonReading.Read(path, Window);

        Assert.Equal([7.0, 8], read.Records.Select(r => r["r"]));
    }

    [Fact]
    public void An_oversized_last_record_keeps_its_short_text_for_the_latest_row()
    {
        using var dir = new TempDir();
        var path = dir.Write("log.jsonl", "{\"step\":0,\"r\":1}\n{\"step\":1,\"name\":\"short\",\"blob\":\"" + Giant(10_000) + "\",\"r\":2}\n");

        var read = JsonReading.Read(path, Window, wantText: true);

        Assert.Equal("short", read.Texts[1]["name"]);
        Assert.Equal("", read.Texts[1]["blob"]);
        Assert.Equal("short", read.LastTexts!["name"]);
    }

    [Fact]
    public void Escaped_quotes_and_brackets_inside_a_giant_string_do_not_end_it_early()
    {
        using var dir = new TempDir();
        var tricky = string.Concat(Enumerable.Repeat("\\\"}]{[\\\\", 2000));
        var path = dir.Write("log.jsonl", "{\"step\":0,\"s\":\"" + tricky + "\",\"r\":1}\n{\"step\":1,\"r\":2}\n");

        var read = JsonReading.Read(path, Window);

        Assert.Empty(read.Issues.Skipped);
        Assert.Equal([1.0, 2], read.Records.Select(r => r["r"]));
    }

    [Fact]
    public void An_oversized_record_cut_by_the_end_of_the_file_is_reported_as_truncated()
    {
        using var dir = new TempDir();
        var path = dir.Write("log.jsonl", "{\"step\":0,\"r\":1}\n{\"step\":1,\"s\":\"" + Giant(10_000));

        var read = JsonReading.Read(path, Window);

        Assert.Single(read.Records);
        Assert.Equal(1, read.Issues.Skipped["truncated"]);
        Assert.Contains("cut off (10015 bytes without an end)", Assert.Single(read.Issues.Issues).Message);
    }

    [Fact]
    public void An_oversized_record_that_is_broken_is_skipped_with_its_offset_and_reading_resumes_after_it()
    {
        using var dir = new TempDir();
        var path = dir.Write("log.jsonl", "{\"step\":0,\"r\":1}\n{\"step\":1,\"s\":\"" + Giant(10_000) + "\",\"r\":}\n{\"step\":2,\"r\":3}\n");

        var read = JsonReading.Read(path, Window);

        Assert.Equal([1.0, 3], read.Records.Select(r => r["r"]));
        Assert.Equal(1, read.Issues.Skipped["invalid JSON"]);
        var issue = Assert.Single(read.Issues.Issues);
        Assert.Equal(17, issue.Offset);
        Assert.StartsWith("invalid JSON:", issue.Message);
    }

    [Fact]
    public void A_record_whose_numbers_alone_exceed_the_window_is_skipped_and_said_so()
    {
        using var dir = new TempDir();
        var many = string.Join(",", Enumerable.Range(0, 1000).Select(i => $"\"k{i}\":{i}"));
        var path = dir.Write("log.jsonl", "{\"step\":0,\"r\":1}\n{" + many + "}\n{\"step\":2,\"r\":3}\n");

        var read = JsonReading.Read(path, Window);

        Assert.Equal([1.0, 3], read.Records.Select(r => r["r"]));
        Assert.Equal(1, read.Issues.Skipped["record too large"]);
    }

    [Fact]
    public void Records_that_fit_the_window_read_exactly_as_before()
    {
        using var dir = new TempDir();
        var text = FlatRun(300);
        var path = dir.Write("log.json", text);

        var small = JsonReading.Read(path, Window);
        var large = JsonReading.Read(path);

        Assert.Equal(300, small.Records.Count);
        Assert.Equal(large.Records, small.Records);
        Assert.Empty(small.Issues.Issues);
        Assert.True(Encoding.UTF8.GetByteCount(text) > 4 * Window);
    }
}
