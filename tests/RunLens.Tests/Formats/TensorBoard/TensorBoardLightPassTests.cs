using RunLens.Formats.TensorBoard;
using RunLens.TestSupport;

namespace RunLens.Tests.Formats.TensorBoard;

/// <summary>
/// A run of one versioned file is surveyed by the light pass (frames and top-level fields only) and its reader makes
/// the notes from the events it decodes: the same points and notes as the full pass over every event.
/// </summary>
public class TensorBoardLightPassTests
{
    private const string Name = "events.out.tfevents.100.host";

    /// <summary>Steps going back (kept), a restart, an image tag, then steps on: every kind of note.</summary>
    private static EventFileBuilder Everything()
    {
        var builder = new EventFileBuilder().FileVersion();
        foreach (var step in new long[] { 0, 10, 20, 10, 30 })
            builder.Scalar(step, "loss", step / 10f, 1000 + step).Scalar(step, "acc", step, 1000 + step);
        var image = Pb.Message(Pb.String(1, "frame"), Pb.Bytes(4, Pb.Message(Pb.Varint(1, 2), Pb.Varint(2, 2))));
        builder.Summary(30, 1030, image);
        builder.SessionStart(20);
        foreach (var step in new long[] { 20, 40 })
            builder.Scalar(step, "loss", step, 1000 + step);
        return builder;
    }

    [Fact]
    public void A_run_of_one_file_gives_the_points_and_notes_of_the_full_pass()
    {
        using var dir = new TempDir();
        Everything().Write(dir.File($"single/{Name}"));
        Everything().Write(dir.File($"two/{Name}"));
        // A second file of only a file version changes nothing: the run of two files is surveyed light too.
        new EventFileBuilder().FileVersion().Write(dir.File("two/events.out.tfevents.200.host"));

        var runs = Runs.Load(dir.Path);
        var single = runs.Single(r => r.Info.Files.Count == 1);
        var two = runs.Single(r => r.Info.Files.Count == 2);
        var light = Assert.IsType<TensorBoardSource>(single.Info.Files[0].Source).Run;
        Assert.False(light.Surveyed);
        Assert.Equal([0L, 10, 10, 20, 40], single.Metric("loss").Points.Select(p => p.Step));
        Assert.True(light.Result.ReaderNotes);
        Assert.True(Assert.IsType<TensorBoardSource>(two.Info.Files[0].Source).Run.Result.ReaderNotes);
        foreach (var tag in new[] { "loss", "acc" })
            Assert.Equal(two.Metric(tag).Points.Select(p => (p.Step, p.Value)), single.Metric(tag).Points.Select(p => (p.Step, p.Value)));
        var notes = single.Scan().Notes;
        Assert.Equal(two.Scan().Notes, notes);
        Assert.Equal(3, notes.Count);
        Assert.Contains("not loaded (images): frame", notes);
        Assert.Contains(notes, n => n.StartsWith($"steps go back in {Name} (2 times in this file), first at byte ", StringComparison.Ordinal) && n.Contains("(step 10 after 20; tags acc, loss); kept", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("TensorBoard purge: a SessionLog START (a run resumed with purge_step) at step 20", StringComparison.Ordinal));
    }

    [Fact]
    public void A_restart_whose_checksum_fails_cuts_nothing()
    {
        using var dir = new TempDir();
        var builder = new EventFileBuilder().FileVersion();
        foreach (var step in new long[] { 0, 10, 20 })
            builder.Scalar(step, "loss", step);
        builder.SessionStart(0).Scalar(30, "loss", 30);
        var bytes = builder.Build();
        // The last byte of the START record's data checksum.
        bytes[builder.Offsets[5] - 1] ^= 0xFF;
        File.WriteAllBytes(dir.File($"run/{Name}"), bytes);

        var run = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal([0L, 10, 20, 30], run.Metric("loss").Points.Select(p => p.Step));
        var scan = run.Scan();
        Assert.Empty(scan.Notes);
        Assert.Contains(scan.Issues, i => i.Message.StartsWith("record data checksum mismatch", StringComparison.Ordinal));
    }
}
