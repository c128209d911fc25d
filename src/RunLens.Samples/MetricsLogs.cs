using System.Globalization;
using System.IO.Compression;

namespace RunLens.Samples;

/// <summary>Writes the batch-metrics JSONL run.</summary>
internal static class MetricsLogs
{
    // Not JSON: what a crashed or interleaved writer leaves in a line-based log.
    private static ReadOnlySpan<byte> Garbage => "### log rotated by worker 3 ### {\"step\": \n"u8;

    public static PartResult Write(string runDir, RunPlan run, SyntheticExperimentOptions o)
    {
        var tally = new Tally();
        var damage = new List<DamageReport>();
        var spoil = o.Damage.HasFlag(SyntheticDamage.NonFiniteValues);
        var garbageAt = o.Damage.HasFlag(SyntheticDamage.GarbageJsonlLine) ? run.MetricsLines / 2 : -1;
        var name = "batch_metrics.jsonl" + (o.GzipMetrics ? ".gz" : "");
        var path = Path.Combine(runDir, name);
        var curve = new MetricsCurve(run.Seed, run.MetricsLines);
        long spoiled = 0;
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024))
        using (var stream = o.GzipMetrics ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file)
        using (var log = new JsonlMetricsWriter(stream, spoil ? NonFiniteHandling.PythonLiterals : NonFiniteHandling.Throw, leaveOpen: true))
        {
            for (var line = 0; line < run.MetricsLines; line++)
            {
                // Each Write puts its whole line on the stream, so the garbage lands between two lines.
                if (line == garbageAt)
                    stream.Write(Garbage);
                var values = curve.Values(line);
                if (spoil && line % 50 == 49)
                {
                    values[4] = new(values[4].Key, double.NaN);
                    values[3] = new(values[3].Key, double.PositiveInfinity);
                    values[5] = new(values[5].Key, double.NegativeInfinity);
                    (curve.Last[4], curve.Last[3], curve.Last[5]) = (double.NaN, double.PositiveInfinity, double.NegativeInfinity);
                    spoiled++;
                }
                log.Write(curve.Step(line), curve.Timestamp(line), values);
                tally.AddMetrics(curve.Step(line), curve.Timestamp(line), curve.Last);
            }
        }
        var relative = run.RelativePath + "/" + name;
        if (garbageAt >= 0)
            damage.Add(new DamageReport(SyntheticDamage.GarbageJsonlLine, relative, 0, 1, 0, null, null,
                string.Create(CultureInfo.InvariantCulture, $"one non-JSON line inserted as line {garbageAt + 1}; no record lost")));
        if (spoil)
            damage.Add(new DamageReport(SyntheticDamage.NonFiniteValues, relative, 0, 0, spoiled, null, null,
                "every 50th line: metrics.value_loss = NaN, metrics.policy_loss = Infinity, metrics.entropy = -Infinity"));
        return new PartResult(tally, 1, new FileInfo(path).Length, [], damage);
    }
}
