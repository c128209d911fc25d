using RunLens.Display;
using RunLens.Loading;

namespace RunLens;

/// <summary>
/// One training run: its <see cref="Info"/> (cheap) and readers that go through its records when asked.
/// </summary>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed class Run : IDisplayDocument
{
    private readonly LoadOptions _options;
    private readonly Lazy<ScanResult> _defaultScan;
    private readonly Lazy<EpisodeSet> _episodes;
    // Full-resolution series by the name they were asked for (a lookup name and the logged name may both key one).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Series> _metrics = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<Series>> _allMetrics;

    internal Run(RunInfo info, LoadOptions options, IReadOnlyList<IEpisodeSource>? episodes = null)
    {
        Info = info;
        _options = options;
        EpisodeSources = episodes ?? [];
        _defaultScan = new(() => Scanner.Scan(Info.Files, _options.Fields, ScanOptions.Default), LazyThreadSafetyMode.ExecutionAndPublication);
        _episodes = new(() => EpisodeSet.Read(EpisodeSources), LazyThreadSafetyMode.ExecutionAndPublication);
        _allMetrics = new(() => MetricReader.ReadMany(this, [], _options.Fields), LazyThreadSafetyMode.ExecutionAndPublication);
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

    /// <summary>
    /// Follows the run while it is written: a <see cref="LiveScan"/> whose <see cref="LiveScan.Update"/> reads only what
    /// was appended since, and whose result equals a full <see cref="Scan"/> of the files as they are then.
    /// </summary>
    /// <param name="options">Scan options and when the run counts as ended; <see cref="LiveOptions.Default"/> when null.</param>
    /// <example><code>using var live = run.Follow(); /* later */ live.Update(); live.Status</code></example>
    public LiveScan Follow(LiveOptions? options = null) => LiveScan.Start(LoadRoot(), _options, [Name], options);

    /// <summary>The folder the run was loaded from (its files' paths less their relative paths), so a relisting names it alike.</summary>
    internal string LoadRoot()
    {
        foreach (var file in Info.Files)
        {
            var relative = file.RelativePath.Replace('/', System.IO.Path.DirectorySeparatorChar);
            if (!relative.Contains('#', StringComparison.Ordinal) && file.Path.EndsWith(relative, StringComparison.Ordinal))
                return System.IO.Path.TrimEndingDirectorySeparator(file.Path[..^relative.Length]) is { Length: > 0 } root ? root : file.Path;
        }
        return Info.Root;
    }

    /// <summary>
    /// Every value of one field, at full resolution, sorted by step. Reads every file. A metric the tool plots against
    /// another metric (<see cref="RunInfo.XAxes"/>: W&amp;B's <c>define_metric("eval/*", step_metric="env_steps")</c>) is
    /// given against it: each point's step is that record's <c>env_steps</c>, when every record with the metric has
    /// one (else the record's step). <see cref="Scan"/> keeps every field on the record's step. The series is kept:
    /// asking again (here or through <see cref="Metrics"/>) reads no file.
    /// </summary>
    /// <param name="name">A field name as logged, or a role's lookup name such as <c>rewards.total</c>, which finds a log's <c>reward</c> (see <see cref="FieldMap"/>). The series keeps the logged name.</param>
    public Series Metric(string name) => Metrics(name)[0];

    /// <summary>
    /// Every value of several fields at full resolution, read in one pass over the files; each series is what
    /// <see cref="Metric"/> gives for its name. With no names: every numeric field of the run in name order, except
    /// the step itself (a step-named field such as <c>step</c> whose every value is its record's step). Series read
    /// before are kept and not read again; the names not read yet are read together, in one pass, so a notebook that
    /// compares runs on a metric and its x field (<c>run.Metrics("reward", "env_steps")</c>) reads each run once.
    /// </summary>
    /// <param name="names">Field names as logged or role lookup names (see <see cref="Metric"/>); none for every field.</param>
    /// <exception cref="KeyNotFoundException">No record has one of the names; the message lists the fields there are.</exception>
    /// <example><code>var series = run.Metrics("rewards.total", "loss"); series[1].Points</code></example>
    public IReadOnlyList<Series> Metrics(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length == 0)
            return _allMetrics.Value;
        var missing = names.Where(n => !_metrics.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var read = MetricReader.ReadMany(this, missing, _options.Fields);
            for (var i = 0; i < missing.Count; i++)
                _metrics.TryAdd(missing[i], read[i]);
        }
        return names.Select(n => _metrics[n]).ToList();
    }

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

    /// <summary>
    /// Episodes cut from the run's per-step records (one record per environment step, as the exploration game's
    /// <c>json_logs</c> or PokemonRed's <c>agent_stats</c> CSVs write them), each with its <see cref="Trajectory"/>:
    /// rewards, positions, maps, actions and every other per-step number as a track. Reads every file once.
    /// </summary>
    /// <remarks>
    /// <para>Records of one environment are used (the <c>env</c> field); records without a step field and without a
    /// position (per-episode summaries) are left out, counted in the issues. An episode ends where the log says so,
    /// in this order of evidence: an <c>episode</c>/<c>episode_id</c> field changes; a <c>done</c>,
    /// <c>terminated</c> or <c>truncated</c> field is true (the episode ends after that record); a CSV repeats its
    /// header; the step goes back (a reset; going back to anything but 0 is also reported, as records may be out
    /// of order); otherwise, when the log has no episode or done field, where the step is a multiple of the episode
    /// length (<paramref name="episodeLength"/>, else the configuration's <c>episode_length</c>,
    /// <c>max_steps</c> or <c>max_episode_steps</c>).</para>
    /// <para>Per step: the reward is <c>rewards.total</c>, else the sum of the <c>rewards.*</c> components, else 0
    /// (counted in the issues); positions are <c>position.x</c>, <c>position.y</c> (and <c>position.z</c>), a step
    /// without one repeating the one before; maps are <c>position.map</c> as invariant text (<c>"40"</c>; numeric
    /// maps only); the action is <c>action</c>, <c>info.action</c> or <c>last_action</c>. Every reward component
    /// is a track under its name as logged (listed in <see cref="Trajectory.RewardTracks"/>), and every other numeric field (not a step, env, position,
    /// reward, action, episode or done field) a track under its name as logged (NaN at steps without it).</para>
    /// <para>Memory stays bounded: only the last <paramref name="maxEpisodes"/> episodes are kept (the issues say
    /// how many earlier ones were left out), and a trajectory keeps at most the first 10,000 steps of its episode
    /// (return and length still count every step). <see cref="Episode.Index"/> is the episode's number among all
    /// episodes of the environment, left-out ones included.</para>
    /// </remarks>
    /// <param name="env">The environment to cut; null for the lowest <c>env</c> seen (every record when no record
    /// has an <c>env</c> field).</param>
    /// <param name="maxEpisodes">How many episodes to keep, the last ones; at least 1.</param>
    /// <param name="episodeLength">The episode length when the log has no other boundary; null for the configuration's.</param>
    /// <returns>The episodes (kind <c>training</c>) with the problems met and what was left out as issues.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEpisodes"/> or <paramref name="episodeLength"/> is below 1.</exception>
    /// <example><code>var episodes = run.StepEpisodes(env: 0); episodes[^1].Trajectory!.Positions</code></example>
    public EpisodeSet StepEpisodes(int? env = null, int maxEpisodes = 100, int? episodeLength = null) =>
        Loading.Episodes.StepEpisodeReader.Read(this, env, maxEpisodes, episodeLength);

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

    /// <summary>The same run with another description (discovery settles variant and seed last).</summary>
    internal Run WithInfo(RunInfo info) => new(info, _options, EpisodeSources);

    internal LoadOptions Options => _options;

    internal IReadOnlyList<IEpisodeSource> EpisodeSources { get; }

    /// <summary>The run's names, configuration and files (reads no records).</summary>
    public string ToHtml() => DisplayHtml.Run(this);

    /// <inheritdoc />
    public override string ToString() => Info.ToString();
}
