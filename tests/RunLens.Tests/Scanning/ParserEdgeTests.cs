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
}
