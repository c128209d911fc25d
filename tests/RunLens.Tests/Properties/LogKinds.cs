using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace RunLens.Tests.Properties;

/// <summary>One logged record of a generated log: a step and a whole reward, so sums are exact in any order.</summary>
public sealed record Rec(long Step, int Reward);

/// <summary>
/// A log format the properties run over: how a run of it is written (the repo's own writer, or a tiny byte builder)
/// and where each record ends, so a test knows which records lie wholly before a cut.
/// </summary>
public abstract class LogKind
{
    public static IReadOnlyList<LogKind> All { get; } = [new JsonLinesKind(), new JsonArrayKind(), new CsvKind(), new TensorBoardKind()];

    public static TheoryData<string> Names => new(All.Select(k => k.Name));

    public static LogKind Named(string name) => All.Single(k => k.Name == name);

    public abstract string Name { get; }

    /// <summary>Bytes before the first record (a header, an array's bracket, the file-version event).</summary>
    public abstract int Prelude(byte[] bytes);

    /// <summary>Writes <paramref name="records"/> as one file in <paramref name="folder"/>; returns its path.</summary>
    public abstract string Write(string folder, IReadOnlyList<Rec> records);

    /// <summary>The offset just past each record's last byte (its separator excluded), in file order.</summary>
    public abstract long[] RecordEnds(byte[] bytes, IReadOnlyList<Rec> records);

    /// <summary>True when a cut at <paramref name="cut"/> falls inside a record (after its first byte, before its last).</summary>
    public bool CutsARecord(byte[] bytes, IReadOnlyList<Rec> records, int cut)
    {
        var ends = RecordEnds(bytes, records);
        var starts = RecordStarts(bytes, records);
        return ends.Where((end, i) => starts[i] < cut && cut < end).Any();
    }

    /// <summary>The offset of each record's first byte.</summary>
    public abstract long[] RecordStarts(byte[] bytes, IReadOnlyList<Rec> records);

    public override string ToString() => Name;

    private static string Json(Rec r) => string.Create(CultureInfo.InvariantCulture, $"{{\"step\":{r.Step},\"reward\":{r.Reward}}}");

    private static long[] Starts(IReadOnlyList<Rec> records, int start, Func<Rec, string> text, int separator) =>
        Ends(records, start, text, separator).Select((end, i) => end - Encoding.UTF8.GetByteCount(text(records[i]))).ToArray();

    private static long[] Ends(IReadOnlyList<Rec> records, int start, Func<Rec, string> text, int separator)
    {
        var ends = new long[records.Count];
        long at = start;
        for (var i = 0; i < records.Count; i++)
        {
            at += Encoding.UTF8.GetByteCount(text(records[i]));
            ends[i] = at;
            at += separator;
        }
        return ends;
    }

    private sealed class JsonLinesKind : LogKind
    {
        public override string Name => "json-lines";

        public override int Prelude(byte[] bytes) => 0;

        public override string Write(string folder, IReadOnlyList<Rec> records)
        {
            var path = Path.Combine(folder, "log.jsonl");
            File.WriteAllText(path, string.Concat(records.Select(r => Json(r) + "\n")));
            return path;
        }

        public override long[] RecordEnds(byte[] bytes, IReadOnlyList<Rec> records) => Ends(records, 0, Json, 1);

        public override long[] RecordStarts(byte[] bytes, IReadOnlyList<Rec> records) => Starts(records, 0, Json, 1);
    }

    private sealed class JsonArrayKind : LogKind
    {
        public override string Name => "json-array";

        public override int Prelude(byte[] bytes) => 2;

        public override string Write(string folder, IReadOnlyList<Rec> records)
        {
            var path = Path.Combine(folder, "log.json");
            File.WriteAllText(path, "[\n" + string.Join(",\n", records.Select(Json)) + "\n]\n");
            return path;
        }

        public override long[] RecordEnds(byte[] bytes, IReadOnlyList<Rec> records) => Ends(records, 2, Json, 2);

        public override long[] RecordStarts(byte[] bytes, IReadOnlyList<Rec> records) => Starts(records, 2, Json, 2);
    }

    private sealed class CsvKind : LogKind
    {
        private const string Header = "step,reward\n";

        public override string Name => "csv";

        public override int Prelude(byte[] bytes) => Header.Length;

        private static string Row(Rec r) => string.Create(CultureInfo.InvariantCulture, $"{r.Step},{r.Reward}");

        public override string Write(string folder, IReadOnlyList<Rec> records)
        {
            var path = Path.Combine(folder, "progress.csv");
            File.WriteAllText(path, Header + string.Concat(records.Select(r => Row(r) + "\n")));
            return path;
        }

        public override long[] RecordEnds(byte[] bytes, IReadOnlyList<Rec> records) => Ends(records, Header.Length, Row, 1);

        public override long[] RecordStarts(byte[] bytes, IReadOnlyList<Rec> records) => Starts(records, Header.Length, Row, 1);
    }

    private sealed class TensorBoardKind : LogKind
    {
        private const double Start = 1_700_000_000;

        public override string Name => "tensorboard";

        // TFRecord framing: 8-byte length, 4-byte CRC, the data, 4-byte CRC.
        private static IEnumerable<long> FrameEnds(byte[] bytes)
        {
            long at = 0;
            while (at + 12 <= bytes.Length)
            {
                at += 12 + (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)at)) + 4;
                yield return at;
            }
        }

        public override int Prelude(byte[] bytes) => (int)FrameEnds(bytes).First();

        public override string Write(string folder, IReadOnlyList<Rec> records)
        {
            using var events = new TensorBoardEventWriter(folder, Start);
            foreach (var r in records)
                events.WriteScalars(r.Step, Start + r.Step, [new("reward", r.Reward)]);
            return events.FilePath;
        }

        public override long[] RecordEnds(byte[] bytes, IReadOnlyList<Rec> records) => FrameEnds(bytes).Skip(1).ToArray();

        public override long[] RecordStarts(byte[] bytes, IReadOnlyList<Rec> records) => FrameEnds(bytes).SkipLast(1).ToArray();
    }
}
