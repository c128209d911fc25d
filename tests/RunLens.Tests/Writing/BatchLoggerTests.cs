using RunLens.TestSupport;
using static RunLens.Tests.Writing.WritingFixtures;

namespace RunLens.Tests.Writing;

public class BatchLoggerTests
{
    private static readonly double[] Returns = [1, 2, 3, 4];
    private static readonly double[] Lengths = [10, 20, 30, 40];
    private static readonly bool[] Success = [true, false, true, true];

    [Fact]
    public void Aggregates_of_a_tiny_batch_match_the_hand_computed_values()
    {
        using var dir = new TempDir();
        using (var run = RunWriter.Create(dir.Path, new RunWriterOptions { Clock = CountingClock() }))
            new BatchLogger(run, new BatchLoggingOptions(NumSamples: 0)).LogBatch(0, Returns, Lengths, Success, [new("policy_loss", 0.02), new("grad_norm", 0.5)]);

        var line = Assert.Single(Lines(Path.Combine(dir.Path, "metrics.jsonl")));
        var metrics = line.GetProperty("metrics").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(
            ["episode_return_mean", "episode_return_std", "episode_return_min", "episode_return_max",
             "episode_length_mean", "episode_length_std", "episode_length_min", "episode_length_max",
             "success_rate", "episodes", "policy_loss", "grad_norm"],
            line.GetProperty("metrics").EnumerateObject().Select(p => p.Name));
        // Population std of 1..4: deviations ±0.5, ±1.5, so variance (0.25+2.25)*2/4 = 1.25.
        Assert.Equal(2.5, metrics["episode_return_mean"]);
        Assert.Equal(Math.Sqrt(1.25), metrics["episode_return_std"], 1e-15);
        Assert.Equal(1, metrics["episode_return_min"]);
        Assert.Equal(4, metrics["episode_return_max"]);
        Assert.Equal(25, metrics["episode_length_mean"]);
        Assert.Equal(Math.Sqrt(125), metrics["episode_length_std"], 1e-12);
        Assert.Equal(0.75, metrics["success_rate"]);
        Assert.Equal(4, metrics["episodes"]);
        Assert.Equal(0.5, metrics["grad_norm"]);
        Assert.Equal(0, line.GetProperty("step").GetInt64());
        Assert.False(File.Exists(Path.Combine(dir.Path, "episodes.jsonl")));
    }

    [Fact]
    public void Only_updates_divisible_by_the_frequencies_write()
    {
        using var dir = new TempDir();
        using (var run = RunWriter.Create(dir.Path, new RunWriterOptions { Clock = CountingClock() }))
        {
            var batches = new BatchLogger(run, new BatchLoggingOptions(LogFrequency: 2, SampleFrequency: 3, NumSamples: 2));
            for (var update = 0; update < 7; update++)
                batches.LogBatch(update, Returns, Lengths, Success);
        }
        Assert.Equal([0L, 2L, 4L, 6L], Lines(Path.Combine(dir.Path, "metrics.jsonl")).Select(l => l.GetProperty("step").GetInt64()));
        var episodes = Lines(Path.Combine(dir.Path, "episodes.jsonl"));
        Assert.Equal([0L, 0L, 3L, 3L, 6L, 6L], episodes.Select(l => l.GetProperty("update").GetInt64()));
        Assert.Equal(["update", "episode", "return", "length", "success"], episodes[0].EnumerateObject().Select(p => p.Name));
        foreach (var e in episodes)
        {
            var i = e.GetProperty("episode").GetInt32();
            Assert.Equal(Returns[i], e.GetProperty("return").GetDouble());
            Assert.Equal(Lengths[i], e.GetProperty("length").GetDouble());
            Assert.Equal(Success[i], e.GetProperty("success").GetBoolean());
        }
    }

    [Fact]
    public void Same_seed_gives_same_sample()
    {
        Assert.Equal(Sample(seed: 11, update: 5), Sample(seed: 11, update: 5));
    }

    [Fact]
    public void Different_seed_gives_different_sample()
    {
        // 8 of 1,000 episodes: two seeds pick the same set with probability about 1/C(1000, 8), i.e. never.
        Assert.NotEqual(Sample(seed: 11, update: 5), Sample(seed: 12, update: 5));
        Assert.NotEqual(Sample(seed: 11, update: 5), Sample(seed: 11, update: 10));
    }

    [Fact]
    public void A_sample_has_no_repeats_and_takes_the_whole_batch_when_it_is_smaller()
    {
        var picked = Sample(seed: 3, update: 0, numSamples: 500, batch: 1_000);
        Assert.Equal(500, picked.Distinct().Count());
        Assert.Equal(picked.Order(), picked);
        Assert.Equal(Enumerable.Range(0, 10), Sample(seed: 3, update: 0, numSamples: 50, batch: 10));
    }

    [Fact]
    public void Invalid_options_and_batches_say_what_to_do()
    {
        using var dir = new TempDir();
        using var run = RunWriter.Create(dir.Path);
        Assert.Contains("LogFrequency must be at least 1",
            Assert.Throws<ArgumentOutOfRangeException>(() => new BatchLogger(run, new BatchLoggingOptions(LogFrequency: 0))).Message, StringComparison.Ordinal);
        Assert.Contains("SampleFrequency must be at least 1",
            Assert.Throws<ArgumentOutOfRangeException>(() => new BatchLogger(run, new BatchLoggingOptions(SampleFrequency: -1))).Message, StringComparison.Ordinal);
        Assert.Contains("between 0 and 10,000",
            Assert.Throws<ArgumentOutOfRangeException>(() => new BatchLogger(run, new BatchLoggingOptions(NumSamples: 10_001))).Message, StringComparison.Ordinal);
        Assert.Contains("between 0 and 10,000",
            Assert.Throws<ArgumentOutOfRangeException>(() => new BatchLogger(run, new BatchLoggingOptions(NumSamples: -1))).Message, StringComparison.Ordinal);

        var batches = new BatchLogger(run, new BatchLoggingOptions());
        Assert.Contains("have 4, 3 and 4",
            Assert.Throws<ArgumentException>(() => batches.LogBatch(0, Returns, Lengths.AsSpan(0, 3), Success)).Message, StringComparison.Ordinal);
        Assert.Contains("The batch is empty",
            Assert.Throws<ArgumentException>(() => batches.LogBatch(0, [], [], [])).Message, StringComparison.Ordinal);
        Assert.Contains("returns[1] is NaN",
            Assert.Throws<ArgumentException>(() => batches.LogBatch(0, [1, double.NaN], [1, 1], [true, true])).Message, StringComparison.Ordinal);
        Assert.Contains("'success_rate' clashes",
            Assert.Throws<ArgumentException>(() => batches.LogBatch(0, Returns, Lengths, Success, [new("success_rate", 1)])).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "metrics.jsonl")) && new FileInfo(Path.Combine(dir.Path, "metrics.jsonl")).Length > 0);
    }

    private static int[] Sample(int seed, long update, int numSamples = 8, int batch = 1_000)
    {
        using var dir = new TempDir();
        var returns = Enumerable.Range(0, batch).Select(i => (double)i).ToArray();
        using (var run = RunWriter.Create(dir.Path, new RunWriterOptions { Clock = CountingClock() }))
        {
            new BatchLogger(run, new BatchLoggingOptions(LogFrequency: 1, SampleFrequency: 1, NumSamples: numSamples, Seed: seed))
                .LogBatch(update, returns, returns, new bool[batch]);
        }
        return Lines(Path.Combine(dir.Path, "episodes.jsonl")).Select(l => l.GetProperty("episode").GetInt32()).ToArray();
    }
}
