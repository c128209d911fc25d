using RunLens.Fields;
using RunLens.Formats.Csv;
using RunLens.Loading;

namespace RunLens.Tests.Formats.Csv;

/// <summary>One row as a test sees it: its offset, numeric values and text values by canonical field name.</summary>
internal sealed record CsvRow(long Offset, Dictionary<string, double> Values, Dictionary<string, string> Texts)
{
    public double this[string name] => Values[name];
}

/// <summary>What reading a file through an <see cref="IRecordReader"/> gave.</summary>
internal sealed record CsvReadResult(List<CsvRow> Rows, List<LoadIssue> Issues, Dictionary<string, long> Skipped, CsvRow? Last, List<long> Steps);

/// <summary>Reads a whole file through a reader the way the scan does, for assertions.</summary>
internal static class CsvReading
{
    public static CsvReadResult Read(string path, bool wantText = true, CsvOptions? options = null) =>
        Read((fields, issues) => new CsvRecordReader(path, fields, issues, options), wantText);

    public static CsvReadResult Read(Func<FieldTable, ScanIssues, IRecordReader> open, bool wantText = true, FieldMap? map = null)
    {
        var fields = new FieldTable(map ?? FieldMap.Default);
        var issues = new ScanIssues();
        var record = new RecordBuffer();
        var rows = new List<CsvRow>();
        var steps = new List<long>();
        CsvRow? last = null;
        using (var reader = open(fields, issues))
        {
            while (reader.Read(record, wantText))
            {
                rows.Add(RowOf(record, fields));
                steps.Add(record.StepOf(fields, rows.Count - 1, out _));
            }
            if (reader.ReadLastRecord(record))
                last = RowOf(record, fields);
        }
        issues.EndFile();
        return new CsvReadResult(rows, issues.Issues, issues.Skipped, last, steps);
    }

    private static CsvRow RowOf(RecordBuffer record, FieldTable fields)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < record.Count; i++)
            values[fields.Names[record.Fields[i]]] = record.Values[i];
        var texts = record.Texts.ToDictionary(t => fields.Names[t.Field], t => t.Text, StringComparer.Ordinal);
        return new CsvRow(record.Offset, values, texts);
    }
}
