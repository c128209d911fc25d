using System.ComponentModel;

namespace RunLens.Display;

/// <summary>
/// Tells .NET Interactive which formatters show a type. The kernel's <c>Formatter</c> recognises this attribute
/// by its type name alone (any namespace) and reads <see cref="FormatterSourceType"/> and
/// <see cref="PreferredMimeTypes"/> by name, so RunLens needs no reference to Microsoft.DotNet.Interactive.
/// Not part of the notebook API: put it on each concrete displayable type (it is not inherited from interfaces).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
public sealed class TypeFormatterSourceAttribute : Attribute
{
    /// <summary>Names the formatter source the kernel creates with its parameterless constructor.</summary>
    /// <param name="formatterSourceType">A type with a public parameterless constructor and a public
    /// <c>IEnumerable&lt;object&gt; CreateTypeFormatters()</c>, such as <see cref="MimeFormatterSource"/>.</param>
    public TypeFormatterSourceAttribute(Type formatterSourceType)
    {
        ArgumentNullException.ThrowIfNull(formatterSourceType);
        FormatterSourceType = formatterSourceType;
    }

    /// <summary>The formatter source (read by name by the kernel).</summary>
    public Type FormatterSourceType { get; }

    /// <summary>
    /// The MIME types the kernel writes for a value, in order (read by name by the kernel). Both <c>text/html</c>
    /// and <c>text/plain</c> put a plain-text fallback into saved notebooks for GitHub and terminals.
    /// </summary>
#pragma warning disable CA1819 // The kernel reads a string[] property of exactly this name.
    public string[]? PreferredMimeTypes { get; set; }
#pragma warning restore CA1819
}
