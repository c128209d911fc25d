using System.Globalization;
using System.Text;
using RunLens.Display;
using RunLens.Fields;

namespace RunLens;

/// <summary>
/// Everything about one run in one immutable value: what it is (names, format, seed, hyperparameters, tags), how
/// much it holds (files, metrics with exact point counts and step ranges, episodes) and what went wrong (issues,
/// skipped records). Made by <see cref="RunDescriptions.Describe(Run)"/>, which reads every record once.
/// </summary>
/// <param name="Name">The run's unique name in its set.</param>
/// <param name="Format">The log format, for example <c>json-log</c>.</param>
/// <param name="Root">The run's folder (or file).</param>
/// <param name="Variant">The training variant, if any.</param>
/// <param name="Timestamp">The timestamp folder name, if any.</param>
/// <param name="Seed">The seed, if known.</param>
/// <param name="Status">The status the tool recorded (<c>FINISHED</c>, <c>FAILED</c>, ...), if any.</param>
/// <param name="Config">The hyperparameters and other configuration, by dotted name in ordinal order.</param>
/// <param name="Tags">Text metadata the tool recorded, by name in ordinal order.</param>
/// <param name="Notes">Facts about the run that are not problems in a file (a failed trial, history only in a binary file).</param>
/// <param name="Files">The number of data files read: each of a group of monitor files counts, a file that could not
/// be opened or was skipped whole (a CSV without a readable header) does not.</param>
/// <param name="Bytes">The size of the data files on disk.</param>
/// <param name="Records">Valid records read from the data files.</param>
/// <param name="StepMin">The smallest step of any record, or null when there were none.</param>
/// <param name="StepMax">The largest step of any record, or null when there were none.</param>
/// <param name="Metrics">Every numeric field, in name order.</param>
/// <param name="Episodes">The episodes, by kind.</param>
/// <param name="Issues">Every problem met for this run: finding it (its config, its files), reading its records and
/// its episodes, grouped by file.</param>
/// <param name="Skipped">Records that could not be read, by reason.</param>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed record RunSummary(
    string Name,
    string Format,
    string Root,
    string? Variant,
    string? Timestamp,
    long? Seed,
    string? Status,
    IReadOnlyDictionary<string, ConfigValue> Config,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> Notes,
    int Files,
    long Bytes,
    long Records,
    long? StepMin,
    long? StepMax,
    IReadOnlyList<MetricSummary> Metrics,
    EpisodeSummary Episodes,
    LoadIssues Issues,
    IReadOnlyDictionary<string, long> Skipped) : IHtmlRenderable
{
    /// <summary>The run's final results from a key/value table or summary document (<see cref="RunInfo.Summary"/>), by name in ordinal order.</summary>
    public IReadOnlyDictionary<string, ConfigValue> Summary { get; init; } = new SortedDictionary<string, ConfigValue>(StringComparer.Ordinal);

    /// <summary>Values logged over every metric (finite and not).</summary>
    public long Points => Metrics.Sum(m => m.Points);

    /// <summary>
    /// The metric named so as written, else the one playing the role the name stands for (<c>rewards.total</c>
    /// finds a log's <c>reward</c>; see <see cref="FieldMap"/>); null when none.
    /// </summary>
    public MetricSummary? Metric(string name)
    {
        var answer = FieldRoles.Answer(Metrics.Select(m => (m.Name, m.Alias)), name);
        return answer is null ? null : Metrics.First(m => m.Name == answer);
    }

    /// <summary>The run's info, metrics, episodes, skipped records and issues as tables.</summary>
    public string ToHtml() => DisplayHtml.Summary(this);

    /// <summary>One line: name, format, counts and step range.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(ci, $"{Name} ({Format}");
        if (Seed is { } seed)
            text.Append(ci, $", seed {seed}");
        text.Append(ci, $"): {Metrics.Count} metrics, {Points:N0} points");
        if (StepMin is { } lo && StepMax is { } hi)
            text.Append(ci, $", steps {lo}..{hi}");
        if (Episodes.Count > 0)
            text.Append(ci, $", {Episodes.Count:N0} episodes");
        if (Summary.Count > 0)
            text.Append(ci, $", summary {string.Join(" ", Summary.Select(s => s.Key + "=" + s.Value))}");
        if (Issues.Count > 0)
            text.Append(ci, $", {Issues.Count} {(Issues.Count == 1 ? "issue" : "issues")}");
        return text.ToString();
    }
}
