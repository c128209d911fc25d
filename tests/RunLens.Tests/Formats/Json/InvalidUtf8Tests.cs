using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Json;

/// <summary>
/// Bytes that are not UTF-8 inside a string cost nothing but the bad bytes: names and text read with U+FFFD in their
/// place (as Python's json reads a file opened with errors="replace"), numbers load, and the file gets one issue.
/// </summary>
public class InvalidUtf8Tests
{
    private static string WriteBytes(TempDir dir, string name, params byte[][] parts)
    {
        var path = dir.File(name);
        File.WriteAllBytes(path, parts.SelectMany(p => p).ToArray());
        return path;
    }

    private static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_record_with_invalid_utf8_in_a_string_keeps_its_numbers(bool wantText)
    {
        using var dir = new TempDir();
        var path = WriteBytes(dir, "log.jsonl",
            Ascii("{\"step\":0,\"r\":1}\n{\"step\":1,\"name\":\"ab"), [0xFF, 0xC3], Ascii("cd\",\"r\":2}\n{\"step\":2,\"r\":3}\n"));

        var read = JsonReading.Read(path, wantText: wantText);

        Assert.Equal([1.0, 2, 3], read.Records.Select(r => r["r"]));
        if (wantText)
            Assert.Equal("ab\uFFFD\uFFFDcd", read.Texts[1]["name"]);
        Assert.Empty(read.Issues.Skipped);
        var issue = Assert.Single(read.Issues.Issues);
        Assert.Equal(17, issue.Offset);
        Assert.Equal(2, issue.Line);
        Assert.StartsWith("1 record(s) hold text or names that are not valid UTF-8", issue.Message);
        Assert.Equal(0, read.Issues.Damage);
    }

    [Fact]
    public void A_name_with_invalid_utf8_is_read_with_a_replacement_character_like_pythons_errors_replace()
    {
        using var dir = new TempDir();
        var path = WriteBytes(dir, "log.jsonl", Ascii("{\"step\":0,\"lo"), [0xFE], Ascii("ss\":1.5}\n{\"step\":1,\"lo"), [0xFE], Ascii("ss\":2.5}\n"));

        var read = JsonReading.Read(path);

        Assert.Equal([1.5, 2.5], read.Records.Select(r => r["lo\uFFFDss"]));
        Assert.StartsWith("2 record(s)", Assert.Single(read.Issues.Issues).Message);
    }

    [Fact]
    public void An_escaped_lone_surrogate_in_text_is_repaired_rather_than_costing_the_record()
    {
        using var dir = new TempDir();
        var path = dir.Write("log.jsonl", "{\"step\":0,\"name\":\"a\\ud800b\",\"r\":1}\n");

        var read = JsonReading.Read(path, wantText: true);

        Assert.Equal(1.0, Assert.Single(read.Records)["r"]);
        Assert.Empty(read.Issues.Skipped);
    }

    [Fact]
    public void Valid_non_ascii_text_is_not_reported()
    {
        using var dir = new TempDir();
        var path = dir.Write("log.jsonl", "{\"step\":0,\"name\":\"café ✓\",\"r\":1}\n");

        var read = JsonReading.Read(path, wantText: true);

        Assert.Equal("café ✓", read.Texts[0]["name"]);
        Assert.Empty(read.Issues.Issues);
    }
}

/// <summary>CSV text cells decode leniently already: a cell with bytes that are not UTF-8 costs no row.</summary>
public class CsvInvalidUtf8Tests
{
    [Fact]
    public void A_csv_row_with_invalid_utf8_in_a_text_cell_keeps_its_numbers_and_the_text_reads_with_a_replacement_character()
    {
        using var dir = new TempDir();
        var path = dir.File("progress.csv");
        File.WriteAllBytes(path, [.. "step,note,reward\n1,ok,10\n2,a"u8, 0xFF, .. "b,20\n"u8]);

        var read = RunLens.Tests.Formats.Csv.CsvReading.Read(path);

        Assert.Equal([10.0, 20.0], read.Rows.Select(r => r.Values["reward"]));
        Assert.Equal("a\uFFFDb", read.Rows[1].Texts["note"]);
        Assert.Empty(read.Skipped);
    }
}
