using System.Collections;

namespace RunLens.Notebooks.Tests.Display;

/// <summary>
/// What <c>Formatter.TryRegisterFromConventionBasedFormatterSources</c> in Microsoft.DotNet.Interactive.Formatting
/// does, by reflection only: find an attribute whose type is named <c>TypeFormatterSourceAttribute</c> on the type or a
/// base class, read its <c>FormatterSourceType</c> property, create the source with <see cref="Activator"/>, call
/// <c>CreateTypeFormatters()</c>, pick the formatter whose <c>MimeType</c> matches and call
/// <c>bool Format(object, TextWriter)</c>.
/// </summary>
internal static class ConventionFormatter
{
    public static string? Format(object value, string mimeType)
    {
        foreach (var attribute in value.GetType().GetCustomAttributes(true).Where(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
        {
            if (attribute.GetType().GetProperty("FormatterSourceType")?.GetValue(attribute) is not Type sourceType)
                continue;
            var source = Activator.CreateInstance(sourceType)!;
            if (source.GetType().GetMethod("CreateTypeFormatters")!.Invoke(source, null) is not IEnumerable formatters)
                continue;
            foreach (var formatter in formatters)
            {
                if (formatter.GetType().GetProperty("MimeType")?.GetValue(formatter) as string != mimeType)
                    continue;
                var writer = new StringWriter();
                var format = formatter.GetType().GetMethod("Format")!;
                if (format.ReturnType == typeof(bool) && (bool)format.Invoke(formatter, [value, writer])!)
                    return writer.ToString();
            }
        }
        return null;
    }

    /// <summary>The attribute's <c>PreferredMimeTypes</c>, read by name as the kernel does.</summary>
    public static string[]? PreferredMimeTypes(Type type) =>
        type.GetCustomAttributes(true).Where(a => a.GetType().Name == "TypeFormatterSourceAttribute")
            .Select(a => a.GetType().GetProperty("PreferredMimeTypes")?.GetValue(a) as string[]).FirstOrDefault();
}
