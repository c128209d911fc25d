using RunLens.Display;

namespace RunLens;

/// <summary>
/// Every point of one metric in one run, sorted by step (stable: equal steps keep file order). A notebook shows its
/// statistics and its first and last points.
/// </summary>
/// <param name="Run">The run's name.</param>
/// <param name="Metric">The field's name as its tool wrote it, for example <c>reward</c> (also when it was found by an alias such as <c>rewards.total</c>).</param>
/// <param name="Points">The points, sorted by step.</param>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed record Series(string Run, string Metric, IReadOnlyList<ScalarPoint> Points) : IDisplayDocument
{
    /// <summary>The number of points.</summary>
    public int Count => Points.Count;

    /// <summary>The notebook display: statistics and the first and last points.</summary>
    public string ToHtml() => DisplayHtml.Series(this);

    /// <inheritdoc />
    public override string ToString() =>
        Points.Count == 0
            ? $"{Run}/{Metric}: no points"
            : FormattableString.Invariant($"{Run}/{Metric}: {Points.Count} points, steps {Points[0].Step}..{Points[^1].Step}");
}
