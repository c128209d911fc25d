using System.Collections;
using System.Globalization;
using System.Text;
using RunLens.Display;

namespace RunLens;

/// <summary>
/// The summaries of a set of runs, in the set's (name) order, with the problems met while finding them that belong
/// to no single run. Made by <see cref="RunDescriptions.Describe(RunSet)"/>; <c>runlens ls</c> prints it.
/// </summary>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed class RunListing : IReadOnlyList<RunSummary>, IDisplayDocument
{
    private readonly IReadOnlyList<RunSummary> _runs;
    private readonly Dictionary<RunSummary, IReadOnlyList<string>> _shownKeys;

    internal RunListing(string root, IReadOnlyList<RunSummary> runs, LoadIssues issues)
    {
        Root = root;
        _runs = runs;
        Issues = issues;
        _shownKeys = ShownKeys(runs);
    }

    /// <summary>The folder (or file) the runs were loaded from.</summary>
    public string Root { get; }

    /// <summary>
    /// Problems met while finding the runs that belong to no run's folder or files (an unreadable folder). Each
    /// run's own problems are in its <see cref="RunSummary.Issues"/>.
    /// </summary>
    public LoadIssues Issues { get; }

    /// <summary>Every problem: those of each run in run order, then those that belong to no run.</summary>
    public LoadIssues AllIssues => new(_runs.SelectMany(r => r.Issues).Concat(Issues).ToList());

    /// <inheritdoc />
    public int Count => _runs.Count;

    /// <inheritdoc />
    public RunSummary this[int index] => _runs[index];

    /// <summary>The summary of the run with this name.</summary>
    /// <exception cref="KeyNotFoundException">No run has the name; the message lists the names there are.</exception>
    public RunSummary this[string name] =>
        _runs.FirstOrDefault(r => r.Name == name)
        ?? throw new KeyNotFoundException($"No run named '{name}'. Runs: {string.Join(", ", _runs.Select(r => r.Name))}.");

    /// <summary>
    /// The run's hyperparameters in a few words, <c>learning_rate=0.0003 batch_size=512</c>: the values that tell it
    /// apart from the runs with the same configuration keys (the other runs of its sweep), or all of them when nothing
    /// differs; never the seed (it has its own column). Cut to <paramref name="maxLength"/> characters with '…'.
    /// </summary>
    public string ShortConfig(RunSummary run, int maxLength = 48)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var keys = _shownKeys.TryGetValue(run, out var shown) ? shown : ShownKeys([run])[run];
        var text = string.Join(" ", keys.Select(k => k + "=" + run.Config[k]));
        return text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";
    }

    /// <inheritdoc />
    public IEnumerator<RunSummary> GetEnumerator() => _runs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A table with one row per run (format, seed, hyperparameters, metrics, points, steps, episodes, issues), then every issue.</summary>
    public string ToHtml() => DisplayHtml.Listing(this);

    /// <summary>A count line, then one line per run (see <see cref="RunSummary.ToString"/>).</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(ci, $"{_runs.Count} runs under {Root}");
        var issues = AllIssues.Count;
        if (issues > 0)
            text.Append(ci, $" ({issues} {(issues == 1 ? "issue" : "issues")})");
        foreach (var run in _runs)
            text.Append('\n').Append(run);
        return text.ToString();
    }

    /// <summary>
    /// Which configuration keys to show for each run. Runs with the same set of keys are taken as one sweep: the
    /// keys whose values differ within it are what tells its runs apart. Runs from other tools have other keys, so
    /// they do not make every shared key such as <c>env</c> look varied.
    /// </summary>
    private static Dictionary<RunSummary, IReadOnlyList<string>> ShownKeys(IReadOnlyList<RunSummary> runs)
    {
        var shown = new Dictionary<RunSummary, IReadOnlyList<string>>(ReferenceEqualityComparer.Instance);
        foreach (var sweep in runs.GroupBy(r => string.Join("\n", r.Config.Keys.Order(StringComparer.Ordinal)), StringComparer.Ordinal))
        {
            var members = sweep.ToList();
            var keys = members[0].Config.Keys.Where(k => k != "seed").Order(StringComparer.Ordinal).ToList();
            var varying = members.Count < 2 ? [] : keys.Where(k => members.Select(r => r.Config[k]).Distinct().Skip(1).Any()).ToList();
            IReadOnlyList<string> chosen = varying.Count > 0 ? varying : keys;
            foreach (var run in members)
                shown[run] = chosen;
        }
        return shown;
    }
}
