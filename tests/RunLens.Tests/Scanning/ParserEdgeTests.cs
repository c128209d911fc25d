using RunLens.TestSupport;
using static RunLens.Tests.Scanning.ScanFixtures;

namespace RunLens.Tests.Scanning;

/// <summary>
/// Edges of the parser's fast paths: records are parsed strictly first and again tolerantly only when that fails,
/// so these pin down that the tolerant behaviour (comments, error messages and offsets) is what users see.
/// </summary>
public class ParserEdgeTests
{
    [Fact]
    public void Comments_inside_records_are_skipped_and_every_value_loads()
    {
        using var dir = new TempDir();
        dir.Write("json_logs/0.json", """
            [
            {"step":0,"total":1.5},
            {"step":1, /* inside */ "total":2.5},
            {"step":2,"total":3 // before the end
            },
            {"step":3,"total":4}
            ]
            """);

        var scan = Scan(dir);

        Assert.Empty(scan.Issues);
        Assert.Equal(4, scan.Records);
        Assert.Equal(11.0, scan.Field("rewards.total")!.Sum);
        Assert.Equal(3, scan.StepMax);
    }

    [Fact]
    public void A_broken_record_after_commented_ones_is_reported_once_with_its_offset_and_line()
    {
        using var dir = new TempDir();
        var broken = "{\"step\":2,\"total\":}";
        var text = "{\"step\":0,\"total\":1 /* ok */}\n{\"step\":1,/*x*/\"total\":2}\n" + broken + "\n{\"step\":3,\"total\":4}\n";
        dir.Write("metrics.jsonl", text);

        var scan = Scan(dir);

        Assert.Equal(3, scan.Records);
        Assert.Equal(7.0, scan.Field("rewards.total")!.Sum);
        var issue = Assert.Single(scan.Issues);
        Assert.Equal(text.IndexOf(broken, StringComparison.Ordinal), issue.Offset);
        Assert.Equal(3, issue.Line);
        Assert.Contains("resumed", issue.Message);
    }

    [Fact]
    public void A_broken_record_keeps_the_tolerant_readers_message_and_leaves_no_values()
    {
        using var dir = new TempDir();
        // The strict reader stops at the comment; the tolerant one must be the one that reports the real error.
        dir.Write("metrics.jsonl", "{\"step\":0,\"total\":1}\n{\"step\":1,\"event\":7, /* c */ \"total\":}\n{\"step\":2,\"total\":4}\n");

        var scan = Scan(dir);

        Assert.Equal(2, scan.Records);
        Assert.Null(scan.Field("rewards.event"));
        var issue = Assert.Single(scan.Issues);
        Assert.DoesNotContain("comment", issue.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A JSON array a little over the reader's 1 MiB buffer, records packed as "},{" with no whitespace, and one
    /// special record near the first refill. Shifting the start by 0..<paramref name="shifts"/> bytes puts every byte
    /// of the special record (and the commas around it) on the buffer's edge in turn.
    /// </summary>
    private static IEnumerable<(int Pad, string Text, int Special)> AcrossTheRefill(string special, int shifts = 40)
    {
        var records = Enumerable.Range(0, 50_000).Select(i => $"{{\"step\":{i},\"total\":0.5}}").ToList();
        var boundary = 0;
        var length = 1;
        while (length < 1 << 20)
            length += records[boundary++].Length + 1;
        records[boundary] = special;
        for (var pad = 0; pad < shifts; pad++)
            yield return (pad, "[" + new string(' ', pad) + string.Join(",", records) + "]", boundary);
    }

    [Fact]
    public void A_broken_record_on_the_buffer_edge_is_reported_at_its_offset_and_the_rest_loads()
    {
        foreach (var (pad, text, special) in AcrossTheRefill("{\"step\":-1,\"total\":}"))
        {
            using var dir = new TempDir();
            dir.Write("json_logs/0.json", text);

            var scan = Scan(dir);

            Assert.Equal(49_999, scan.Records);
            Assert.Equal(49_999 * 0.5, scan.Field("rewards.total")!.Sum);
            var issue = Assert.Single(scan.Issues);
            Assert.Equal(text.IndexOf("{\"step\":-1", StringComparison.Ordinal), issue.Offset);
            Assert.True(issue.Message.Contains("resumed", StringComparison.Ordinal), $"pad {pad}, record {special}: {issue.Message}");
        }
    }

    [Fact]
    public void Records_and_nan_literals_on_the_buffer_edge_load_whole()
    {
        foreach (var (pad, text, _) in AcrossTheRefill("{\"step\":-1,\"total\":NaN,\"explore\":1}"))
        {
            using var dir = new TempDir();
            dir.Write("json_logs/0.json", text);

            var scan = Scan(dir);

            Assert.True(scan.Issues.Count == 0, $"pad {pad}: {string.Join("; ", scan.Issues)}");
            Assert.Equal(50_000, scan.Records);
            Assert.Equal(1, scan.Field("rewards.total")!.NonFinite);
            Assert.Equal(49_999 * 0.5, scan.Field("rewards.total")!.Sum);
            Assert.Equal(1, scan.Field("rewards.explore")!.Sum);
            Assert.Equal(-1, scan.StepMin);
        }
    }

    [Fact]
    public void Escaped_property_names_match_their_plain_spelling()
    {
        using var dir = new TempDir();
        dir.Write("metrics.jsonl", "{\"step\":0,\"total\":1}\n{\"st\\u0065p\":1,\"tot\\u0061l\":2}\n{\"step\":2,\"total\":4}\n");

        var scan = Scan(dir);

        Assert.Empty(scan.Issues);
        Assert.Equal(3, scan.Records);
        Assert.Equal(7.0, scan.Field("rewards.total")!.Sum);
        Assert.Equal(2, scan.StepMax);
    }
}
