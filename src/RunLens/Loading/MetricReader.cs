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
        // Every field that could answer each name (the one written so, those aliased to it): which one does is
        // decided once all files are read, by the same rule as a scan's, not by which came first.
        var wanted = new SortedSet<int>();
        var wantedIds = Array.Empty<int>();
        var known = 0;
        var pointsById = new Dictionary<int, List<ScalarPoint>>();
        // Fields of which some value differs from its record's step: only step-named fields are ever dropped.
        var notTheStep = new HashSet<int>();
        foreach (var file in run.Info.Files)
        {
            using var reader = RecordReaders.Open(file, fields, issues);
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
                    if (known != fields.FieldCount)
                    {
                        known = fields.FieldCount;
                        foreach (var name in names)
                            wanted.UnionWith(fields.Candidates(name));
                        wantedIds = [.. wanted];
                    }
                    foreach (var id in wantedIds)
                    {
                        if (record.Has(id))
                            Points(pointsById, id).Add(new ScalarPoint(step, record.ValueOf(id), wall));
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
        var ids = names.Select(fields.IdOf).ToArray();
        var missing = names.Where((_, n) => ids[n] < 0).ToList();
        if (missing.Count > 0)
            throw new KeyNotFoundException($"No field '{string.Join("', '", missing)}' in run '{run.Name}'. Fields: {string.Join(", ", fields.Names.Order(StringComparer.Ordinal))}.");
        // The series keeps the name its tool wrote, whatever alias found it. OrderBy is stable: equal steps keep file order.
        return names.Select((name, n) => new Series(run.Name, fields.Names[ids[n]],
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
