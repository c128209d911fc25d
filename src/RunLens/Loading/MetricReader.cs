using RunLens.Fields;
using RunLens.Loading;
using RunLens.Loading.Json;

namespace RunLens;

/// <summary>Reads every value of one field of a run at full resolution (for small runs and exact checks).</summary>
internal static class MetricReader
{
    private static readonly string[] WallTimeFields = ["wall_time", "timestamp", "_timestamp", "time"];

    public static Series Read(Run run, string name, FieldMap map)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var points = new List<ScalarPoint>();
        var fields = new FieldTable(map);
        var record = new RecordBuffer();
        var issues = new ScanIssues();
        foreach (var file in run.Info.Files)
        {
            using var reader = RecordReaders.Open(file, fields, issues);
            long ordinal = 0;
            while (reader.Read(record, wantText: false))
            {
                var id = fields.IdOf(name);
                if (record.Has(id))
                    points.Add(new ScalarPoint(record.StepOf(fields, ordinal, out _), record.ValueOf(id), WallTimeOf(record, fields)));
                ordinal++;
            }
        }
        if (points.Count == 0 && fields.IdOf(name) < 0)
            throw new KeyNotFoundException($"No field '{name}' in run '{run.Name}'. Fields: {string.Join(", ", fields.Names.Order(StringComparer.Ordinal))}.");
        // OrderBy is stable: equal steps keep file order.
        return new Series(run.Name, name, points.OrderBy(p => p.Step).ToList());
    }

    private static double? WallTimeOf(RecordBuffer record, FieldTable fields)
    {
        if (!double.IsNaN(record.WallTime))
            return record.WallTime;
        foreach (var name in WallTimeFields)
        {
            var id = fields.IdOf(name);
            if (record.Has(id))
                return record.ValueOf(id);
        }
        return null;
    }
}
