namespace RunLens.Fuzz.Tests;

/// <summary>
/// Every finding of the fuzzers, as the input that found it, replayed through its harness (so the invariants hold
/// for it) and checked for the exact records and issue the fix gives.
/// </summary>
public class RegressionTests
{
    private static Outcome Run(string harness, byte[] input)
    {
        var scratch = Smoke.Scratch();
        try
        {
            return Harnesses.Get(harness).Run(input, scratch);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void A_monitor_row_of_text_cells_only_is_reported_not_dropped_silently()
    {
        // Found by the smoke pass: the CSV layer skipped the row (no number in it) and counted it, but the monitor
        // reader does not report text cells, so nothing said where it was.
        var input = "#{\"t_start\": 1.0}\r\nr,l,t\r\nabc,def,ghi\r\n-1.5,3,0.25\r\n"u8.ToArray();

        var outcome = Run("monitor", input);

        Assert.Equal(1, outcome.Records);
        var issue = Assert.Single(outcome.Issues);
        Assert.Equal((26L, 3L), (issue.Offset, issue.Line));
        Assert.Contains("no number in any cell", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: \"q\\uoted\"\n", "\\uoted is not an escaped Unicode character")]     // found by the smoke pass: FormatException
    [InlineData("name: \"\\Uffffffff\"\n", "\\Uffffffff is not an escaped Unicode character")] // beyond U+10FFFF: ArgumentOutOfRangeException before
    [InlineData("name: \"\\ud800\"\n", "\\ud800 is not an escaped Unicode character")]         // a lone surrogate
    public void A_yaml_escape_that_is_not_a_character_is_a_yaml_error_with_its_line(string yaml, string message)
    {
        var outcome = Run("yaml", System.Text.Encoding.UTF8.GetBytes(yaml));

        var issue = Assert.Single(outcome.Issues);
        Assert.Equal(1, issue.Line);
        Assert.Contains(message, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_escape_of_a_real_character_still_reads()
    {
        var outcome = Run("yaml", "name: \"caf\\u00e9 \\U0001F600\"\n"u8.ToArray());

        Assert.Empty(outcome.Issues);
        Assert.Equal(1, outcome.Records);
    }

    [Fact]
    public void A_tfrecord_length_near_two_to_the_63_with_a_valid_checksum_is_a_record_cut_short_not_a_negative_seek()
    {
        // Found by the tfevents-crc harness: offset + frame overflowed to a negative position and the seek threw.
        byte[] header = [0xF0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0, 1, 2, 3, 4];

        var outcome = Run("tfevents-crc", header);

        Assert.Equal(0, outcome.Records);
        var issue = Assert.Single(outcome.Issues);
        Assert.Equal(0, issue.Offset);
        Assert.Contains("cut short", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wandb_history_value_of_invalid_utf8_is_not_a_number_and_not_a_crash()
    {
        // Found by the wandb-crc harness: the JSON string "\x80" threw InvalidOperationException out of the reader.
        byte[] item = [0x0A, 0x04, (byte)'l', (byte)'o', (byte)'s', (byte)'s', 0x82, 0x01, 0x03, (byte)'"', 0x80, (byte)'"'];
        byte[] record = [0x12, (byte)(item.Length + 2), 0x0A, (byte)item.Length, .. item];
        byte[] log = [(byte)':', (byte)'W', (byte)'&', (byte)'B', 0xE1, 0xBE, 0, 0, 0, 0, 0, (byte)record.Length, 0, 1, .. record];

        var outcome = Run("wandb-crc", log);

        Assert.DoesNotContain(outcome.Issues, i => i.Message.Contains("Exception", StringComparison.Ordinal));
    }
}
