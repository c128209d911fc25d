using System.Collections;
using RunLens.Fields;
using RunLens.Formats.Csv;
using RunLens.Formats.Json;
using RunLens.Formats.Maze;
using RunLens.Formats.Mlflow;
using RunLens.Formats.Numpy;
using RunLens.Formats.Pickle;
using RunLens.Formats.Sb3;
using RunLens.Formats.TensorBoard;
using RunLens.Formats.Trajectories;
using RunLens.Formats.Wandb;
using RunLens.Formats.Yaml;
using RunLens.Loading;

namespace RunLens.Fuzz;

/// <summary>
/// Every reader of RunLens that takes bytes, each through the entry point a scan or a listing uses: the record
/// readers through <see cref="IRecordReader"/> (as <c>Scan</c> drives them), the whole-file readers (npy, npz,
/// YAML, pickle) through the calls their formats make.
/// </summary>
internal static class Harnesses
{
    /// <summary>The harnesses by name, in the order the script and the smoke test run them.</summary>
    public static IReadOnlyList<Harness> All { get; } =
    [
        new("json", "metrics.jsonl", "JsonRecordReader: JSON lines, arrays, objects one after another", path => Records(path, (f, i) => new JsonRecordReader(path, f, i))),
        new("json-gz", "metrics.jsonl.gz", "JsonRecordReader behind gzip (members cut short, concatenated)", path => Records(path, (f, i) => new JsonRecordReader(path, f, i))) { OffsetsInFile = false },
        new("tfevents", "events.out.tfevents.1700000000.host", "TFRecord framing and Event protobufs: the run survey, then TensorBoardRecordReader", TensorBoard),
        new("tfevents-crc", "events.out.tfevents.1700000000.host", "as tfevents, with every frame's CRC-32C made right so mutations reach the Event decoder", TensorBoard) { Prepare = Checksums.TfRecord },
        new("csv", "progress.csv", "CsvRecordReader (SB3 progress.csv and other CSV logs)", path => Records(path, (f, i) => new CsvRecordReader(path, f, i))) { QuietSkips = new HashSet<string> { "no numeric cells" } },
        new("monitor", "0.monitor.csv", "MonitorRecordReader (SB3 monitor.csv: a JSON comment line, then r,l,t)", path => Records(path, (f, i) => new MonitorRecordReader(path, f, i))),
        new("mlflow", "loss", "MlflowMetricReader (file store metrics/<key>: timestamp value step)", path => Records(path, (f, i) => new MlflowMetricReader(RunFile(path), "loss", f, i))),
        new("wandb", "run-fuzz.wandb", "WandbLogReader (LevelDB-style blocks of CRC-checked chunks of protobuf records)", path => Records(path, (f, i) => new WandbLogReader(path, f, i))),
        new("wandb-crc", "run-fuzz.wandb", "as wandb, with every chunk's CRC-32 made right so mutations reach the record decoder", path => Records(path, (f, i) => new WandbLogReader(path, f, i))) { Prepare = Checksums.Wandb },
        new("npy", "rewards.npy", "NpyFile.Read (header, dtype, shape, data)", Npy),
        new("npz", "evaluations.npz", "NpzArchive (zip directory or local headers, stored and deflated members), SB3 evaluations, imitation trajectories", Npz) { OffsetsInFile = false },
        new("yaml", "config.yaml", "YamlReader.Parse and YamlConfig.Flatten, as run configs are read", Yaml),
        new("pickle", "trajectory.pkl", "SafePickle (opcode walk, then Razorvine), Maze and imitation trajectory pickles", Pickle),
    ];

    /// <summary>The harness named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No harness has that name.</exception>
    public static Harness Get(string name) => All.FirstOrDefault(h => h.Name == name)
        ?? throw new ArgumentException($"no harness '{name}'; the harnesses are {string.Join(", ", All.Select(h => h.Name))}", nameof(name));

    private static RunFile RunFile(string path) => new(path, Path.GetFileName(path), new FileInfo(path).Length);

    /// <summary>Drives a record reader as the scan does: every record with its text, then the last one again.</summary>
    private static Outcome Records(string path, Func<FieldTable, ScanIssues, IRecordReader> open)
    {
        var fields = new FieldTable(FieldMap.Default);
        var issues = new ScanIssues();
        var record = new RecordBuffer();
        long records = 0, previous = long.MinValue;
        long? last = null;
        var backwards = false;
        long stoppedAt;
        using (var reader = open(fields, issues))
        {
            while (reader.Read(record, wantText: true))
            {
                records++;
                backwards |= record.Offset < previous;
                previous = record.Offset;
                last = record.Offset;
            }
            stoppedAt = reader.DiskPosition;
            reader.ReadLastRecord(record);
        }
        issues.EndFile();
        return new Outcome(records, issues.Issues)
        {
            Skipped = issues.Skipped,
            StoppedAt = stoppedAt,
            LastRecordOffset = last,
            OffsetsOutOfOrder = backwards,
        };
    }

    /// <summary>A run of one event file: the survey pass a scan makes first, then the reader with its cuts.</summary>
    private static Outcome TensorBoard(string path)
    {
        var run = new TensorBoardRunFiles([new FileInfo(path)], TensorBoardDiscards.EventAccumulator);
        var head = new List<LoadIssue>();
        TensorBoardRunFiles.Head(run.Files, head);
        var outcome = Records(path, (f, i) => new TensorBoardSource(run, 0).Open(RunFile(path), f, i));
        return outcome with { Issues = [.. head, .. outcome.Issues] };
    }

    private static Outcome Npy(string path)
    {
        var issues = new List<LoadIssue>();
        var array = NpyFile.Read(path, issues);
        return new Outcome(array is null ? 0 : 1, issues)
        {
            Unreported = array is null && issues.Count == 0 ? "the array came back null without an issue" : null,
        };
    }

    /// <summary>Every member as the formats read npz files: headers, whole arrays, then SB3's and imitation's views.</summary>
    private static Outcome Npz(string path)
    {
        var issues = new List<LoadIssue>();
        string? unreported = null;
        long arrays = 0;
        using (var archive = NpzArchive.Open(path, issues))
        {
            foreach (var member in archive.Members)
            {
                var before = issues.Count;
                if (archive.ReadHeader(member, issues) is null && issues.Count == before)
                    unreported ??= $"the header of member '{member.Name}' came back null without an issue";
                before = issues.Count;
                if (archive.Read(member, issues) is null && issues.Count == before)
                    unreported ??= $"member '{member.Name}' came back null without an issue";
                else
                    arrays++;
            }
        }
        var evaluations = new ScanIssues();
        var fields = new FieldTable(FieldMap.Default);
        var record = new RecordBuffer();
        using (var reader = new EvaluationsRecordReader(RunFile(path), fields, evaluations))
        {
            while (reader.Read(record, wantText: true))
                arrays++;
        }
        evaluations.EndFile();
        if (evaluations.Skipped.Values.Sum() > 0 && evaluations.Issues.Count == 0)
            unreported ??= "SB3's evaluations reader skipped evaluations without an issue";
        var episodes = new TrajectoryEpisodes(RunFile(path)).Read(issues).Count();
        return new Outcome(arrays + episodes, [.. issues, .. evaluations.Issues]) { Unreported = unreported };
    }

    /// <summary>As run configs are read (<c>RunConventions.ReadYamlConfig</c>): a YAML error is the reported outcome.</summary>
    private static Outcome Yaml(string path)
    {
        try
        {
            var root = YamlReader.Parse(File.ReadAllText(path));
            var config = YamlConfig.Flatten(root);
            _ = YamlConfig.ToJson(root);
            return new Outcome(config.Count, []);
        }
        catch (YamlException ex)
        {
            return new Outcome(0, [new LoadIssue(path, null, ex.Line, ex.Message)]);
        }
    }

    /// <summary>The safe unpickler, then both trajectory formats that read pickles.</summary>
    private static Outcome Pickle(string path)
    {
        var issues = new List<LoadIssue>();
        var loaded = SafePickle.Load(File.ReadAllBytes(path), out var problem, out var offset);
        if (problem is not null)
            issues.Add(new LoadIssue(path, offset, null, problem));
        var file = RunFile(path);
        var maze = new MazeTrajectoryEpisodes(file).Read(issues).Count();
        var imitation = new PickledTrajectoryEpisodes(file, copyOf: null).Read(issues).Count();
        // A pickle of None loads as null without a problem, rightly; both trajectory readers then report it as no trajectory.
        return new Outcome(maze + imitation + (loaded is ICollection c ? c.Count : 0), issues);
    }
}
