using BenchmarkDotNet.Attributes;
using RunLens.Samples;

namespace RunLens.Benchmarks;

/// <summary>
/// Scanning one generated run small enough to stay in the page cache (about 25 MB of logs), so the figures are
/// the parser's and the summaries' cost, not the disk's: flat against nested, plain against gzip.
/// </summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private string _experiments = "";

    /// <summary>The layout of every file.</summary>
    [Params(RecordLayout.Flat, RecordLayout.Nested)]
    public RecordLayout Layout { get; set; }

    /// <summary>True to gzip every file.</summary>
    [Params(false, true)]
    public bool Gzip { get; set; }

    /// <summary>Generates the run once per parameter set (cached across benchmark processes).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var root = Path.Combine(Path.GetTempPath(), "runlens-bench", "bdn", $"{Layout}-{(Gzip ? "gz" : "plain")}");
        var options = new SyntheticExperimentOptions
        {
            Variants = 1, Layout = Layout, GzipEvery = Gzip ? 1 : 0, IncludeMetricsRun = false,
            EnvsPerRun = 4, StepsPerEnv = 30_000, RecordsPerFile = 5_000,
        };
        var manifest = File.Exists(Path.Combine(root, SyntheticManifest.FileName)) ? SyntheticManifest.Read(root) : null;
        _experiments = manifest is not null && manifest.Options == options
            ? manifest.ExperimentsPath
            : SyntheticExperiment.Write(root, options).ExperimentsPath;
    }

    /// <summary>Load and scan every record with default sampling, on all cores.</summary>
    [Benchmark]
    public long Scan() => Runs.Load(_experiments).Scan(new ScanOptions { Threads = 0 }).Records;

    /// <summary>The same on one thread: the per-core cost.</summary>
    [Benchmark]
    public long ScanOneThread() => Runs.Load(_experiments).Scan(new ScanOptions { Threads = 1 }).Records;
}
