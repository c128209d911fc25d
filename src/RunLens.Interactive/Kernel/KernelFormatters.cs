using System.Reflection;
using Microsoft.DotNet.Interactive.Formatting;
using RunLens.Display;
using FormatterSourceAttribute = RunLens.Display.TypeFormatterSourceAttribute;

namespace RunLens.Interactive;

/// <summary>
/// Registers every displayable RunLens type with the kernel's formatter, in the MIME types its
/// <see cref="FormatterSourceAttribute"/> names (the one list both paths read): charts as
/// <c>application/vnd.plotly.v1+json</c>, <c>text/html</c> and <c>text/plain</c>; tables as HTML and text; Markdown
/// as <c>text/markdown</c>. The renderings are <see cref="MimeFormatterSource.Format"/>'s, so a notebook shows the same
/// output whether the extension loaded or the kernel found the attribute by name.
/// </summary>
internal static class KernelFormatters
{
    private static readonly Assembly[] Assemblies = [typeof(Runs).Assembly, typeof(Figure).Assembly, typeof(KernelFormatters).Assembly];

    /// <summary>The displayable types and the MIME types each is written in, in order.</summary>
    public static IReadOnlyList<(Type Type, string[] MimeTypes)> Displayables { get; } =
        Assemblies.SelectMany(a => a.GetExportedTypes())
            .Where(t => !t.IsAbstract && !t.IsInterface)
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<FormatterSourceAttribute>(inherit: false)))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Type, x.Attribute!.PreferredMimeTypes ?? [MimeFormatterSource.Html, MimeFormatterSource.PlainText]))
            .OrderBy(x => x.Type.FullName, StringComparer.Ordinal)
            .ToList();

    public static void Register() => Register(UnderJupyter());

    /// <summary>Registers the formatters; under the Jupyter protocol without the JSON MIME types (see <see cref="UnderJupyter"/>).</summary>
    public static void Register(bool jupyter)
    {
        foreach (var (type, all) in Displayables)
        {
            // The Formatter reads a type's formatter-source attribute the first time it meets the type and then pushes
            // its registrations on top of any made before: let it meet the type now, so ours come last and win.
            _ = Formatter.GetPreferredMimeTypesFor(type);
            var mimeTypes = jupyter ? all.Where(m => !IsJson(m)).ToArray() : all;
            foreach (var mimeType in mimeTypes)
            {
                Formatter.Register(type, (value, context) =>
                {
                    if (MimeFormatterSource.Format(value, mimeType) is not { } text)
                        return false;
                    context.Writer.Write(text);
                    return true;
                }, mimeType);
            }
            Formatter.SetPreferredMimeTypesFor(type, mimeTypes);
        }
    }

    /// <summary>
    /// True when this kernel talks the Jupyter protocol (<c>dotnet-interactive jupyter ...</c>). That kernel sends
    /// every MIME value but <c>application/json</c> as a string, so Plotly's own renderer (JupyterLab's plotly
    /// extension) would get a string where it reads an object and draw nothing; there, charts go out as HTML and
    /// text only. VS Code, dotnet-repl and the in-process runner keep the JSON as JSON.
    /// </summary>
    public static bool UnderJupyter() =>
        Environment.GetCommandLineArgs() is [_, "jupyter", ..];

    private static bool IsJson(string mimeType) =>
        mimeType == "application/json" || (mimeType.StartsWith("application/", StringComparison.Ordinal) && mimeType.EndsWith("+json", StringComparison.Ordinal));
}
