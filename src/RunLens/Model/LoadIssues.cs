using System.Collections;
using RunLens.Display;

namespace RunLens;

/// <summary>Problems met while loading or scanning, in file order. A notebook shows them as a table.</summary>
[TypeFormatterSource(typeof(MimeFormatterSource), PreferredMimeTypes = [MimeFormatterSource.Html, MimeFormatterSource.PlainText])]
public sealed class LoadIssues : IReadOnlyList<LoadIssue>, IDisplayDocument
{
    private readonly IReadOnlyList<LoadIssue> _issues;

    internal LoadIssues(IReadOnlyList<LoadIssue> issues) => _issues = issues;

    internal static LoadIssues Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _issues.Count;

    /// <inheritdoc />
    public LoadIssue this[int index] => _issues[index];

    /// <inheritdoc />
    public IEnumerator<LoadIssue> GetEnumerator() => _issues.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A table: file, byte offset, line, message.</summary>
    public string ToHtml() => DisplayHtml.Issues(this);

    /// <summary>One issue a line, after a count.</summary>
    public override string ToString() =>
        _issues.Count == 0 ? "no issues" : string.Join("\n", _issues.Select(i => i.ToString()).Prepend(
            _issues.Count == 1 ? "1 issue:" : _issues.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " issues:"));
}
