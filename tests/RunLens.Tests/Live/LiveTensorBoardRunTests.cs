using System.Buffers.Binary;
using RunLens.Tests.Formats.TensorBoard;
using RunLens.TestSupport;

namespace RunLens.Tests.Live;

/// <summary>
/// A TensorBoard run of several event files followed while a trainer writes it, restarts and writes new files: after
/// every append the live result equals a full scan, only appended bytes are read unless an event discards points read
/// before it (then the run is read again whole, with a note), and a record being written is never reported.
/// </summary>
public sealed class LiveTensorBoardRunTests
{
    private static readonly ScanOptions Options = new() { ReservoirSize = 12, PerFileSamples = 6, Buckets = 8, Seed = 11, Threads = 2 };
    private static readonly LiveOptions Live = new() { Scan = Options, IdleTimeout = Timeout.InfiniteTimeSpan };

    private static double Value(long step) => Math.Round(Math.Sin(step * 0.7) * 10, 3);

    /// <summary>An event file as our writer writes it: a file version, then <paramref name="steps"/> of two tags.</summary>
    private static byte[] Written(TempDir stage, string name, double wallTime, IEnumerable<long> steps)
    {
        using (var writer = new TensorBoardEventWriter(stage.File(name), wallTime))
        {
            foreach (var step in steps)
                writer.WriteScalars(step, wallTime + step, [new("reward", Value(step)), new("loss", step * 0.5)]);
        }
        return File.ReadAllBytes(Directory.GetFiles(stage.File(name)).Single());
    }

    /// <summary>A resumed writer's file (our writer writes no session logs): a file version, a SessionLog START, steps.</summary>
    private static byte[] Resumed(long start, IEnumerable<long> steps)
    {
        var builder = new EventFileBuilder().FileVersion().SessionStart(start);
        foreach (var step in steps)
            builder.Scalar(step, "reward", (float)-Value(step), 2000 + step).Scalar(step, "loss", step, 2000 + step);
        return builder.Build();
    }

    /// <summary>A TFRecord frame of an event (the resumed writer's later records).</summary>
    private static byte[] Framed(EventFileBuilder builder) => builder.Build();

    /// <summary>Where each record of an event file ends.</summary>
    private static List<int> RecordEnds(byte[] bytes)
    {
        var ends = new List<int>();
        for (var at = 0; at < bytes.Length;)
        {
            at += 12 + (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at)) + 4;
            ends.Add(at);
        }
        return ends;
    }

    /// <summary>One write of the trainer: bytes of a file up to <see cref="End"/>; <see cref="Cuts"/> when it discards points read before.</summary>
    private sealed record Append(string File, byte[] Bytes, int End, bool Cuts = false);

    /// <summary>Appends in steps of a few records, every other one first to half-way through a record; a piece cuts
    /// when it completes a record that ends at one of <paramref name="cutsAt"/>.</summary>
    private static IEnumerable<Append> InPieces(string file, byte[] bytes, params int[] cutsAt)
    {
        var ends = RecordEnds(bytes);
        bool Cuts(int from, int to) => cutsAt.Any(c => c > from && c <= to);
        for (var i = 0; i < ends.Count; i += 3)
        {
            var end = ends[Math.Min(i + 2, ends.Count - 1)];
            var start = i == 0 ? 0 : ends[i - 1];
            var mid = start + (end - start) / 2;
            if (i % 2 == 1)
            {
                yield return new Append(file, bytes, mid, Cuts(start, mid));
                start = mid;
            }
            yield return new Append(file, bytes, end, Cuts(start, end));
        }
    }

    [Fact]
    public void A_run_of_three_event_files_equals_a_full_scan_after_every_append_and_reads_only_appended_bytes_unless_a_restart_discards()
    {
        using var stage = new TempDir();
        using var dir = new TempDir();
        var folder = dir.File("tb/PPO_1");
        Directory.CreateDirectory(folder);
        var first = Written(stage, "a", 1_700_000_100, Enumerable.Range(0, 40).Select(s => (long)s * 10));
        // The trainer restarted from a checkpoint without purge_step: steps go back, kept and noted (file_version 2).
        var second = Written(stage, "b", 1_700_000_200, Enumerable.Range(30, 30).Select(s => (long)s * 10));
        // Resumed with purge_step=450: its START discards the points read at steps >= 450 (the run is read again).
        var third = Resumed(450, Enumerable.Range(45, 20).Select(s => (long)s * 10));
        // Later: a START above every step read discards nothing; then steps going back inside the file, kept.
        var later = new EventFileBuilder().SessionStart(1000);
        foreach (var step in new long[] { 1000, 1010, 1020, 1005, 1030 })
            later.Scalar(step, "reward", step, 3000 + step);
        var laterBytes = Framed(later);
        // Last: a START at a step already read discards points of every file (the run is read again).
        var last = new EventFileBuilder().SessionStart(500).Scalar(500, "reward", 5, 4000);
        var lastBytes = Framed(last);
        var thirdAll = (byte[])[.. third, .. laterBytes, .. lastBytes];

        string Path(string name) => System.IO.Path.Combine(folder, name);
        var appends = InPieces(Path("events.out.tfevents.1700000100.runlens"), first)
            .Concat(InPieces(Path("events.out.tfevents.1700000200.runlens"), second))
            .Concat(InPieces(Path("events.out.tfevents.1700000300.runlens"), thirdAll, RecordEnds(thirdAll)[1], third.Length + laterBytes.Length + RecordEnds(lastBytes)[0]))
            .ToList();
        // The first pieces of the third file hold its START (at 450, under steps read): the run is read again then.
        Assert.Contains(appends, a => a.Cuts && a.End < third.Length);

        var written = new Dictionary<string, int>(StringComparer.Ordinal);
        LiveScan? live = null;
        var followed = 0;
        try
        {
            foreach (var append in appends)
            {
                var from = written.GetValueOrDefault(append.File);
                using (var file = new FileStream(append.File, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
                    file.Write(append.Bytes, from, append.End - from);
                written[append.File] = append.End;
                var when = $"{System.IO.Path.GetFileName(append.File)} to byte {append.End}";
                if (live is null)
                {
                    live = LiveScan.Follow(dir.Path, options: Live);
                    continue;
                }
                live.Update();
                Assert.True(live.Result.Issues.Count == 0, $"{when}: {string.Join("; ", live.Result.Issues.Select(i => i.Message))}");
                var whole = RecordEnds(append.Bytes).Contains(append.End);
                if (whole)
                    LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, when);
                else
                    Assert.True(live.Status.PendingBytes > 0, $"{when}: a record cut mid-write is pending");
                if (append.Cuts)
                {
                    Assert.Contains(live.Result.Notes, n => n.StartsWith("live:", StringComparison.Ordinal) && n.Contains("read again whole", StringComparison.Ordinal));
                    continue;
                }
                Assert.True(append.End - from == live.Status.BytesRead, $"{when}: read {live.Status.BytesRead} bytes, {append.End - from} appended");
                followed++;
            }
            Assert.True(followed > 20, $"{followed} updates read only what was appended");
            var notes = live!.Result.Notes;
            Assert.DoesNotContain(notes, n => n.StartsWith("live: files of", StringComparison.Ordinal));
            Assert.Contains(notes, n => n.StartsWith("steps go back in events.out.tfevents.1700000200.runlens", StringComparison.Ordinal));
            Assert.Contains(notes, n => n.StartsWith("steps go back in events.out.tfevents.1700000300.runlens", StringComparison.Ordinal));
            Assert.Equal(3, notes.Count(n => n.StartsWith("TensorBoard purge: a SessionLog START", StringComparison.Ordinal)));
            LiveAssert.Same(Runs.Load(dir.Path).Scan(Options), live.Stop(), "stopped");
        }
        finally
        {
            live?.Dispose();
        }
    }

    [Fact]
    public void Bytes_appended_to_a_file_that_is_no_longer_the_runs_last_read_the_run_again_and_equal_a_full_scan()
    {
        using var stage = new TempDir();
        using var dir = new TempDir();
        var folder = dir.File("tb/PPO_1");
        Directory.CreateDirectory(folder);
        var first = Written(stage, "a", 1_700_000_100, Enumerable.Range(0, 30).Select(s => (long)s));
        var second = Written(stage, "b", 1_700_000_200, Enumerable.Range(30, 10).Select(s => (long)s));
        var firstPath = System.IO.Path.Combine(folder, "events.out.tfevents.1700000100.runlens");
        var half = RecordEnds(first)[15];
        File.WriteAllBytes(firstPath, first[..half]);
        File.WriteAllBytes(System.IO.Path.Combine(folder, "events.out.tfevents.1700000200.runlens"), second);
        using var live = LiveScan.Follow(dir.Path, options: Live);

        // The first writer was still flushing after the second began: its steps go back under the second file's.
        using (var file = new FileStream(firstPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            file.Write(first, half, first.Length - half);
        live.Update();

        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "after the earlier file grew");
        Assert.Contains(live.Result.Notes, n => n.StartsWith("live:", StringComparison.Ordinal) && n.Contains("read again whole", StringComparison.Ordinal));
    }

    [Fact]
    public void An_event_file_rewritten_to_the_same_length_is_surveyed_again_and_the_run_equals_a_full_scan()
    {
        using var stage = new TempDir();
        using var dir = new TempDir();
        var folder = dir.File("tb/PPO_1");
        Directory.CreateDirectory(folder);
        var firstPath = System.IO.Path.Combine(folder, "events.out.tfevents.1700000100.runlens");
        File.WriteAllBytes(firstPath, Written(stage, "a", 1_700_000_100, Enumerable.Range(1, 30).Select(s => (long)s)));
        File.WriteAllBytes(System.IO.Path.Combine(folder, "events.out.tfevents.1700000200.runlens"),
            Written(stage, "b", 1_700_000_200, Enumerable.Range(31, 10).Select(s => (long)s)));
        using var live = LiveScan.Follow(dir.Path, options: Live);
        Assert.DoesNotContain(live.Result.Notes, n => n.StartsWith("steps go back", StringComparison.Ordinal));
        var written = File.GetLastWriteTimeUtc(firstPath);

        // The same length, other steps (one-byte varints both): now the second file's steps go back under the first's.
        var rewritten = Written(stage, "c", 1_700_000_100, Enumerable.Range(61, 30).Select(s => (long)s));
        Assert.Equal(new FileInfo(firstPath).Length, rewritten.Length);
        File.WriteAllBytes(firstPath, rewritten);
        File.SetLastWriteTimeUtc(firstPath, written.AddSeconds(2));
        live.Update();

        LiveAssert.SameAsFullScan(dir.Path, live.Result, Options, "after the rewrite");
        Assert.Contains(live.Result.Notes, n => n.StartsWith("steps go back in events.out.tfevents.1700000200.runlens", StringComparison.Ordinal));
    }

    [Fact]
    public void Under_the_data_servers_rule_a_run_whose_steps_never_go_back_is_followed_and_a_step_going_back_reads_it_again()
    {
        using var stage = new TempDir();
        using var dir = new TempDir();
        var load = new LoadOptions { TensorBoardDiscards = TensorBoardDiscards.DataServer };
        var folder = dir.File("tb/PPO_1");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(System.IO.Path.Combine(folder, "events.out.tfevents.1700000100.runlens"),
            Written(stage, "a", 1_700_000_100, Enumerable.Range(0, 20).Select(s => (long)s * 10)));
        var second = Written(stage, "b", 1_700_000_200, [.. Enumerable.Range(20, 20).Select(s => (long)s * 10), 250, 260]);
        var ends = RecordEnds(second);
        // Up to step 390, then steps 250 and 260 again, which preempt the points read at 250 and above.
        var back = ends[^5];
        var path = System.IO.Path.Combine(folder, "events.out.tfevents.1700000200.runlens");
        File.WriteAllBytes(path, second[..ends[10]]);
        using var live = LiveScan.Follow(dir.Path, load, Live);
        var written = ends[10];
        void AppendTo(int end, string when)
        {
            using (var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
                file.Write(second, written, end - written);
            written = end;
            live.Update();
            Assert.Empty(live.Result.Issues);
            LiveAssert.Same(Runs.Load(dir.Path, load).Scan(Options), live.Result, when);
        }

        foreach (var end in ends.Where(e => e > written && e <= back))
        {
            var before = written;
            AppendTo(end, $"to byte {end}");
            Assert.Equal(end - before, live.Status.BytesRead);
        }
        AppendTo(second.Length, "steps going back");

        Assert.Contains(live.Result.Notes, n => n.StartsWith("live:", StringComparison.Ordinal) && n.Contains("read again whole", StringComparison.Ordinal));
        Assert.Contains(live.Result.Notes, n => n.Contains("as TensorBoard's data server shows the run", StringComparison.Ordinal));
    }
}
