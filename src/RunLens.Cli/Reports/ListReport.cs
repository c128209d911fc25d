using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunLens.Cli.Reports;

/// <summary>
/// What <c>runlens ls --json</c> prints: one object. JSON has no NaN or infinity, so: a metric's <c>min</c>/<c>max</c>
/// and the first/last step are null when it has no finite value, <c>meanReturn</c> is null without finite returns,
/// and a non-finite hyperparameter is the string <c>"NaN"</c>, <c>"Infinity"</c> or <c>"-Infinity"</c>.
/// </summary>
/// <param name="Root">The folder (or file) the runs were loaded from.</param>
/// <param name="Runs">Every run, in name order.</param>
/// <param name="Issues">Problems met while finding runs that belong to no run (each run lists its own).</param>
internal sealed record ListReport(string Root, IReadOnlyList<ListedRun> Runs, IReadOnlyList<IssueReport> Issues)
{
    public static ListReport From(RunListing listing) => new(
        listing.Root,
        listing.Select(ListedRun.From).ToList(),
        listing.Issues.Select(IssueOf).ToList());

    /// <summary>Every issue of the report, the runs' and the rest.</summary>
    public int CountIssues() => Runs.Sum(r => r.Issues.Count) + Issues.Count;

    internal static IssueReport IssueOf(LoadIssue i) => new(i.File, i.Offset, i.Line, i.Message);
}

/// <summary>One run: what it is, what it holds, and its problems.</summary>
internal sealed record ListedRun(
    string Name,
    string Format,
    string Root,
    string? Variant,
    string? Timestamp,
    long? Seed,
    string? Status,
    IReadOnlyDictionary<string, ConfigValue> Hyperparameters,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> Notes,
    int Files,
    long Bytes,
    long Records,
    long? StepMin,
    long? StepMax,
    IReadOnlyList<ListedMetric> Metrics,
    ListedEpisodes Episodes,
    IReadOnlyList<IssueReport> Issues,
    IReadOnlyDictionary<string, long> Skipped,
    IReadOnlyDictionary<string, ConfigValue> Summary)
{
    public static ListedRun From(RunSummary r) => new(
        r.Name, r.Format, r.Root, r.Variant, r.Timestamp, r.Seed, r.Status, r.Config, r.Tags, r.Notes, r.Files, r.Bytes,
        r.Records, r.StepMin, r.StepMax,
        r.Metrics.Select(m => new ListedMetric(m.Name, m.Points, m.Finite, m.NonFinite, m.FirstStep, m.LastStep, Finite(m.Min), Finite(m.Max))).ToList(),
        new ListedEpisodes(r.Episodes.Count, r.Episodes.ByKind, Finite(r.Episodes.MeanReturn)),
        r.Issues.Select(ListReport.IssueOf).ToList(),
        r.Skipped,
        r.Summary);

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}

/// <summary>One metric's exact counts; <c>min</c>, <c>max</c>, <c>firstStep</c>, <c>lastStep</c> are of finite values.</summary>
internal sealed record ListedMetric(string Name, long Points, long Finite, long NonFinite, long? FirstStep, long? LastStep, double? Min, double? Max);

/// <summary>Episodes by kind.</summary>
internal sealed record ListedEpisodes(int Count, IReadOnlyDictionary<string, int> ByKind, double? MeanReturn);

/// <summary>
/// A hyperparameter as its type: a JSON number, boolean, string, null or array. Non-finite numbers, which JSON cannot hold, are
/// written as the strings Python's <c>json</c> module would print bare (<c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>).
/// </summary>
internal sealed class ConfigValueJsonConverter : JsonConverter<ConfigValue>
{
    public override ConfigValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("runlens ls only writes hyperparameters.");

    public override void Write(Utf8JsonWriter writer, ConfigValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Number is { } n)
        {
            if (double.IsFinite(n))
                writer.WriteNumberValue(n);
            else
                writer.WriteStringValue(double.IsNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity");
        }
        else if (value.Boolean is { } b)
            writer.WriteBooleanValue(b);
        else if (value.IsNull)
            writer.WriteNullValue();
        else if (value.Items is { } items)
        {
            writer.WriteStartArray();
            foreach (var item in items)
                Write(writer, item, options);
            writer.WriteEndArray();
        }
        else
            writer.WriteStringValue(value.Text);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    Converters = [typeof(ConfigValueJsonConverter)])]
[JsonSerializable(typeof(ListReport))]
internal sealed partial class ListJsonContext : JsonSerializerContext;
