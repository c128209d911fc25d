using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Episodes;

public class BatchEpisodesTests
{
    [Fact]
    public void The_batch_logger_s_episode_sample_reads_back_as_training_episodes()
    {
        using var dir = new TempDir();
        double[] returns = [10, 20, 30];
        double[] lengths = [10, 20, 500];
        bool[] success = [false, false, true];
        using (var writer = RunWriter.Create(Path.Combine(dir.Path, "ppo")))
        {
            var batches = new BatchLogger(writer, new BatchLoggingOptions(SampleFrequency: 1, NumSamples: 3));
            batches.LogBatch(0, returns, lengths, success);
            batches.LogBatch(1, returns, lengths, success);
        }

        var episodes = Runs.Load(dir.Path)["ppo"].Episodes;

        Assert.Empty(episodes.Issues);
        Assert.Equal(6, episodes.Count);
        Assert.All(episodes, e => Assert.Equal((EpisodeKinds.Training, "ppo/episodes.jsonl", (long?)null), (e.Kind, e.Source, e.TrainingStep)));
        Assert.Equal([0L, 0, 0, 1, 1, 1], episodes.Select(e => e.Update!.Value));
        Assert.Equal([10.0, 20, 30, 10, 20, 30], episodes.Select(e => e.Return));
        Assert.Equal([10L, 20, 500, 10, 20, 500], episodes.Select(e => e.Length));
        Assert.Equal([false, false, true, false, false, true], episodes.Select(e => e.Success!.Value));
    }

    [Fact]
    public void Bad_and_cut_lines_are_reported_with_offset_and_line_and_the_rest_loads()
    {
        using var dir = new TempDir();
        var path = dir.Write("run/episodes.jsonl",
            "{\"update\":0,\"episode\":0,\"return\":1,\"length\":5,\"success\":false}\r\n" +
            "\r\n" +
            "{\"update\":0,\"episode\":1,\"length\":5}\r\n" +
            "{\"update\":0,\"episode\":2,\"return\":2,\"length\":6,\"success\":true}\r\n" +
            "{\"update\":1,\"episode\":0,\"re");

        var run = Assert.Single(Runs.Load(dir.Path));
        var episodes = run.Episodes;

        Assert.Equal([1.0, 2], episodes.Select(e => e.Return));
        // Line starts (CRLF endings): 0, 64, 66, 103, 166.
        Assert.Collection(episodes.Issues,
            i => Assert.Equal((path, 66L, 3L, "not an episode row (needs numbers \"return\" and \"length\"); line skipped"), (i.File, i.Offset!.Value, i.Line!.Value, i.Message)),
            i => Assert.Equal((path, 166L, 5L, "the last line is cut short (no newline, not valid JSON); line skipped"), (i.File, i.Offset!.Value, i.Line!.Value, i.Message)));
    }

    [Fact]
    public void Another_tool_s_episodes_file_is_one_issue_not_one_per_line()
    {
        using var dir = new TempDir();
        var path = dir.Write("run/episodes.jsonl", string.Concat(Enumerable.Range(0, 100).Select(i => $"{{\"step\":{i},\"reward\":1}}\n")));

        var run = Assert.Single(Runs.Load(dir.Path));

        Assert.Empty(run.Episodes);
        var issue = Assert.Single(run.Episodes.Issues);
        Assert.Equal((path, 0L, 1L), (issue.File, issue.Offset!.Value, issue.Line!.Value));
        Assert.Contains("not a BatchLogger episode file", issue.Message);
        Assert.Equal(100, run.Scan().Records);
    }

    [Fact]
    public void Sample_cartpole_runs_hold_486_sampled_episodes()
    {
        var runs = Runs.Load(Path.Combine(TestPaths.SampleRuns, "cartpole-ppo")).Where(r => r.Name.Contains("seed_", StringComparison.Ordinal));

        // Counted with /usr/bin/python3: json.loads of every line of the 27 episodes.jsonl files: 486 rows, 5 with
        // success true, returns summing to 53040; lr=0.001,batch=512/seed_0 has 14 rows at updates 0 (4), 16 (3),
        // 32 (2), 48 (2), 64 (1), 80 (2), returns summing to 2320.
        Assert.Equal(27, runs.Count);
        Assert.All(runs, r => Assert.Empty(r.Episodes.Issues));
        Assert.Equal(486, runs.Sum(r => r.Episodes.Count));
        Assert.Equal(5, runs.Sum(r => r.Episodes.Count(e => e.Success == true)));
        Assert.Equal(53040.0, runs.Sum(r => r.Episodes.Sum(e => e.Return)));
        var one = runs["lr=0.001,batch=512/seed_0"].Episodes;
        Assert.Equal([0L, 0, 0, 0, 16, 16, 16, 32, 32, 48, 48, 64, 80, 80], one.Select(e => e.Update!.Value));
        Assert.Equal(2320.0, one.Sum(e => e.Return));
        Assert.Equal((301.0, 301L), (one[^1].Return, one[^1].Length));
    }
}
