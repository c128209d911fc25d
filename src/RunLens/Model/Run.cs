using RunLens.Display;
using RunLens.Loading;

namespace RunLens;

/// <summary>
/// One training run: its <see cref="Info"/> (cheap) and readers that go through its records when asked.
/// </summary>
[TypeFormatterSource(typeof(HtmlFormatterSource), PreferredMimeTypes = [HtmlFormatterSource.Html, HtmlFormatterSource.PlainText])]
public sealed class Run : IHtmlRenderable
{
    private readonly LoadOptions _options;
    private readonly Lazy<ScanResult> _defaultScan;
    private readonly Lazy<EpisodeSet> _episodes;

    internal Run(RunInfo info, LoadOptions options, IReadOnlyList<IEpisodeSource>? episodes = null)
    {
        Info = info;
        _options = options;
        EpisodeSources = episodes ?? [];
        _defaultScan = new(() => Scanner.Scan(Info.Files, _options.Fields, ScanOptions.Default), LazyThreadSafetyMode.ExecutionAndPublication);
        _episodes = new(() => EpisodeSet.Read(EpisodeSources), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Names, folders, files and configuration of the run.</summary>
    public RunInfo Info { get; }

    /// <summary>The run's name, unique within its <see cref="RunSet"/>.</summary>
    public string Name => Info.Name;

    /// <summary>The training variant (the folder above the timestamp folder), if any.</summary>
    public string? Variant => Info.Variant;

    /// <summary>
    /// Reads every record of every file once (files in parallel) and returns exact curves, samples and counts.
    /// The result with default options is computed once and reused.
    /// </summary>
    /// <example><code>var scan = runs["v4/20250726_130714"].Scan(); scan.Field("rewards.total")</code></example>
    public ScanResult Scan(ScanOptions? options = null) =>
        options is null ? _defaultScan.Value : Scanner.Scan(Info.Files, _options.Fields, options);

    /// <summary>Every value of one field, at full resolution, sorted by step. Reads every file.</summary>
    /// <param name="name">A canonical field name such as <c>rewards.total</c> (see <see cref="FieldMap"/>).</param>
    public Series Metric(string name) => MetricReader.Read(this, name, _options.Fields);

    /// <summary>
    /// The run's episodes (from monitor files, snapshot files, evaluation and trajectory files), read when first
    /// asked for; empty when the run logged none.
    /// </summary>
    /// <example><code>run.Episodes[3].Return</code></example>
    public EpisodeSet Episodes => _episodes.Value;

    /// <summary>
    /// The episodes captured step by step during training (kind <c>snapshot</c>), in training order: the snapshot
    /// timeline. Empty when the run has no snapshot files.
    /// </summary>
    /// <example><code>run.Snapshots.Replay()</code></example>
    public EpisodeSet Snapshots => Episodes.Only(EpisodeKinds.Snapshot);

    internal FieldMap FieldMap => _options.Fields;

    /// <summary>
    /// Exact counts and curves without samples, for summaries of many runs: the default scan when it was already
    /// made, else a scan without the reservoir and per-file samples that is not kept (a listing of hundreds of runs
    /// would otherwise hold every run's 10,000 sampled rows).
    /// </summary>
    internal ScanResult ScanCounts() =>
        _defaultScan.IsValueCreated
            ? _defaultScan.Value
            : Scanner.Scan(Info.Files, _options.Fields, new ScanOptions { ReservoirSize = 0, PerFileSamples = 0 });

    /// <summary>True when the file is one of the run's data or episode files.</summary>
    internal bool Owns(string path) =>
        Info.Files.Any(f => f.DiskPaths.Contains(path)) || EpisodeSources.Any(s => s.File.DiskPaths.Contains(path));

    /// <summary>The run restricted to one of its files, under a new name (loading a single file).</summary>
    internal Run OnlyFile(string path, string name) =>
        new(Info with { Name = name, Files = Info.Files.Where(f => f.DiskPaths.Contains(path)).ToList() }, _options,
            EpisodeSources.Where(s => s.File.DiskPaths.Contains(path)).ToList());

    /// <summary>The same run under another name (discovery makes names unique).</summary>
    internal Run Renamed(string name) => new(Info with { Name = name }, _options, EpisodeSources);

    internal LoadOptions Options => _options;

    internal IReadOnlyList<IEpisodeSource> EpisodeSources { get; }

    /// <summary>The run's names, configuration and files (reads no records).</summary>
    public string ToHtml() => DisplayHtml.Run(this);

    /// <inheritdoc />
    public override string ToString() => Info.ToString();
}
