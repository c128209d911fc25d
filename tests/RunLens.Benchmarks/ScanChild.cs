using System.Diagnostics;
using System.Text.Json;

namespace RunLens.Benchmarks;

/// <summary>
/// The measured process: loads and scans one folder and prints one JSON line (records, bytes, seconds, peak RSS).
/// Kept apart from the parent so generation and the parent's memory never count in the figures.
/// </summary>
internal static class ScanChild
{
    public const int NotImplementedExitCode = 3;

    public static int Run(Arguments args)
    {
        var dir = args.Required("--scan-only");
        var threads = args.Int("--threads", 0);
        var clock = Stopwatch.StartNew();
        using var output = Console.OpenStandardOutput();
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        int exitCode;
        try
        {
            // The many-positions experiments beyond 2 GB hard-link the same files into more runs: each path is data.
            var runs = Runs.Load(dir, new LoadOptions { ReadHardLinksAsFiles = true });
            var listing = clock.Elapsed.TotalSeconds;
            var scan = runs.Scan(new ScanOptions { Threads = threads });
            clock.Stop();
            json.WriteNumber("load_seconds", listing);
            json.WriteNumber("records", scan.Records);
            json.WriteNumber("bytes", scan.Bytes);
            json.WriteNumber("files", scan.Files);
            json.WriteNumber("skipped", scan.Skipped);
            json.WriteNumber("distinct_positions", scan.DistinctPositions);
            exitCode = 0;
        }
        catch (NotImplementedException e)
        {
            // Until the scanner lands, the runner still proves everything up to this call.
            clock.Stop();
            json.WriteString("error", "not implemented: " + e.Message);
            exitCode = NotImplementedExitCode;
        }
        json.WriteNumber("seconds", clock.Elapsed.TotalSeconds);
        json.WriteNumber("peak_rss_bytes", PeakMemory.Bytes());
        WholeProcess.Write(json);
        json.WriteEndObject();
        json.Flush();
        output.Write("\n"u8);
        return exitCode;
    }
}
