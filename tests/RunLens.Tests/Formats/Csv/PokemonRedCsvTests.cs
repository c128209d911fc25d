using RunLens.Fields;
using RunLens.Formats.Csv;
using RunLens.Loading;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Formats.Csv;

/// <summary>
/// PokemonRedExperiments sessions (../shared/real-runs/json-game-logs): gzip agent_stats CSVs with a pandas index
/// column and the header repeated at each reset, beside all_runs JSON. The numbers were computed with
/// /usr/bin/python3's csv, gzip and json modules, per session folder:
/// <code>
/// r = list(csv.reader(gzip.open(f, 'rt', newline=''))); h = r[0]; d = [x for x in r if x != h]
/// rows += len(d); headers += len(r) - len(d); xs += sum(int(x[2]) for x in d); ys += sum(int(x[3]) for x in d)
/// episodes += len(json.load(open(all_runs_file)))
/// </code>
/// </summary>
public class PokemonRedCsvTests(ITestOutputHelper output)
{
    private const string Root = "json-game-logs/PWhiddy__PokemonRedExperiments";

    // session: (agent_stats files, data rows, header rows, sum of x, sum of y, all_runs episodes, max step)
    private static readonly Dictionary<string, (int Files, long Rows, int Headers, long X, long Y, int Episodes, long MaxStep)> Sessions = new()
    {
        ["baselines/session_76359306"] = (1, 222, 111, 1047, 669, 111, 1),
        ["baselines/session_a0003d33"] = (8, 264, 8, 1200, 958, 8, 32),
        ["baselines/session_cae32bcd"] = (8, 1968, 984, 9519, 6195, 984, 1),
        ["baselines/session_e14cd8ae"] = (1, 8, 4, 40, 27, 4, 1),
        ["user_sessions/session_6534cf7e"] = (2, 228, 114, 1131, 697, 114, 1),
    };

    [RealDataFact(Root)]
    public void Every_session_loads_with_its_all_runs_json_and_agent_stats_csvs()
    {
        var folder = RealRuns.Folder(Root, output);

        var runs = Runs.Load(folder);

        Assert.Equal(Sessions.Keys.Order(StringComparer.Ordinal), runs.Select(r => r.Name));
        foreach (var run in runs)
        {
            var expected = Sessions[run.Name];
            var csvs = run.Info.Files.Where(f => f.Format == FileFormats.Csv).ToList();
            Assert.Equal(expected.Files, csvs.Count);
            Assert.All(csvs, f => Assert.Matches(@"agent_stats_[0-9a-f]{8}\.csv\.gz$", f.Path));
            Assert.Equal(Directory.GetFiles(run.Info.Root, "all_runs_*.json").Length, run.Info.Files.Count(f => f.Format == FileFormats.Json));

            var scan = run.Scan();

            Assert.Empty(TextCellIssues.Others(scan.Issues));
            // The levels column holds Python lists ("[6, 0, 0, 0, 0, 0]"): reported once per file, not dropped silently.
            Assert.Equal(expected.Files, scan.Issues.Count(i => i.Message.StartsWith("column 'levels': ", StringComparison.Ordinal)));
            // Every all_runs record has no step; every CSV row has one (its step column).
            Assert.Equal(expected.Episodes, scan.RecordsWithoutStep);
            Assert.Equal(expected.Rows + expected.Episodes, scan.Records);
            Assert.Equal(expected.X, scan.Field(FieldMap.PositionX)!.Sum);
            Assert.Equal(expected.Y, scan.Field(FieldMap.PositionY)!.Sum);
            Assert.Equal(expected.Rows, scan.Field(FieldMap.PositionMap)!.Count);
            Assert.Equal(40, scan.Field(FieldMap.PositionMap)!.Max);
            Assert.Equal(expected.Rows, scan.Field("hp")!.Count);
            // The CSV's event/badge columns are counters, kept apart from the all_runs reward components of the same
            // name: all_runs_<id>.json is another logger's (one record per episode), read as its own stream, and each
            // keeps the name it was logged under.
            Assert.Equal(expected.Rows, scan.Field("event")!.Count);
            Assert.Equal(expected.Episodes, scan.Field("all_runs:event")!.Count);
            Assert.Null(scan.Field("rewards.event"));
            Assert.All(run.Info.Files.Where(f => f.Format == FileFormats.Json), f => Assert.Equal("all_runs", f.Stream));
            Assert.DoesNotContain(scan.Fields, f => f.Name.Length == 0 || f.Name == "index");
        }
    }

    [RealDataFact(Root)]
    public void Repeated_headers_mark_one_episode_each_matching_the_all_runs_episodes()
    {
        var folder = RealRuns.Folder(Root, output);

        foreach (var (session, expected) in Sessions)
        {
            var headers = 0;
            long rows = 0, maxStep = 0;
            foreach (var path in Directory.GetFiles(Path.Combine(folder, session), "agent_stats_*.csv.gz"))
            {
                var fields = new FieldTable(FieldMap.Default);
                var issues = new ScanIssues();
                var record = new RecordBuffer();
                using var reader = new CsvRecordReader(path, fields, issues);
                while (reader.Read(record, wantText: true))
                {
                    rows++;
                    maxStep = Math.Max(maxStep, record.StepOf(fields, 0, out var hadStep));
                    Assert.True(hadStep);
                    Assert.StartsWith("[", record.Texts.Single(t => fields.Names[t.Field] == "levels").Text, StringComparison.Ordinal);
                }
                // The first header starts the first episode; each repeat starts another.
                headers += 1 + reader.RepeatedHeaders;
                Assert.Empty(TextCellIssues.Others(issues.Issues));
            }
            Assert.Equal(expected.Rows, rows);
            Assert.Equal(expected.Headers, headers);
            Assert.Equal(expected.Episodes, headers);
            Assert.Equal(expected.MaxStep, maxStep);
        }
    }
}
