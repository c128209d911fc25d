using Microsoft.DotNet.Interactive.Documents;

namespace RunLens.Notebooks;

/// <summary>
/// The kernels a notebook may name, as the Polyglot Notebooks parser knows them (its well-known list, NOTEBOOK-HOST.md
/// section 1) plus those the notebook declares in its metadata. Documents splits <c>.dib</c> cells on these names and
/// maps aliases in <c>.ipynb</c> metadata to them; only <c>csharp</c> cells run (the composite hosts one C# kernel).
/// </summary>
internal static class PolyglotKernels
{
    public const string CSharp = "csharp";
    public const string Markdown = "markdown";
    public const string Html = "html";

    /// <summary>A fresh collection (Documents adds to the one it is given): the well-known kernels and their aliases.</summary>
    public static KernelInfoCollection WellKnown() =>
    [
        new KernelInfo(CSharp, "C#", ["c#", "C#", "cs"]),
        new KernelInfo("fsharp", "F#", ["f#", "F#", "fs"]),
        new KernelInfo(Html, "HTML"),
        new KernelInfo("http", "HTTP"),
        new KernelInfo("javascript", "JavaScript", ["js"]),
        new KernelInfo("mermaid", "Mermaid"),
        new KernelInfo("pwsh", "PowerShell", ["powershell"]),
        new KernelInfo("value", "value"),
        new KernelInfo(Markdown, "Markdown", ["md"]),
    ];

    /// <summary>Adds the kernels a notebook declares that are not known yet (a clashing alias is left out).</summary>
    public static void AddDeclared(KernelInfoCollection kernels, IEnumerable<KernelInfo> declared)
    {
        foreach (var info in declared.Where(d => !kernels.Contains(d.Name)))
        {
            var aliases = info.Aliases.Where(a => !kernels.Contains(a)).ToList();
            kernels.Add(new KernelInfo(info.Name, info.LanguageName, aliases));
        }
    }

    /// <summary>The kernel a name or alias stands for (<c>C#</c> is <c>csharp</c>), or the name itself in lower case.</summary>
    public static string Canonical(KernelInfoCollection kernels, string name)
    {
        var trimmed = name.Trim();
        var known = kernels.FirstOrDefault(k => string.Equals(k.Name, trimmed, StringComparison.OrdinalIgnoreCase)
            || k.Aliases.Contains(trimmed, StringComparer.OrdinalIgnoreCase));
        return known?.Name ?? trimmed.ToLowerInvariant();
    }
}
