namespace RunLens.Fuzz.Tests;

/// <summary>The invariants themselves must be able to fail: a reader that drops data silently is a finding.</summary>
public class HarnessTests
{
    private static Outcome Check(Func<string, Outcome> read, byte[] input)
    {
        var scratch = Smoke.Scratch();
        try
        {
            return new Harness("fake", "fake.log", "a reader that returns what the test says", read).Run(input, scratch);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void A_record_counted_as_skipped_without_an_issue_is_a_finding()
    {
        var silent = new Outcome(1, []) { Skipped = new Dictionary<string, long> { ["malformed"] = 1 } };

        var finding = Assert.Throws<FuzzFindingException>(() => Check(_ => silent, "{}\n{"u8.ToArray()));
        Assert.Contains("counted as skipped (malformed)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reader_that_stops_before_the_end_without_an_issue_is_a_finding()
    {
        var finding = Assert.Throws<FuzzFindingException>(() => Check(_ => new Outcome(1, []) { StoppedAt = 3 }, "abcdef"u8.ToArray()));
        Assert.Contains("stopped at byte 3 of 6", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_issue_beyond_the_end_of_the_file_is_a_finding()
    {
        var finding = Assert.Throws<FuzzFindingException>(() => Check(path => new Outcome(0, [new LoadIssue(path, 99, null, "cut short")]), "ab"u8.ToArray()));
        Assert.Contains("offset 99 of a 2-byte file", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_skip_with_its_issue_and_a_stop_at_the_end_pass()
    {
        var outcome = Check(path => new Outcome(1, [new LoadIssue(path, 2, 1, "cut short")])
        {
            Skipped = new Dictionary<string, long> { ["truncated"] = 1 },
            StoppedAt = 6,
        }, "abcdef"u8.ToArray());

        Assert.Equal(1, outcome.Records);
    }
}
