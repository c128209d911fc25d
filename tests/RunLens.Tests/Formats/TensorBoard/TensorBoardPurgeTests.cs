using RunLens.Formats.TensorBoard;
using RunLens.TestSupport;

namespace RunLens.Tests.Formats.TensorBoard;

/// <summary>
/// Resumed runs and steps that go back, as TensorBoard's default reader (its Rust data server) shows them: per tag, a
/// value at step s preempts every earlier value of that tag at a step not smaller than s, across the run's files in
/// name order.
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
    public void A_run_resumed_with_purge_step_shows_the_new_values_from_that_step_and_the_old_ones_before_it()
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
        // acc was not logged again: TensorBoard keeps all of it (a preemption is per tag).
        Assert.Equal([0L, 10, 20, 30], run.Metric("acc").Points.Select(p => p.Step));
        var scan = run.Scan();
        Assert.Equal((5L, 4L), (scan.Field("loss")!.Count, scan.Field("acc")!.Count));
        Assert.Equal(
            [$"steps go back in events.out.tfevents.0000000200.host, first at byte {second.Offsets[2]} (step 20 after 30; tags loss): as TensorBoard shows the run, each tag's earlier points at steps at least the new step are discarded (a run resumed from a checkpoint)"],
            scan.Notes);
    }

    [Fact]
    public void A_step_that_goes_back_in_one_file_discards_that_tags_later_points_read_before_it()
    {
        using var dir = new TempDir();
        var builder = new EventFileBuilder().FileVersion();
        Steps(builder, ["acc", "loss"], 0, 10, 20, 30);
        Steps(builder, "loss", 15); // back from 30: loss at 20 and 30 are preempted
        Steps(builder, "acc", 25);  // back from 30: acc at 30 is preempted, 20 stays
        builder.Write(dir.File("run/events.out.tfevents.100.host"));

        var run = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal([0L, 10, 15], run.Metric("loss").Points.Select(p => p.Step));
        Assert.Equal([0L, 10, 20, 25], run.Metric("acc").Points.Select(p => p.Step));
        var note = Assert.Single(run.Scan().Notes);
        Assert.StartsWith($"steps go back in events.out.tfevents.100.host (2 times in this file), first at byte {builder.Offsets[9]} (step 15 after 30; tags acc, loss)", note);
    }

    [Fact]
    public void A_value_logged_twice_at_one_step_keeps_the_latest_as_TensorBoard_does()
    {
        using var dir = new TempDir();
        var builder = new EventFileBuilder().FileVersion();
        builder.Scalar(0, "loss", 1f).Scalar(1, "loss", 2f).Scalar(1, "loss", 3f).Scalar(2, "loss", 4f);
        builder.Write(dir.File("run/events.out.tfevents.100.host"));
        var run = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal([(0L, 1.0), (1, 3), (2, 4)], run.Metric("loss").Points.Select(p => (p.Step, p.Value)));
    }

    [Fact]
    public void Every_value_at_step_0_leaves_only_the_last_one_as_TensorBoard_shows_it()
    {
        using var dir = new TempDir();
        var builder = new EventFileBuilder().FileVersion();
        for (var i = 0; i < 1000; i++)
            builder.Scalar(0, "loss", i);
        builder.Write(dir.File("run/events.out.tfevents.100.host"));
        var run = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal([(0L, 999.0)], run.Metric("loss").Points.Select(p => (p.Step, p.Value)));
    }

    [Fact]
    public void KeepPreempted_keeps_every_point_and_still_notes_the_steps_that_go_back()
    {
        using var dir = new TempDir();
        var first = Steps(new EventFileBuilder().FileVersion(), "loss", 0, 10, 20);
        first.Write(dir.File("run/events.out.tfevents.100.host"));
        var second = Steps(new EventFileBuilder().FileVersion(), "loss", 10, 20, 30);
        second.Write(dir.File("run/events.out.tfevents.200.host"));

        var run = Assert.Single(Runs.Load(dir.Path, new LoadOptions { KeepPreempted = true }));
        Assert.Equal([0L, 10, 10, 20, 20, 30], run.Metric("loss").Points.Select(p => p.Step));
        Assert.Contains("every point kept (LoadOptions.KeepPreempted)", Assert.Single(run.Scan().Notes));
        var shown = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal([0L, 10, 20, 30], shown.Metric("loss").Points.Select(p => p.Step));
    }

    [Fact]
    public void Listing_a_run_reads_no_records_and_the_first_read_surveys_the_files_once()
    {
        using var dir = new TempDir();
        var builder = Steps(new EventFileBuilder().FileVersion(), "loss", 0, 10, 20);
        builder.Write(dir.File("run/events.out.tfevents.100.host"));
        Steps(new EventFileBuilder().FileVersion(), "loss", 10).Write(dir.File("run/events.out.tfevents.200.host"));

        var run = Assert.Single(Runs.Load(dir.Path));
        var sources = run.Info.Files.Select(f => Assert.IsType<TensorBoardSource>(f.Source)).ToList();
        Assert.Same(sources[0].Run, sources[1].Run);
        Assert.False(sources[0].Run.Surveyed);
        Assert.Equal([0L, 10], run.Metric("loss").Points.Select(p => p.Step));
        Assert.True(sources[0].Run.Surveyed);
    }

    [Fact]
    public void Files_are_read_in_name_order_as_the_data_server_reads_them()
    {
        using var dir = new TempDir();
        // Names sort b before c; the values of c come last and preempt those of b at the same step.
        Steps(new EventFileBuilder().FileVersion(), "loss", 5).Write(dir.File("run/events.out.tfevents.100.b"));
        new EventFileBuilder().FileVersion().Scalar(5, "loss", 42f).Write(dir.File("run/events.out.tfevents.100.c"));
        var run = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal([(5L, 42.0)], run.Metric("loss").Points.Select(p => (p.Step, p.Value)));
    }

    [Theory]
    [InlineData("brain.Event:2", 2)]
    [InlineData("brain.Event:1", 1)]
    [InlineData("brain.Event:x", -1)]
    [InlineData("2.5", 2.5)]
    public void File_versions_parse_as_TensorBoard_parses_them(string text, double expected) =>
        Assert.Equal(expected, TensorBoardRunFiles.ParseFileVersion(text));
}
