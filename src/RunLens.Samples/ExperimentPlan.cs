using System.Globalization;

namespace RunLens.Samples;

/// <summary>One run to write: where, with which seed and bonus, how many steps and in which layout.</summary>
internal sealed record RunPlan(
    int Index, string Variant, int Seed, double Bonus, RecordLayout Layout, long StepsPerEnv, int MetricsLines, bool IsMetrics)
{
    // Fixed, seed-derived folder names: the same options always give the same paths.
    private static readonly DateTime Epoch = new(2025, 7, 26, 13, 7, 14, DateTimeKind.Utc);

    public string Timestamp => (Epoch + TimeSpan.FromMinutes(97 * Index + 10080L * Seed))
        .ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);

    public string RelativePath => Variant + "/" + Timestamp;

    public int Chunks(int recordsPerFile) => (int)((StepsPerEnv + recordsPerFile - 1) / recordsPerFile);
}

/// <summary>Turns options into the list of runs, sizing them from <see cref="SyntheticExperimentOptions.TargetBytes"/>.</summary>
internal static class ExperimentPlan
{
    public const string MetricsVariant = "ppo";

    // Measured share of disk a .gz log keeps (fastest level); only used to aim at TargetBytes.
    private const double GzipRatio = 0.15;

    public static IReadOnlyList<RunPlan> Create(SyntheticExperimentOptions o, GridWorld world)
    {
        var runs = new List<RunPlan>();
        var gameRuns = o.Variants * o.SeedsPerVariant;
        var metricsLines = o.MetricsLines;
        double gameBudgetPerEnv = 0;
        if (o.TargetBytes > 0)
        {
            var metricsBudget = o.IncludeMetricsRun ? o.TargetBytes * 0.05 : 0;
            var gzipShare = o.GzipEvery > 0 ? 1.0 / o.GzipEvery : 0;
            gameBudgetPerEnv = (o.TargetBytes - metricsBudget) / (1 - gzipShare * (1 - GzipRatio)) / gameRuns / o.EnvsPerRun;
            var lineBytes = Calibration.BytesPerMetricsLine() * (o.GzipMetrics ? GzipRatio : 1);
            metricsLines = (int)Math.Clamp(metricsBudget / lineBytes, 1, int.MaxValue);
        }
        for (var v = 1; v <= o.Variants; v++)
        {
            var layout = o.Layout ?? (v - 1 < o.Variants / 2 ? RecordLayout.Flat : RecordLayout.Nested);
            var bonus = 0.01 * Math.Pow(2, v - 1);
            var steps = o.TargetBytes > 0
                ? Math.Max(1, (long)(gameBudgetPerEnv / BytesPerRecord(world, layout, o.MixLayouts)))
                : o.StepsPerEnv;
            for (var s = 0; s < o.SeedsPerVariant; s++)
                runs.Add(new RunPlan(runs.Count, "v" + v.ToString(CultureInfo.InvariantCulture), o.Seed + s, bonus, layout, steps, 0, false));
        }
        if (o.IncludeMetricsRun)
            runs.Add(new RunPlan(runs.Count, MetricsVariant, o.Seed, 0, RecordLayout.Nested, 0, metricsLines, true));
        return runs;
    }

    private static double BytesPerRecord(GridWorld world, RecordLayout layout, bool mix) =>
        layout == RecordLayout.Flat && mix
            ? (Calibration.BytesPerRecord(world, RecordLayout.Flat) + Calibration.BytesPerRecord(world, RecordLayout.Nested)) / 2
            : Calibration.BytesPerRecord(world, layout);
}

/// <summary>Average record sizes, measured by writing a few thousand records to nowhere.</summary>
internal static class Calibration
{
    private const int Samples = 4096;

    public static double BytesPerRecord(GridWorld world, RecordLayout layout)
    {
        var env = new ExplorerEnv(world, 1, 0, 0.04, Samples, 1024);
        using var log = new JsonLogWriter(Stream.Null, layout);
        for (var i = 0; i < Samples; i++)
            log.Write(env.Next());
        // Steps in big runs have about two more digits than these samples.
        return (double)log.BytesWritten / Samples + 2;
    }

    public static double BytesPerMetricsLine()
    {
        using var log = new JsonlMetricsWriter(Stream.Null);
        var metrics = new MetricsCurve(1, 1000);
        for (var i = 0; i < 256; i++)
            log.Write(metrics.Step(i), metrics.Timestamp(i), metrics.Values(i));
        return (double)log.BytesWritten / 256 + 2;
    }
}
