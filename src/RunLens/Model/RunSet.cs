using System.Collections;
using RunLens.Display;

namespace RunLens;

/// <summary>The runs found under a folder, in name order, with the problems met while finding them.</summary>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed class RunSet : IReadOnlyList<Run>, IDisplayDocument
{
    private readonly IReadOnlyList<Run> _runs;

    internal RunSet(string root, IReadOnlyList<Run> runs, IReadOnlyList<LoadIssue> issues)
    {
        Root = root;
        _runs = runs;
        Issues = issues as LoadIssues ?? new LoadIssues(issues);
    }

    /// <summary>The folder (or file) the runs were loaded from.</summary>
    public string Root { get; }

    /// <summary>Problems met while finding runs (unreadable folders or config files).</summary>
    public LoadIssues Issues { get; }

    /// <inheritdoc />
    public int Count => _runs.Count;

    /// <inheritdoc />
    public Run this[int index] => _runs[index];

    /// <summary>The run with this name (see <see cref="RunInfo.Name"/>).</summary>
    /// <exception cref="KeyNotFoundException">No run has the name; the message lists the names there are.</exception>
    public Run this[string name] =>
        _runs.FirstOrDefault(r => r.Name == name)
        ?? throw new KeyNotFoundException($"No run named '{name}'. Runs: {string.Join(", ", _runs.Select(r => r.Name))}.");

    /// <summary>The runs that match a condition, as a new set.</summary>
    public RunSet Where(Func<Run, bool> predicate) => new(Root, _runs.Where(predicate).ToList(), Issues);

    /// <summary>The runs grouped by variant (runs without a variant group under their name).</summary>
    public IReadOnlyDictionary<string, RunSet> ByVariant() =>
        _runs.GroupBy(r => r.Variant ?? r.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new RunSet(Root, g.ToList(), []), StringComparer.Ordinal);

    /// <summary>Scans every run (see <see cref="Run.Scan"/>) and merges the results into one.</summary>
    public ScanResult Scan(ScanOptions? options = null) =>
        Scanner.Scan(_runs.SelectMany(r => r.Info.Files).ToList(), FieldsOf(), options ?? ScanOptions.Default);

    /// <summary>
    /// Follows every run of the set while they are written (new runs under <see cref="Root"/> join): a
    /// <see cref="LiveScan"/> whose result equals a full <see cref="Scan"/> after every update.
    /// </summary>
    /// <param name="options">Scan options and when the runs count as ended; <see cref="LiveOptions.Default"/> when null.</param>
    public LiveScan Follow(LiveOptions? options = null) =>
        LiveScan.Start(Root, _runs.Count == 0 ? LoadOptions.Default : _runs[0].Options, null, options);

    private FieldMap FieldsOf() => _runs.Count == 0 ? FieldMap.Default : _runs[0].FieldMap;

    /// <inheritdoc />
    public IEnumerator<Run> GetEnumerator() => _runs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A table of the runs (name, variant, timestamp, seed, format, files, MB), then any issues.</summary>
    public string ToHtml() => DisplayHtml.RunSet(this);

    /// <inheritdoc />
    public override string ToString() =>
        $"{_runs.Count} runs under {Root}" + (Issues.Count > 0 ? $" ({Issues.Count} issues)" : "");
}
