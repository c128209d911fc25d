using RunLens.Fields;
using RunLens.Formats.TensorBoard;
using RunLens.Loading;

namespace RunLens.Tests.Formats.TensorBoard;

/// <summary>Reads an event file straight through <see cref="TensorBoardRecordReader"/>, record by record.</summary>
internal static class TensorBoardRead
{
    public sealed record Row(long Offset, long Step, double WallTime, IReadOnlyDictionary<string, double> Values, IReadOnlyDictionary<string, string> Texts);

    public sealed record Result(List<Row> Rows, List<LoadIssue> Issues, IReadOnlyDictionary<string, long> Skipped)
    {
        /// <summary>(step, value) of one tag, in file order.</summary>
        public List<(long Step, double Value)> Points(string tag) =>
            [.. Rows.Where(r => r.Values.ContainsKey(tag)).Select(r => (r.Step, r.Values[tag]))];
    }

    public static Result All(string path, bool wantText = true)
    {
        var fields = new FieldTable(FieldMap.Default);
        var issues = new ScanIssues();
        var record = new RecordBuffer();
        var rows = new List<Row>();
        using (var reader = new TensorBoardRecordReader(new RunFile(path, Path.GetFileName(path), new FileInfo(path).Length), PurgeCuts.None, fields, issues))
        {
            while (reader.Read(record, wantText))
            {
                var values = new Dictionary<string, double>(StringComparer.Ordinal);
                for (var i = 0; i < record.Count; i++)
                    values[fields.Names[record.Fields[i]]] = record.Values[i];
                var texts = record.Texts.ToDictionary(t => fields.Names[t.Field], t => t.Text, StringComparer.Ordinal);
                rows.Add(new Row(record.Offset, record.StepOf(fields, rows.Count, out _), record.WallTime, values, texts));
            }
        }
        issues.EndFile();
        return new Result(rows, issues.Issues, issues.Skipped);
    }
}
