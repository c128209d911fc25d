using RunLens.Loading.Discovery;

namespace RunLens;

/// <summary>The entry point: find and open training runs.</summary>
public static class Runs
{
    /// <summary>
    /// Finds every run under a folder (or opens one log file) without reading the records: each run's name,
    /// variant and timestamp (from <c>experiments/&lt;variant&gt;/&lt;timestamp&gt;/</c> folder names), seed,
    /// configuration and data files. Reading happens in <see cref="Run.Scan"/> and <see cref="Run.Metric"/>.
    /// </summary>
    /// <param name="path">A folder of experiments or runs, one run's folder, or one log file
    /// (<c>.json</c>, <c>.jsonl</c>, <c>.ndjson</c>, optionally <c>.gz</c>).</param>
    /// <param name="options">Field mapping and other loading options; <see cref="LoadOptions.Default"/> when null.</param>
    /// <exception cref="RunLoadException">Nothing exists at the path, or no run is found under it.</exception>
    /// <example>
    /// <code>
    /// var runs = Runs.Load("experiments");
    /// var scan = runs["v4/20250726_130714"].Scan();
    /// scan.RewardCurves()
    /// </code>
    /// </example>
    public static RunSet Load(string path, LoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return RunDiscovery.Discover(Path.GetFullPath(path), options ?? LoadOptions.Default);
    }
}
