using RunLens.Fields;
using RunLens.Loading;

namespace RunLens;

/// <summary>Reads every value of one field of a run at full resolution (for small runs and exact checks).</summary>
internal static class MetricReader
{
    private static readonly string[] WallTimeFields = ["wall_time", "timestamp", "_timestamp", "time"];

    /// <summary>Every value of one field (see <see cref="ReadMany"/>).</summary>
    public static Series Read(Run run, string name, FieldMap map) => ReadMany(run, [name], map)[0];

    /// <summary>
    /// Several fields in one pass over the files, each series equal to what <see cref="Read"/> gives for it. With no
    /// names, every numeric field except the step itself: a step-named field whose every value is its record's step.
    /// </summary>
    public static IReadOnlyList<Series> ReadMany(Run run, IReadOnlyList<string> names, FieldMap map)
    {
        foreach (var name in names)
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var all = names.Count == 0;
        var fields = new FieldTable(map);
        var record = new RecordBuffer();
        var issues = new ScanIssues();
        var ids = names.Select(_ => -1).ToArray();
        var pointsById = new Dictionary<int, List<ScalarPoint>>();
        // Fields of which some value differs from its record's step: only step-named fields are ever dropped.
        var notTheStep = new HashSet<int>();
        foreach (var file in run.Info.Files)
        {
            using var reader = file.Open(fields, issues);
            long ordinal = 0;
            while (reader.Read(record, wantText: false))
            {
                var step = record.StepOf(fields, ordinal, out _);
                var wall = WallTimeOf(record, fields);
                if (all)
                {
                    var present = record.Fields;
                    var values = record.Values;
                    for (var i = 0; i < present.Length; i++)
                    {
                        Points(pointsById, present[i]).Add(new ScalarPoint(step, values[i], wall));
                        if (values[i] != step)
                            notTheStep.Add(present[i]);
                    }
                }
                else
                {
                    for (var n = 0; n < ids.Length; n++)
                    {
                        if (ids[n] < 0)
                            ids[n] = fields.IdOf(names[n]);
                        if (record.Has(ids[n]))
                            Points(pointsById, ids[n]).Add(new ScalarPoint(step, record.ValueOf(ids[n]), wall));
                    }
                }
                ordinal++;
            }
        }
        if (all)
        {
            return pointsById.Where(p => fields.StepRank(p.Key) < 0 || notTheStep.Contains(p.Key))
                .Select(p => new Series(run.Name, fields.Names[p.Key], p.Value.OrderBy(x => x.Step).ToList()))
                .OrderBy(s => s.Metric, StringComparer.Ordinal).ToList();
        }
        var missing = names.Where((_, n) => ids[n] < 0).ToList();
        if (missing.Count > 0)
            throw new KeyNotFoundException($"No field '{string.Join("', '", missing)}' in run '{run.Name}'. Fields: {string.Join(", ", fields.Names.Order(StringComparer.Ordinal))}.");
        // OrderBy is stable: equal steps keep file order.
        return names.Select((name, n) => new Series(run.Name, name,
            pointsById.TryGetValue(ids[n], out var points) ? points.OrderBy(p => p.Step).ToList() : [])).ToList();
    }

    private static List<ScalarPoint> Points(Dictionary<int, List<ScalarPoint>> byId, int id)
    {
        if (!byId.TryGetValue(id, out var points))
            byId[id] = points = [];
        return points;
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
