namespace RunLens.Notebooks;

/// <summary>The kernels Polyglot Notebooks knows by default, with their aliases (NOTEBOOK-HOST.md section 1).</summary>
internal static class KernelNames
{
    public const string CSharp = "csharp";
    public const string Markdown = "markdown";
    public const string Html = "html";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csharp"] = "csharp", ["c#"] = "csharp", ["cs"] = "csharp",
        ["fsharp"] = "fsharp", ["f#"] = "fsharp", ["fs"] = "fsharp",
        ["html"] = "html", ["http"] = "http", ["mermaid"] = "mermaid", ["value"] = "value",
        ["javascript"] = "javascript", ["js"] = "javascript",
        ["pwsh"] = "pwsh", ["powershell"] = "pwsh",
        ["markdown"] = "markdown", ["md"] = "markdown",
    };

    /// <summary>The canonical name of a well-known kernel or alias, or null.</summary>
    public static string? WellKnown(string name) => Aliases.GetValueOrDefault(name.Trim());

    /// <summary>A kernel name as written in metadata, canonical when it is a well-known one ("C#" becomes "csharp").</summary>
    public static string Normalize(string name) => WellKnown(name) ?? name.Trim().ToLowerInvariant();

    /// <summary>The well-known canonical names and aliases.</summary>
    public static IEnumerable<KeyValuePair<string, string>> All => Aliases;
}
