using RunLens.Formats.TensorBoard;
using RunLens.TestSupport;

namespace RunLens.Tests.Formats.TensorBoard;

/// <summary>
/// Resumed runs and steps that go back, as TensorBoard's readers show them: its EventAccumulator (the default), its
/// data server, or keeping every point; across the run's files in name order.
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

    private static readonly LoadOptions DataServer = new() { TensorBoardDiscards = TensorBoardDiscards.DataServer };

    [Fact]
    public void A_run_resumed_with_purge_step_discards_every_tags_points_from_that_step_as_EventAccumulator_does()
    {
        // SummaryWriter(purge_step=20) in a second file: a SessionLog START at 20, then steps from 20 on.
        using var dir = new TempDir();
        var first = new EventFileBuilder().FileVersion();
        Steps(first, ["loss", "acc"], 0, 10, 20, 30);
        first.Write(dir.File("run/events.out.tfevents.0000000100.host"));
        var second = new EventFileBuilder().FileVersion().SessionStart(20);
        Steps(second, "loss", 20, 30, 40);
        second.Write(dir.File("run/events.out.tfevents.0000000200.host"));

        var run = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal([0L, 10, 20, 30, 40], run.Metric("loss").Points.Select(p => p.Step));
        // The resumed values (step / 10 of the second file) replace the old ones at 20 and 30.
        Assert.Equal([0.0, 1, 2, 3, 4], run.Metric("loss").Points.Select(p => Math.Round(p.Value, 5)));
        // A START discards every tag's orphaned points, acc's too.
        Assert.Equal([0L, 10], run.Metric("acc").Points.Select(p => p.Step));
        var scan = run.Scan();
        Assert.Equal((5L, 2L), (scan.Field("loss")!.Count, scan.Field("acc")!.Count));
        Assert.Equal(
            [$"TensorBoard purge: a SessionLog START (a run resumed with purge_step) at step 20 in events.out.tfevents.0000000200.host (byte {second.Offsets[1]}) discards every tag's points read before it at steps >= 20, as TensorBoard's EventAccumulator does"],
            scan.Notes);
    }

    [Fact]
    public void A_first_SessionLog_START_discards_nothing_read_before_it()
    {
        using var dir = new TempDir();
        var builder = new EventFileBuilder().FileVersion().SessionStart(0);
        Steps(builder, "loss", 0, 10, 20);
        builder.Write(dir.File("run/events.out.tfevents.100.host"));
        var run = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal([0L, 10, 20], run.Metric("loss").Points.Select(p => p.Step));
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
        Assert.Equal(
            [$"steps go back in events.out.tfevents.200.host (2 times in this file), first at byte {second.Offsets[1]} (step 10 after 20; tags loss); kept, as TensorBoard's EventAccumulator keeps them in file_version 2 logs (it discards only at a SessionLog START)"],
            run.Scan().Notes);
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
    }

    [Fact]
    public void The_data_server_rule_preempts_per_tag_so_a_tag_not_logged_again_keeps_its_points()
    {
        using var dir = new TempDir();
        var first = new EventFileBuilder().FileVersion();
        Steps(first, ["loss", "acc"], 0, 10, 20, 30);
        first.Write(dir.File("run/events.out.tfevents.0000000100.host"));
        var second = new EventFileBuilder().FileVersion().SessionStart(20);
        Steps(second, "loss", 20, 30, 40);
        second.Write(dir.File("run/events.out.tfevents.0000000200.host"));

        var run = Assert.Single(Runs.Load(dir.Path, DataServer));
        Assert.Equal([0.0, 1, 2, 3, 4], run.Metric("loss").Points.Select(p => Math.Round(p.Value, 5)));
        Assert.Equal([0L, 10, 20, 30], run.Metric("acc").Points.Select(p => p.Step));
        Assert.Equal(
            [$"steps go back in events.out.tfevents.0000000200.host, first at byte {second.Offsets[2]} (step 20 after 30; tags loss): as TensorBoard's data server shows the run, each tag's earlier points at steps at least the new step are discarded"],
            run.Scan().Notes);
    }

    [Fact]
    public void The_data_server_rule_keeps_the_latest_of_values_logged_at_one_step()
    {
        using var dir = new TempDir();
        var builder = new EventFileBuilder().FileVersion();
        builder.Scalar(0, "loss", 1f).Scalar(1, "loss", 2f).Scalar(1, "loss", 3f).Scalar(2, "loss", 4f);
        for (var i = 0; i < 1000; i++)
            builder.Scalar(0, "zero", i);
        builder.Write(dir.File("run/events.out.tfevents.100.host"));
        var run = Assert.Single(Runs.Load(dir.Path, DataServer));
        Assert.Equal([(0L, 1.0), (1, 3), (2, 4)], run.Metric("loss").Points.Select(p => (p.Step, p.Value)));
        Assert.Equal([(0L, 999.0)], run.Metric("zero").Points.Select(p => (p.Step, p.Value)));
        // EventAccumulator keeps them all (version 2, no START).
        Assert.Equal(1000, Assert.Single(Runs.Load(dir.Path)).Metric("zero").Points.Count);
    }

    [Fact]
    public void None_keeps_every_point_and_still_notes_the_steps_that_go_back()
    {
        using var dir = new TempDir();
        var builder = new EventFileBuilder().FileVersion().SessionStart(0);
        Steps(builder, "loss", 0, 10, 20);
        builder.SessionStart(10);
        Steps(builder, "loss", 10, 20);
        builder.Write(dir.File("run/events.out.tfevents.100.host"));

        var run = Assert.Single(Runs.Load(dir.Path, new LoadOptions { TensorBoardDiscards = TensorBoardDiscards.None }));
        Assert.Equal([0L, 10, 10, 20, 20], run.Metric("loss").Points.Select(p => p.Step));
        Assert.Contains("every point kept (TensorBoardDiscards.None)", Assert.Single(run.Scan().Notes));
        Assert.Equal([0L, 10, 20], Assert.Single(Runs.Load(dir.Path)).Metric("loss").Points.Select(p => p.Step));
    }

    [Fact]
    public void Listing_a_run_reads_no_records_and_the_first_read_surveys_the_files_once()
    {
        using var dir = new TempDir();
        var builder = new EventFileBuilder().FileVersion();
        Steps(builder, "loss", 0, 10, 20);
        builder.Write(dir.File("run/events.out.tfevents.100.host"));
        new EventFileBuilder().FileVersion().SessionStart(10).Scalar(10, "loss", 1f).Write(dir.File("run/events.out.tfevents.200.host"));

        var run = Assert.Single(Runs.Load(dir.Path));
        var sources = run.Info.Files.Select(f => Assert.IsType<TensorBoardSource>(f.Source)).ToList();
        Assert.Same(sources[0].Run, sources[1].Run);
        Assert.False(sources[0].Run.Surveyed);
        Assert.Equal([0L, 10], run.Metric("loss").Points.Select(p => p.Step));
        Assert.True(sources[0].Run.Surveyed);
    }

    [Theory]
    [InlineData("brain.Event:2", 2)]
    [InlineData("brain.Event:1", 1)]
    [InlineData("brain.Event:x", -1)]
    [InlineData("2.5", 2.5)]
    public void File_versions_parse_as_TensorBoard_parses_them(string text, double expected) =>
        Assert.Equal(expected, TensorBoardRunFiles.ParseFileVersion(text));
}
