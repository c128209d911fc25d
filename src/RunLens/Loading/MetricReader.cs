using RunLens.Fields;
using RunLens.Loading;

namespace RunLens;

/// <summary>
/// Reads every value of one field of a run at full resolution (for small runs and exact checks). A metric the tool
/// plots against another metric (<see cref="RunInfo.XAxes"/>, W&amp;B's <c>define_metric(step_metric=...)</c>) has that
/// metric's value as its points' step, when every record carrying the metric carries it (W&amp;B's <c>step_sync</c>
/// writes it into each such row); otherwise the record's step, as for every other metric.
/// </summary>
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
        // Metrics the tool plots against another metric (RunInfo.XAxes): their points with that metric's value as
        // the step, kept while every record carrying the metric also carries its x axis.
        var axes = run.Info.XAxes.Count == 0 ? null : new Dictionary<int, AxisPoints?>();
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
                        if (axes is not null)
                            OnAxis(axes, run, fields, record, present[i], values[i], wall);
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
                        if (!record.Has(id))
                            continue;
                        var value = record.ValueOf(id);
                        Points(pointsById, id).Add(new ScalarPoint(step, value, wall));
                        if (axes is not null)
                            OnAxis(axes, run, fields, record, id, value, wall);
                    }
                }
                ordinal++;
            }
        }
        if (axes is not null)
        {
            foreach (var (id, onAxis) in axes)
            {
                if (onAxis is { Complete: true })
                    pointsById[id] = onAxis.Points;
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

    /// <summary>The points of one metric against its x-axis metric, and whether every record so far had the x axis.</summary>
    private sealed class AxisPoints(string axis)
    {
        public string Axis { get; } = axis;

        public int AxisId { get; set; } = -1;

        public List<ScalarPoint> Points { get; } = [];

        public bool Complete { get; set; } = true;
    }

    /// <summary>Adds a value at its record's x-axis value, for a metric that has an x axis (null entry: it has none).</summary>
    private static void OnAxis(Dictionary<int, AxisPoints?> axes, Run run, FieldTable fields, RecordBuffer record, int id, double value, double? wall)
    {
        if (!axes.TryGetValue(id, out var onAxis))
        {
            var name = fields.Names[id];
            axes[id] = onAxis = run.Info.XAxisOf(name) is { } axis && axis != name ? new AxisPoints(axis) : null;
        }
        if (onAxis is not { Complete: true })
            return;
        if (onAxis.AxisId < 0)
            onAxis.AxisId = fields.IdOf(onAxis.Axis);
        var x = onAxis.AxisId >= 0 && record.Has(onAxis.AxisId) ? record.ValueOf(onAxis.AxisId) : double.NaN;
        if (double.IsFinite(x) && Math.Abs(x) < 9.2e18)
            onAxis.Points.Add(new ScalarPoint((long)Math.Floor(x), value, wall));
        else
            onAxis.Complete = false;
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
