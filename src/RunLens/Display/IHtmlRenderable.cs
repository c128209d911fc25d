namespace RunLens;

/// <summary>
/// A value that shows itself as HTML in a notebook (tables, charts). Its plain text is <see cref="object.ToString"/>.
/// Every public implementation carries <see cref="Display.TypeFormatterSourceAttribute"/> so .NET Interactive uses
/// this HTML without any package reference.
/// </summary>
public interface IHtmlRenderable
{
    /// <summary>The value as an HTML fragment for a notebook output. Deterministic; numbers in invariant culture.</summary>
    string ToHtml();
}
