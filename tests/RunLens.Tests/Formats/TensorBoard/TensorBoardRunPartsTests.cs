using RunLens.Fields;
using RunLens.Formats.TensorBoard;
using RunLens.Loading;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Formats.TensorBoard;

/// <summary>
/// A run of several event files surveyed by the light pass, its notes made by each file's reader and joined in file
/// order: the same points and notes as the pass that decodes every event of every file (<see cref="TensorBoardRunFiles.FullPass"/>).
/// </summary>
public class TensorBoardRunPartsTests(ITestOutputHelper output)
{
    private const string Pokemon = "tfevents/JavierCaceresLeon__TEL351-PokemonRed";

    private static readonly string[] Tags = ["loss", "acc", "lr"];

    /// <summary>Steps that go on, go back, repeat the earlier file's, or restart; some tags only in some files; images.</summary>
    private static List<EventFileBuilder> Files(int seed)
    {
        var random = new Random(seed);
        var files = new List<EventFileBuilder>();
        var count = 2 + random.Next(2);
        long step = random.Next(3) * 10;
        for (var f = 0; f < count; f++)
        {
            var builder = new EventFileBuilder();
            if (random.Next(5) > 0)
                builder.FileVersion();
            switch (random.Next(4))
            {
                case 0:
                    step = Math.Max(0, step - random.Next(6) * 10);
                    break;
                case 1:
                    step = 0;
                    break;
            }
            if (random.Next(3) == 0)
                builder.SessionStart(step + random.Next(3) * 10 - 10);
            for (var e = 0; e < 4 + random.Next(8); e++)
            {
                var tag = Tags[random.Next(f == 0 ? 2 : 3)];
                builder.Scalar(step, tag, random.Next(100), 1000 + step);
                if (random.Next(6) == 0)
                    builder.Summary(step, 1000 + step, Pb.Message(Pb.String(1, "frame"), Pb.Bytes(4, Pb.Message(Pb.Varint(1, 2), Pb.Varint(2, 2)))));
                if (random.Next(9) == 0)
                    builder.SessionStart(Math.Max(0, step - random.Next(3) * 10));
                step += random.Next(4) == 0 ? -10 * random.Next(3) : 10;
            }
            files.Add(builder);
        }
        return files;
    }

    [Theory]
    [InlineData(TensorBoardDiscards.EventAccumulator)]
    [InlineData(TensorBoardDiscards.None)]
    [InlineData(TensorBoardDiscards.DataServer)]
    public void A_run_of_several_files_gives_the_points_and_notes_of_the_full_pass(TensorBoardDiscards mode)
    {
        var light = 0;
        for (var seed = 0; seed < 120; seed++)
        {
            using var dir = new TempDir();
            var builders = Files(seed);
            for (var f = 0; f < builders.Count; f++)
                builders[f].Write(dir.File($"run/events.out.tfevents.{100 + f}.host"));
            var run = Assert.Single(Runs.Load(dir.Path, new LoadOptions { TensorBoardDiscards = mode }));
            var files = Assert.IsType<TensorBoardSource>(run.Info.Files[0].Source).Run;
            var full = TensorBoardRunFiles.FullPass(files.Files, mode);
            if (!files.Result.ReaderNotes)
                continue;
            light++;
            var notes = run.Scan(new ScanOptions { Threads = 2 }).Notes;
            Assert.True(full.Notes.SelectMany(n => n).Order(StringComparer.Ordinal).SequenceEqual(notes), $"seed {seed}: light [{string.Join(" | ", notes)}], full [{string.Join(" | ", full.Notes.SelectMany(n => n))}]");
            for (var f = 0; f < builders.Count; f++)
                Assert.Equal(Read(run.Info.Files[f], full.Cuts[f]), Read(run.Info.Files[f], files.Result.Cuts[f]));
        }
        // Most runs are versioned throughout, so the light pass surveys them; under the data server's rule, the runs
        // whose steps never go back (the full pass finds no cut) leave the notes to the readers too.
        Assert.InRange(light, mode == TensorBoardDiscards.DataServer ? 1 : 40, 120);
    }

    [Fact]
    public void A_file_that_repeats_the_steps_of_an_earlier_one_at_length_gets_its_notes_from_a_pass_over_the_run()
    {
        using var dir = new TempDir();
        const int Values = FileSurvey.MaxKept + 10;
        var first = new EventFileBuilder().FileVersion();
        var second = new EventFileBuilder().FileVersion();
        for (var step = 0; step < Values; step++)
        {
            first.Scalar(step, "loss", 1);
            second.Scalar(step, "loss", 2);
        }
        first.Write(dir.File("run/events.out.tfevents.100.host"));
        second.Write(dir.File("run/events.out.tfevents.200.host"));

        var run = Assert.Single(Runs.Load(dir.Path));
        var notes = run.Scan().Notes;

        Assert.Equal(
            [$"steps go back in events.out.tfevents.200.host ({Values} times in this file), first at byte {second.Offsets[1]} (step 0 after {Values - 1}; tags loss); kept, as TensorBoard's EventAccumulator keeps them in file_version 2 logs (it discards only at a SessionLog START)"],
            notes);
    }

    [RealDataFact(Pokemon)]
    public void The_real_runs_of_several_event_files_give_the_notes_of_the_full_pass()
    {
        var folder = RealRuns.Folder(Pokemon, output);
        var several = 0;
        foreach (var mode in new[] { TensorBoardDiscards.EventAccumulator, TensorBoardDiscards.None })
        {
            foreach (var run in Runs.Load(folder, new LoadOptions { TensorBoardDiscards = mode }).Where(r => r.Info.Files.Count > 1))
            {
                var files = Assert.IsType<TensorBoardSource>(run.Info.Files[0].Source).Run;
                Assert.True(files.Result.ReaderNotes, run.Name);
                Assert.Equal(TensorBoardRunFiles.FullPass(files.Files, mode).Notes.SelectMany(n => n).Order(StringComparer.Ordinal), run.Scan().Notes);
                several++;
            }
        }
        Assert.True(several >= 8, $"{several} runs of several files");
    }

    /// <summary>(offset, step, value) of every value the file's reader gives with <paramref name="cuts"/>.</summary>
    private static List<(long, long, double)> Read(RunFile file, PurgeCuts cuts)
    {
        var fields = new FieldTable(FieldMap.Default);
        var record = new RecordBuffer();
        var rows = new List<(long, long, double)>();
        using var reader = new TensorBoardRecordReader(file, cuts, fields, new ScanIssues());
        while (reader.Read(record, wantText: false))
        {
            for (var i = 0; i < record.Count; i++)
                rows.Add((record.Offset, record.StepOf(fields, rows.Count, out _), record.Values[i]));
        }
        return rows;
    }
}
