using RunLens.TestSupport;
using RunLens.Tests.Writing;

namespace RunLens.Tests.Formats.TensorBoard;

/// <summary>TFRecord framing: checksums, resynchronisation, truncation, empty and header-only files, the writer round trip.</summary>
public class TensorBoardFramingTests
{
    private const string Name = "events.out.tfevents.1700000000.host";

    /// <summary>A file-version record, then five scalars "loss" = step * 0.5 at steps 0..4.</summary>
    private static EventFileBuilder FiveScalars()
    {
        var builder = new EventFileBuilder().FileVersion();
        for (var step = 0; step < 5; step++)
            builder.Scalar(step, "loss", step * 0.5f, wallTime: 1000 + step);
        return builder;
    }

    [Fact]
    public void Writer_output_reads_back_exactly_as_float32()
    {
        using var dir = new TempDir();
        double[] written = [0.1, -2.5e-7, 123456.789, double.NaN, 1e30];
        string path;
        using (var events = new TensorBoardEventWriter(dir.Path, wallTime: 1753535234.5))
        {
            for (var i = 0; i < written.Length; i++)
                events.WriteScalars(i * 2048L, 1753535240.25 + i, [new("rollout/ep_rew_mean", written[i]), new("train/loss", -written[i])]);
            path = events.FilePath;
        }

        var read = TensorBoardRead.All(path);
        Assert.Empty(read.Issues);
        // The writer makes one event per scalar: 10 records, each with one value.
        Assert.Equal(10, read.Rows.Count);
        var rewards = read.Points("rollout/ep_rew_mean");
        Assert.Equal(written.Select((v, i) => (i * 2048L, (double)(float)v)), rewards);
        Assert.Equal(written.Select((v, i) => (i * 2048L, (double)(float)-v)), read.Points("train/loss"));
        Assert.Equal(1753535240.25, read.Rows[0].WallTime);

        // The test-side decoder, independent of both, agrees on every value.
        var independent = TfRecordTestReader.Records(File.ReadAllBytes(path)).Select(TfRecordTestReader.DecodeEvent)
            .SelectMany(e => e.Values.Select(v => (e.Step, v.Tag, (double)v.Value))).ToList();
        Assert.Equal(independent, read.Rows.Select(r => (r.Step, r.Values.Single().Key, r.Values.Single().Value)));

        var run = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal("tensorboard", run.Info.Format);
        var series = run.Metric("rollout/ep_rew_mean");
        Assert.Equal(written.Select(v => (double)(float)v), series.Points.Select(p => p.Value));
        Assert.Equal(1753535240.25 + 4, series.Points[^1].WallTime);
    }

    [Fact]
    public void Flipped_byte_in_a_record_data_is_reported_at_its_offset_and_only_that_record_is_skipped()
    {
        using var dir = new TempDir();
        var builder = FiveScalars();
        var bytes = builder.Build();
        var bad = builder.Offsets[3]; // the scalar at step 2
        bytes[bad + 12 + 3] ^= 0x40;
        var path = dir.File(Name);
        File.WriteAllBytes(path, bytes);

        var read = TensorBoardRead.All(path);
        Assert.Equal([(0L, 0.0), (1L, 0.5), (3L, 1.5), (4L, 2.0)], read.Points("loss"));
        var issue = Assert.Single(read.Issues);
        Assert.Equal((path, (long?)bad), (issue.File, issue.Offset));
        Assert.Contains("checksum mismatch", issue.Message, StringComparison.Ordinal);
        Assert.Equal(1, read.Skipped["checksum mismatch"]);
    }

    [Theory]
    [InlineData(0)] // the length itself
    [InlineData(9)] // the masked CRC of the length
    public void Flipped_byte_in_a_length_header_is_reported_and_reading_resynchronises_at_the_next_record(int headerByte)
    {
        using var dir = new TempDir();
        var builder = FiveScalars();
        var bytes = builder.Build();
        var bad = builder.Offsets[3];
        bytes[bad + headerByte] ^= 0x01;
        var path = dir.File(Name);
        File.WriteAllBytes(path, bytes);

        var read = TensorBoardRead.All(path);
        Assert.Equal([(0L, 0.0), (1L, 0.5), (3L, 1.5), (4L, 2.0)], read.Points("loss"));
        var issue = Assert.Single(read.Issues);
        Assert.Equal(bad, issue.Offset);
        Assert.Contains($"next valid record header at byte {builder.Offsets[4]}", issue.Message, StringComparison.Ordinal);
        Assert.Equal(1, read.Skipped["corrupt record header"]);
    }

    [Fact]
    public void Corrupt_length_with_nothing_valid_after_it_skips_to_the_end()
    {
        using var dir = new TempDir();
        var builder = FiveScalars();
        var bytes = builder.Build();
        var bad = builder.Offsets[5];
        bytes[bad + 2] ^= 0x10;
        var path = dir.File(Name);
        File.WriteAllBytes(path, bytes);

        var read = TensorBoardRead.All(path);
        Assert.Equal(4, read.Points("loss").Count);
        var issue = Assert.Single(read.Issues);
        Assert.Equal(bad, issue.Offset);
        Assert.Contains($"{bytes.Length - bad} bytes to the end of the file skipped", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5)]  // inside the last record's header
    [InlineData(20)] // inside its data
    public void Record_cut_short_at_the_end_is_reported_and_everything_before_it_loads(int keep)
    {
        using var dir = new TempDir();
        var builder = FiveScalars();
        var bytes = builder.Build();
        var last = builder.Offsets[^1];
        var path = dir.File(Name);
        File.WriteAllBytes(path, bytes[..(int)(last + keep)]);

        var read = TensorBoardRead.All(path);
        Assert.Equal([(0L, 0.0), (1L, 0.5), (2L, 1.0), (3L, 1.5)], read.Points("loss"));
        var issue = Assert.Single(read.Issues);
        Assert.Equal(last, issue.Offset);
        Assert.Contains("cut short", issue.Message, StringComparison.Ordinal);
        Assert.Equal(1, read.Skipped["truncated"]);
    }

    [Fact]
    public void Empty_and_header_only_files_load_as_runs_of_zero_records_without_issues()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("empty/" + Name), []);
        new EventFileBuilder().FileVersion().Write(dir.File("header/" + Name));

        foreach (var folder in new[] { "empty", "header" })
        {
            var read = TensorBoardRead.All(dir.File(folder + "/" + Name));
            Assert.Empty(read.Rows);
            Assert.Empty(read.Issues);
        }
        var runs = Runs.Load(dir.Path);
        Assert.Equal(["empty", "header"], runs.Select(r => r.Name));
        foreach (var run in runs)
        {
            var scan = run.Scan();
            Assert.Equal(0, scan.Records);
            Assert.Empty(scan.Issues);
            Assert.Equal(0, scan.Skipped);
            Assert.Empty(run.Info.Notes);
        }
    }

    [Fact]
    public void Record_with_valid_checksums_that_is_not_an_Event_is_reported_and_skipped()
    {
        using var dir = new TempDir();
        // Field 2 (step) as a varint that never ends: the framing is intact, the protobuf is not.
        var builder = new EventFileBuilder().FileVersion().Scalar(1, "loss", 1).Add([0x10, 0xFF, 0xFF]).Scalar(2, "loss", 2);
        var path = builder.Write(dir.File(Name));

        var read = TensorBoardRead.All(path);
        Assert.Equal([(1L, 1.0), (2L, 2.0)], read.Points("loss"));
        var issue = Assert.Single(read.Issues);
        Assert.Equal(builder.Offsets[2], issue.Offset);
        Assert.Contains("not a valid Event", issue.Message, StringComparison.Ordinal);
        Assert.Equal(1, read.Skipped["malformed event"]);
    }

    [Fact]
    public void Last_record_is_read_again_with_its_text()
    {
        using var dir = new TempDir();
        new EventFileBuilder().FileVersion()
            .Scalar(1, "loss", 1)
            .Summary(2, 1002, EventFileBuilder.TensorValue("note", EventFileBuilder.Tensor(7, [], Pb.String(8, "done")), plugin: "text"))
            .Write(dir.File(Name));
        var run = Assert.Single(Runs.Load(dir.Path));
        var scan = run.Scan();
        Assert.Equal(2, scan.Records);
        var latest = scan.Reservoir.MaxBy(r => r.Step)!;
        Assert.Equal(2, latest.Step);
        Assert.Equal("done", latest.Text["note"]);
    }
}
