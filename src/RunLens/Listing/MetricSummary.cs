using System.Globalization;

namespace RunLens;

/// <summary>
/// One metric of a run, counted exactly over every record (from the run's <see cref="Run.Scan"/>).
/// </summary>
/// <param name="Name">The metric's name as its tool wrote it, for example <c>train/entropy</c> or <c>reward</c>.</param>
/// <param name="Points">Values logged: <paramref name="Finite"/> plus <paramref name="NonFinite"/>.</param>
/// <param name="Finite">Finite values.</param>
/// <param name="NonFinite">NaN and infinite values.</param>
/// <param name="FirstStep">The step of the earliest finite value, or null when every value is NaN or infinite.</param>
/// <param name="LastStep">The step of the latest finite value, or null when every value is NaN or infinite.</param>
/// <param name="Min">The smallest finite value, or NaN when there is none.</param>
/// <param name="Max">The largest finite value, or NaN when there is none.</param>
public sealed record MetricSummary(
    string Name, long Points, long Finite, long NonFinite, long? FirstStep, long? LastStep, double Min, double Max)
{
    private readonly string? _alias;

    /// <summary>The lookup name the metric answers to (<c>rewards.total</c> for a log's <c>reward</c>); <see cref="Name"/> when none.</summary>
    public string Alias { get => _alias ?? Name; init => _alias = value == Name ? null : value; }

    /// <summary>The summary of a scanned field. The curve's buckets hold the exact first and last finite steps.</summary>
    internal static MetricSummary From(FieldCurve field)
    {
        long? first = null, last = null;
        foreach (var bucket in field.Buckets)
        {
            // A bucket's FirstStep/LastStep are of its finite values; a bucket of only NaNs has none.
            if (bucket.Count == 0)
                continue;
            first ??= bucket.FirstStep;
            last = bucket.LastStep;
        }
        return new MetricSummary(field.Name, field.Count + field.NonFinite, field.Count, field.NonFinite, first, last,
            field.Min, field.Max) { Alias = field.Alias };
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var text = string.Create(ci, $"{Name}: {Points:N0} points");
        if (FirstStep is { } a && LastStep is { } b)
            text += string.Create(ci, $", steps {a}..{b}, min {Min:G6}, max {Max:G6}");
        if (NonFinite > 0)
            text += string.Create(ci, $", {NonFinite:N0} NaN/inf");
        return text;
    }
}
