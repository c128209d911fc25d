using RunLens.Formats.Sb3;
using RunLens.TestSupport;
using static RunLens.Tests.Formats.Numpy.NpyFixtures;

namespace RunLens.Tests.Formats.Numpy;

public class EvaluationsTests
{
    /// <summary>
    /// A run holding only the evaluations file, as SB3 discovery lists it (that discovery lives with the SB3 format;
    /// here the run is made by hand so the reader is tested on its own).
    /// </summary>
    internal static Run RunOf(string path, string relative = "evaluations.npz")
    {
        var file = new RunFile(path, relative, new FileInfo(path).Length) { Source = EvaluationsSource.Instance };
        var info = new RunInfo("run", "sb3", Path.GetDirectoryName(path)!, null, null, null, new Dictionary<string, ConfigValue>(), [file]);
        return new Run(info, LoadOptions.Default, [new EvaluationEpisodes(file)]);
    }

    [Fact]
    public void Two_dimensional_results_give_one_record_per_evaluation_and_one_episode_per_evaluation_episode()
    {
        using var dir = new TempDir();
        var path = dir.File("evaluations.npz");
        File.WriteAllBytes(path, Npz(false,
            ("timesteps", Array("<i8", [2], [1000, 2000])),
            ("results", Array("<f8", [2, 3], [1, 2, 6, 10, 10, 10])),
            ("ep_lengths", Array("<i8", [2, 3], [5, 6, 7, 50, 50, 50]))));
        var run = RunOf(path);

        var mean = run.Metric(Sb3Evaluations.MeanReward);
        var std = run.Metric(Sb3Evaluations.StdReward);
        var length = run.Metric(Sb3Evaluations.MeanEpLength);
        var scan = run.Scan();

        Assert.Equal([1000L, 2000], mean.Points.Select(p => p.Step));
        Assert.Equal([3.0, 10], mean.Points.Select(p => p.Value));
        // np.std([1, 2, 6]) = sqrt(((1-3)^2 + (2-3)^2 + (6-3)^2) / 3) = sqrt(14/3): the population deviation.
        Assert.Equal(Math.Sqrt(14.0 / 3), std.Points[0].Value, 12);
        Assert.Equal(0.0, std.Points[1].Value);
        Assert.Equal([6.0, 50], length.Points.Select(p => p.Value));
        Assert.Equal(2, scan.Records);
        Assert.Null(scan.Field(Sb3Evaluations.SuccessRate));
        Assert.Empty(scan.Issues);
        Assert.Equal(6, run.Episodes.Count);
        var e = run.Episodes[2];
        Assert.Equal((6.0, 7L, 1000L, EpisodeKinds.Evaluation, (bool?)null, "evaluations.npz"), (e.Return, e.Length, e.TrainingStep!.Value, e.Kind, e.Success, e.Source));
        Assert.Equal([1.0, 2, 6, 10, 10, 10], run.Episodes.Select(x => x.Return));
        Assert.Equal(Enumerable.Range(0, 6), run.Episodes.Select(x => x.Index));
    }

    [Theory]
    [InlineData("<f4")]
    [InlineData("|b1")]
    public void Successes_as_float_or_bool_give_the_success_rate_and_each_episode_s_success(string descr)
    {
        using var dir = new TempDir();
        var path = dir.File("evaluations.npz");
        File.WriteAllBytes(path, Npz(false,
            ("timesteps", Array("<i8", [2], [10, 20])),
            ("results", Array("<f4", [2, 4], [-1.5, -2, -3, -4, 0, 0, 0, -1])),
            ("ep_lengths", Array("<i4", [2, 4], [50, 50, 50, 50, 3, 4, 5, 50])),
            ("successes", Array(descr, [2, 4], [0, 0, 0, 1, 1, 1, 1, 0]))));
        var run = RunOf(path);

        var rate = run.Metric(Sb3Evaluations.SuccessRate);

        Assert.Equal([0.25, 0.75], rate.Points.Select(p => p.Value));
        Assert.Equal([-2.625, -0.25], run.Metric(Sb3Evaluations.MeanReward).Points.Select(p => p.Value));
        Assert.Equal([false, false, false, true, true, true, true, false], run.Episodes.Select(e => e.Success!.Value));
        Assert.Equal([50L, 50, 50, 50, 3, 4, 5, 50], run.Episodes.Select(e => e.Length));
        Assert.Empty(run.Episodes.Issues);
    }

    [Fact]
    public void Three_dimensional_results_are_reward_components_averaged_as_numpy_does()
    {
        using var dir = new TempDir();
        var path = dir.File("evaluations.npz");
        // One evaluation, two episodes, two objectives: episode 0 (1, 3), episode 1 (5, 7).
        File.WriteAllBytes(path, Npz(true,
            ("timesteps", Array("<i8", [1], [500])),
            ("results", Array("<f8", [1, 2, 2], [1, 3, 5, 7])),
            ("ep_lengths", Array("<i8", [1, 2], [10, 20]))));
        var run = RunOf(path);

        var mean = Assert.Single(run.Metric(Sb3Evaluations.MeanReward).Points);
        var std = Assert.Single(run.Metric(Sb3Evaluations.StdReward).Points);

        // np.mean and np.std over the evaluation's whole [2, 2] array: mean 4, population deviation sqrt(5).
        Assert.Equal(4.0, mean.Value);
        Assert.Equal(Math.Sqrt(5), std.Value, 12);
        Assert.Equal([2.0, 6], run.Episodes.Select(e => e.Return));
        Assert.Equal(5.0, run.Episodes[1].RewardComponents["reward_0"]);
        Assert.Equal(7.0, run.Episodes[1].RewardComponents["reward_1"]);
        Assert.Equal([10L, 20], run.Episodes.Select(e => e.Length));
    }

    [Fact]
    public void Rows_missing_from_an_array_are_reported_and_counted_and_the_rest_loads()
    {
        using var dir = new TempDir();
        var path = dir.File("evaluations.npz");
        File.WriteAllBytes(path, Npz(false,
            ("timesteps", Array("<i8", [3], [1, 2, 3])),
            ("results", Array("<f8", [2, 1], [7, 8])),
            ("ep_lengths", Array("<i8", [2, 1], [1, 1]))));
        var run = RunOf(path);

        var scan = run.Scan();

        Assert.Equal(2, scan.Records);
        Assert.Equal(1, scan.Skipped);
        var issue = Assert.Single(scan.Issues);
        Assert.Equal(path, issue.File);
        Assert.Contains("timesteps has 3 rows, results 2, ep_lengths 2: the 1 evaluation(s) after the first 2 are skipped", issue.Message);
        Assert.Equal([7.0, 8], run.Episodes.Select(e => e.Return));
    }

    [Fact]
    public void A_cut_results_array_is_reported_with_its_offset_and_nothing_is_invented()
    {
        using var dir = new TempDir();
        var results = Npy("<f8", [2, 2], Encode("<f8", [1, 2, 3]));
        var zip = Npz(false, ("timesteps", Array("<i8", [2], [1, 2])), ("results", results), ("ep_lengths", Array("<i8", [2, 2], [1, 1, 1, 1])));
        var path = dir.File("evaluations.npz");
        File.WriteAllBytes(path, zip);
        var run = RunOf(path);

        var scan = run.Scan();

        Assert.Equal(0, scan.Records);
        // Issues are sorted by offset; the file-level one has none and comes last.
        Assert.Collection(scan.Issues,
            i =>
            {
                Assert.Equal(MemberDataOffset(zip, 1) + NpyDataStart(results) + 24, i.Offset);
                Assert.Contains("array 'results' (results.npy): the data is cut short: 24 of 32 bytes", i.Message);
            },
            i => Assert.Contains("the evaluations cannot be read without 'timesteps' and 'results'", i.Message));
        Assert.Equal(1, scan.SkippedByReason["unreadable file"]);
        Assert.Empty(run.Episodes);
        Assert.Equal(2, run.Episodes.Issues.Count);
    }

    [Fact]
    public void Successes_rows_that_do_not_match_the_evaluations_are_not_guessed()
    {
        using var dir = new TempDir();
        var path = dir.File("evaluations.npz");
        File.WriteAllBytes(path, Npz(false,
            ("timesteps", Array("<i8", [2], [1, 2])),
            ("results", Array("<f8", [2, 1], [1, 2])),
            ("ep_lengths", Array("<i8", [2, 1], [1, 1])),
            ("successes", Array("<f4", [1, 1], [1]))));
        var run = RunOf(path);

        var scan = run.Scan();

        Assert.Equal(2, scan.Records);
        Assert.Null(scan.Field(Sb3Evaluations.SuccessRate));
        Assert.Contains("'successes' has shape [1, 1] for 2 evaluations", Assert.Single(scan.Issues).Message);
        Assert.All(run.Episodes, e => Assert.Null(e.Success));
    }
}
