using RunLens.Formats.TensorBoard;
using RunLens.TestSupport;

namespace RunLens.Tests.Formats.TensorBoard;

/// <summary>
/// Resumed runs: TensorBoard's orphaned-data purge, as its EventAccumulator (<c>_MaybePurgeOrphanedData</c>) does it,
/// across a run's files in order.
/// </summary>
public class TensorBoardPurgeTests
{
    /// <summary>One event per step and tag, as writers log them: every tag at a step, then the next step.</summary>
    private static EventFileBuilder Steps(EventFileBuilder builder, string[] tags, params long[] steps)
    {
        foreach (var step in steps)
        {
            foreach (var tag in tags)
                builder.Scalar(step, tag, step / 10f, wallTime: 1000 + step);
        }
        return builder;
    }

    private static EventFileBuilder Steps(EventFileBuilder builder, string tag, params long[] steps) => Steps(builder, [tag], steps);

    [Fact]
    public void A_restart_SessionLog_START_discards_every_tag_data_at_its_step_and_later_read_before_it()
    {
        using var dir = new TempDir();
        var first = new EventFileBuilder().FileVersion().SessionStart(0);
        Steps(first, ["loss", "acc"], 0, 10, 20, 30);
        first.Write(dir.File("run/events.out.tfevents.0000000100.host"));
        var second = new EventFileBuilder().FileVersion().SessionStart(20);
        Steps(second, "loss", 20, 30, 40);
        second.Write(dir.File("run/events.out.tfevents.0000000200.host"));

        var run = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal([0L, 10, 20, 30, 40], run.Metric("loss").Points.Select(p => p.Step));
        Assert.Equal([0.0, 1, 2, 3, 4], run.Metric("loss").Points.Select(p => Math.Round(p.Value, 5)));
        Assert.Equal([0L, 10], run.Metric("acc").Points.Select(p => p.Step));
        // loss and acc at 20 and 30 of the first file.
        Assert.Equal(
            [$"TensorBoard purge: a SessionLog START (restart) at step 20 in events.out.tfevents.0000000200.host (byte {second.Offsets[1]}) discarded 4 points read before it at steps >= 20"],
            run.Info.Notes);
        Assert.Equal("tb-purge:*@20", run.Info.Files[0].Part);
        var scan = run.Scan();
        Assert.Equal((5L, 2L), (scan.Field("loss")!.Count, scan.Field("acc")!.Count));
        Assert.Equal(4 + 3, scan.Records);
    }

    [Fact]
    public void Without_a_file_version_a_step_that_goes_back_discards_its_own_tags_only()
    {
        using var dir = new TempDir();
        var builder = new EventFileBuilder();
        Steps(builder, ["acc", "loss"], 0, 10, 20, 30);
        Steps(builder, "loss", 15); // back from 30: loss at 20 and 30 are orphaned
        Steps(builder, "acc", 25);  // 25 is not less than the most recent step (15): nothing purged, acc keeps 30
        builder.Write(dir.File("run/events.out.tfevents.100.host"));

        var run = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal([0L, 10, 15], run.Metric("loss").Points.Select(p => p.Step));
        Assert.Equal([0L, 10, 20, 25, 30], run.Metric("acc").Points.Select(p => p.Step));
        Assert.Equal(
            [$"TensorBoard purge: the step went back to 15 (after 30) in events.out.tfevents.100.host (byte {builder.Offsets[8]}); 2 points of its tags (loss) read before it at steps >= 15 discarded"],
            run.Info.Notes);
    }

    [Fact]
    public void Steps_that_go_back_in_version_2_files_without_a_restart_are_kept_and_noted()
    {
        using var dir = new TempDir();
        var first = Steps(new EventFileBuilder().FileVersion(), "loss", 0, 10, 20);
        first.Write(dir.File("run/events.out.tfevents.100.host"));
        var second = Steps(new EventFileBuilder().FileVersion(), "loss", 10, 20, 30);
        second.Write(dir.File("run/events.out.tfevents.200.host"));

        var run = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal([0L, 10, 10, 20, 20, 30], run.Metric("loss").Points.Select(p => p.Step));
        Assert.All(run.Info.Files, f => Assert.Null(f.Part));
        Assert.Equal(
            [$"steps go back 1 times in events.out.tfevents.200.host, first at byte {second.Offsets[1]} (step 10 after 20); all points kept, as TensorBoard keeps them: for file_version 2 writers it purges only at a SessionLog START"],
            run.Info.Notes);
    }

    [Fact]
    public void The_first_SessionLog_START_is_not_a_restart()
    {
        using var dir = new TempDir();
        var builder = Steps(new EventFileBuilder().FileVersion(), "loss", 0, 10).SessionStart(0);
        Steps(builder, "loss", 20);
        builder.Write(dir.File("run/events.out.tfevents.100.host"));
        var run = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal([0L, 10, 20], run.Metric("loss").Points.Select(p => p.Step));
        Assert.Empty(run.Info.Notes);
    }

    [Fact]
    public void Purge_cuts_round_trip_through_the_run_file_part()
    {
        PurgeCut[] cuts = [new(long.MaxValue, 20, null), new(1234, -5, ["train/loss", "a,b;c:d@e%"])];
        var part = PurgeCut.Encode(cuts);
        Assert.Equal("tb-purge:*@20;1234@-5:train%2Floss,a%2Cb%3Bc%3Ad%40e%25", part);
        var decoded = PurgeCut.Decode(part);
        Assert.Equal(2, decoded.Length);
        Assert.Equal((long.MaxValue, 20L, (IReadOnlyList<string>?)null), (decoded[0].Before, decoded[0].From, decoded[0].Tags));
        Assert.Equal((1234L, -5L), (decoded[1].Before, decoded[1].From));
        Assert.Equal(["train/loss", "a,b;c:d@e%"], decoded[1].Tags!);
        Assert.Empty(PurgeCut.Decode(null));
        Assert.Empty(PurgeCut.Decode("l2.train"));
    }

    [Theory]
    [InlineData("brain.Event:2", 2)]
    [InlineData("brain.Event:1", 1)]
    [InlineData("brain.Event:x", -1)]
    [InlineData("2.5", 2.5)]
    public void File_versions_parse_as_TensorBoard_parses_them(string text, double expected) =>
        Assert.Equal(expected, TensorBoardSurvey.ParseFileVersion(text));
}
