using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Writing;

public class TensorBoardEventWriterTests(ITestOutputHelper output)
{
    private const double Start = 1753535234.5;

    private static readonly KeyValuePair<string, double>[] Scalars =
    [
        new("rollout/ep_rew_mean", 21.5), new("train/loss", -0.125), new("train/approx_kl", 0.0071),
    ];

    [Fact]
    public void File_is_named_after_the_whole_seconds_of_the_first_wall_time_and_the_host()
    {
        using var dir = new TempDir();
        using (var events = new TensorBoardEventWriter(dir.Path, Start))
            Assert.Equal(Path.Combine(dir.Path, "events.out.tfevents.1753535234.runlens"), events.FilePath);
        using var other = new TensorBoardEventWriter(Path.Combine(dir.Path, "sub"), 12.9, host: "box");
        Assert.EndsWith("events.out.tfevents.0000000012.box", other.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Written_file_decodes_to_a_file_version_event_then_one_event_per_scalar()
    {
        using var dir = new TempDir();
        string path;
        using (var events = new TensorBoardEventWriter(dir.Path, Start))
        {
            events.WriteHyperparameters([new("learning_rate", "0.0003")]);
            events.WriteScalars(0, Start, Scalars);
            events.WriteScalars(2048, Start + 10.25, [new("rollout/ep_rew_mean", double.NaN)]);
            events.WriteScalars(-1, Start + 11, [new("π/ünïcode", 3)]);
            Assert.Equal(6, events.Records);
            path = events.FilePath;
        }

        var decoded = TfRecordTestReader.Records(File.ReadAllBytes(path)).Select(TfRecordTestReader.DecodeEvent).ToList();
        Assert.Equal(6, decoded.Count);
        Assert.Equal(new TfRecordTestReader.Event(Start, 0, "brain.Event:2", []), decoded[0] with { Values = [] });
        Assert.Empty(decoded[0].Values);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal((Start, 0L), (decoded[i + 1].WallTime, decoded[i + 1].Step));
            Assert.Equal((Scalars[i].Key, (float)Scalars[i].Value), Assert.Single(decoded[i + 1].Values));
        }

        Assert.Equal((Start + 10.25, 2048L), (decoded[4].WallTime, decoded[4].Step));
        Assert.True(float.IsNaN(Assert.Single(decoded[4].Values).Value));
        Assert.Equal(-1L, decoded[5].Step);
        Assert.Equal(("π/ünïcode", 3f), Assert.Single(decoded[5].Values));
    }

    [RealDataFact("tfevents")]
    public void Scalar_events_are_byte_for_byte_what_the_real_sb3_files_hold()
    {
        var folder = RealRuns.Folder("tfevents", output);

        var file = Directory.EnumerateFiles(folder, "events.out.tfevents.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var encoder = new TfRecordEncoder();
        var compared = 0;
        foreach (var data in TfRecordTestReader.Records(File.ReadAllBytes(file)))
        {
            var e = TfRecordTestReader.DecodeEvent(data);
            if (e.FileVersion is not null || e.Values.Count != 1)
                continue;
            var (tag, value) = e.Values[0];
            var record = encoder.ScalarRecord(e.WallTime, e.Step, tag, value).ToArray();
            Assert.Equal(data, record[12..^4]);
            compared++;
        }

        Assert.True(compared > 10, $"only {compared} scalar events in {file}");
    }

    [Fact]
    public void Same_inputs_give_the_same_bytes()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        Assert.Equal(Write(a.Path), Write(b.Path));

        static byte[] Write(string directory)
        {
            using var events = new TensorBoardEventWriter(directory, Start);
            for (var step = 0; step < 50; step++)
                events.WriteScalars(step * 2048L, Start + step, Scalars);
            events.Dispose();
            return File.ReadAllBytes(events.FilePath);
        }
    }

    [Fact]
    public void Flush_leaves_only_complete_records_on_disk()
    {
        using var dir = new TempDir();
        using var events = new TensorBoardEventWriter(dir.Path, Start);
        for (var step = 1; step <= 300; step++)
        {
            events.WriteScalars(step, Start + step, Scalars);
            if (step % 100 != 0)
                continue;
            events.Flush();
            using var read = new FileStream(events.FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var copy = new MemoryStream();
            read.CopyTo(copy);
            Assert.Equal(events.Records, TfRecordTestReader.Records(copy.ToArray()).Count);
        }
    }

    [Fact]
    public void An_existing_event_file_is_not_overwritten()
    {
        using var dir = new TempDir();
        using var first = new TensorBoardEventWriter(dir.Path, Start);
        var error = Assert.Throws<IOException>(() => new TensorBoardEventWriter(dir.Path, Start));
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
    }
}
