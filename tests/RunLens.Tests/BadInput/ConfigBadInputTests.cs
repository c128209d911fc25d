using RunLens.TestSupport;
using static RunLens.Tests.BadInput.BadInputCorpus;

namespace RunLens.Tests.BadInput;

/// <summary>
/// Issue 17's bad-input corpus for run configs (YAML): nesting that would overflow the stack, duplicate keys, a file
/// cut short, BOM and CRLF. A broken config never costs the run its records.
/// </summary>
public class ConfigBadInputTests
{
    [Theory]
    [InlineData("flow")]
    [InlineData("block")]
    public void A_config_nested_a_hundred_thousand_deep_is_an_issue_with_its_line_not_a_stack_overflow(string style)
    {
        // Before, each level was a call of the parser: 100,000 '[' ended the process (a stack overflow cannot be caught).
        using var dir = new TempDir();
        var yaml = style == "flow"
            ? "lr: 0.1\nnet: " + new string('[', 100_000) + new string(']', 100_000) + "\n"
            : "lr: 0.1\nnet:\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => new string(' ', i + 1) + "- \n"));
        var path = dir.Write("config.yaml", yaml);
        dir.Write("log.jsonl", LossLines(2));

        var (run, issues) = LoadSingle(dir.Path);

        Assert.Equal([0L, 1], Points(run, "loss").Select(p => p.Step));
        Assert.Empty(run.Info.Config);
        var issue = Assert.Single(issues);
        Assert.Equal(path, issue.File);
        Assert.Equal(style == "flow" ? 2 : 2 + 256, issue.Line);
        Assert.Contains("nested deeper than 256 levels", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_given_twice_keeps_the_last_value_as_pyyaml_does()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", "lr: 0.1\nlr: 0.2\nseed: 3\n");
        dir.Write("log.jsonl", LossLines(1));

        var (run, issues) = LoadSingle(dir.Path);

        Assert.Equal(0.2, run.Info.Config["lr"].Number);
        Assert.Equal(3, run.Info.Config["seed"].Number);
        Assert.Empty(issues);
    }

    [Fact]
    public void A_config_cut_inside_a_flow_list_is_an_issue_at_its_line_and_the_records_load()
    {
        using var dir = new TempDir();
        var path = dir.Write("config.yaml", "lr: 0.1\nnet_arch: [64, 6");
        dir.Write("log.jsonl", LossLines(2));

        var (run, issues) = LoadSingle(dir.Path);

        Assert.Equal(2, Points(run, "loss").Count);
        var issue = Assert.Single(issues);
        Assert.Equal((path, 2L), (issue.File, issue.Line!.Value));
    }

    [Fact]
    public void A_byte_order_mark_and_crlf_line_ends_read_like_plain_lines()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", "\uFEFFlr: 0.1\r\nname: 'ppo'\r\n");
        dir.Write("log.jsonl", LossLines(1));

        var (run, issues) = LoadSingle(dir.Path);

        Assert.Equal(0.1, run.Info.Config["lr"].Number);
        Assert.Equal("ppo", run.Info.Config["name"].Text);
        Assert.Empty(issues);
    }
}
