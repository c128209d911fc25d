using System.Globalization;
using RunLens.Display;

namespace RunLens;

/// <summary>
/// A progress line as a notebook shows it while an operation runs (a bar and the counts) and after it finished (the
/// summary). Hosts display it and update it in place; see <see cref="LiveProgress"/>.
/// </summary>
/// <param name="Report">The latest progress.</param>
/// <param name="Summary">What the operation did, once it finished; null while it runs.</param>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed record ProgressLine(ProgressReport Report, string? Summary = null) : IHtmlRenderable
{
    /// <summary>True once the operation finished.</summary>
    public bool Done => Summary is not null;

    /// <inheritdoc />
    public string ToHtml()
    {
        var html = new HtmlWriter().Open("div", "runlens runlens-progress");
        if (Summary is { } summary)
            return html.Text(summary).Close().ToString();
        html.Empty("progress", null, ("value", Report.Fraction.ToString("0.###", CultureInfo.InvariantCulture)), ("max", "1"));
        return html.Text(" " + Text()).Close().ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Summary ?? Text();

    private string Text() => string.Create(CultureInfo.InvariantCulture,
        $"{Report.Operation}: {Report.Fraction * 100:0}% · {Report.Detail} · {Report.Elapsed.TotalSeconds:0.0} s");
}
