using System.Text.Json.Serialization;

namespace RunLens.Cli.Reports;

/// <summary>What <c>runlens scan --json</c> prints: one object, numbers exact, non-finite values as null.</summary>
internal sealed record ScanReport(
    string Path,
    IReadOnlyList<RunReport> Runs,
    int Files,
    long Records,
    long RecordsWithoutStep,
    long Skipped,
    IReadOnlyDictionary<string, long> SkippedByReason,
    long? StepMin,
    long? StepMax,
    int DistinctPositions,
    long Bytes,
    double Seconds,
    double MegabytesPerSecond,
    int ReservoirRows,
    IReadOnlyDictionary<string, FieldReport> Fields,
    IReadOnlyList<IssueReport> Issues)
{
    public static ScanReport From(RunSet runs, ScanResult scan) => new(
        runs.Root,
        runs.Select(r => new RunReport(r.Name, r.Info.Variant, r.Info.Timestamp, r.Info.Seed, r.Info.Files.Sum(f => f.DiskPaths.Count), r.Info.Bytes)).ToList(),
        scan.Files,
        scan.Records,
        scan.RecordsWithoutStep,
        scan.Skipped,
        scan.SkippedByReason,
        scan.StepMin,
        scan.StepMax,
        scan.DistinctPositions,
        scan.Bytes,
        scan.Elapsed.TotalSeconds,
        scan.Elapsed.TotalSeconds > 0 ? scan.Bytes / 1e6 / scan.Elapsed.TotalSeconds : 0,
        scan.Reservoir.Count,
        scan.Fields.ToDictionary(f => f.Name, FieldReport.From, StringComparer.Ordinal),
        runs.Issues.Concat(scan.Issues).Select(i => new IssueReport(i.File, i.Offset, i.Line, i.Message)).ToList());
}

/// <summary>One run in a scan report; <c>Files</c> counts its files on disk (each monitor file of a group), the
/// report's own <c>Files</c> those the scan read.</summary>
internal sealed record RunReport(string Name, string? Variant, string? Timestamp, long? Seed, int Files, long Bytes);

/// <summary>Exact totals of one numeric field over every record.</summary>
internal sealed record FieldReport(long Count, long NonFinite, double Sum, double? Mean, double? Min, double? Max, IReadOnlyList<string> Sources)
{
    public static FieldReport From(FieldCurve f) =>
        new(f.Count, f.NonFinite, f.Sum, Finite(f.Mean), Finite(f.Min), Finite(f.Max), f.Sources);

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}

/// <summary>One problem, with the file and where in it.</summary>
internal sealed record IssueReport(string File, long? Offset, long? Line, string Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ScanReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
