using RunLens.Fields;
using RunLens.Formats.Json;
using RunLens.Loading;

namespace RunLens.Tests.Formats.Json;

/// <summary>Reads a JSON log straight through <see cref="JsonRecordReader"/>, with a window small enough for tests.</summary>
internal static class JsonReading
{
    public sealed record Result(List<Dictionary<string, double>> Records, List<Dictionary<string, string>> Texts, ScanIssues Issues, Dictionary<string, string>? LastTexts);

    public static Result Read(string path, int window = JsonRecordReader.DefaultWindow, bool wantText = false)
    {
        var fields = new FieldTable(FieldMap.Default);
        var issues = new ScanIssues();
        var records = new List<Dictionary<string, double>>();
        var texts = new List<Dictionary<string, string>>();
        var buffer = new RecordBuffer();
        using var reader = new JsonRecordReader(path, fields, issues, window);
        while (reader.Read(buffer, wantText))
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < buffer.Count; i++)
                values[fields.Names[buffer.Fields[i]]] = buffer.Values[i];
            records.Add(values);
            texts.Add(buffer.Texts.ToDictionary(t => fields.Names[t.Field], t => t.Text, StringComparer.Ordinal));
        }
        var last = reader.ReadLastRecord(buffer)
            ? buffer.Texts.ToDictionary(t => fields.Names[t.Field], t => t.Text, StringComparer.Ordinal)
            : null;
        issues.EndFile();
        return new Result(records, texts, issues, last);
    }
}
