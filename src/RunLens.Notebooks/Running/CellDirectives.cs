using System.Text.RegularExpressions;

namespace RunLens.Notebooks;

/// <summary>
/// What the kernel does before Roslyn sees a cell (NOTEBOOK-HOST.md sections 3a and 5): <c>#r "nuget:"</c> and <c>#i</c>
/// lines are lifted out, <c>#!</c> magics are removed. Removed lines become blank lines so compiler line numbers still
/// match the cell. Relative <c>#r "x.dll"</c> stays for Roslyn, which resolves it against the working directory.
/// </summary>
/// <param name="Code">The code for Roslyn.</param>
/// <param name="References">Assemblies that <c>#r "nuget: RunLens"</c> lines stand for.</param>
/// <param name="TimeIt">True when the cell starts with <c>#!time</c>.</param>
/// <param name="Notes">Lines for stderr: magics the runner ignored.</param>
/// <param name="Error">Why the cell cannot run (an unsupported package), with its line; null when it can.</param>
internal sealed partial record CellDirectives(string Code, IReadOnlyList<string> References, bool TimeIt, IReadOnlyList<string> Notes, string? Error)
{
    private static readonly HashSet<string> RunLensPackages = new(["RunLens", "RunLens.Charts"], StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<name>[^,"\s]+)\s*(,\s*(?<version>[^"]*))?"\s*$""")]
    private static partial Regex NugetReference();

    [GeneratedRegex("""^\s*#i\s""")]
    private static partial Regex SourceDirective();

    public static CellDirectives Parse(string source, IReadOnlyList<string> runLensAssemblies)
    {
        var lines = source.Split('\n');
        var references = new List<string>();
        var notes = new List<string>();
        var timeIt = false;
        string? error = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (NugetReference().Match(line) is { Success: true } nuget)
            {
                var name = nuget.Groups["name"].Value;
                if (RunLensPackages.Contains(name))
                    references.AddRange(runLensAssemblies);
                else
                    error ??= $"line {i + 1}: #r \"nuget: {name}\" is not supported: the runner never downloads packages. " +
                              "Only RunLens and RunLens.Charts (mapped to the local build) can be referenced this way; " +
                              "reference other assemblies by path (#r \"path/to/Lib.dll\").";
            }
            else if (SourceDirective().IsMatch(line))
            {
                // #i adds a package source; the runner restores nothing, so there is nothing to add.
            }
            else if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                var magic = line.Split(' ', 2)[0];
                if (magic == "#!time")
                    timeIt = true;
                else if (KernelNames.WellKnown(magic[2..]) != KernelNames.CSharp)
                    notes.Add($"{magic} (line {i + 1}) is not supported by the notebook runner; the line was ignored.");
            }
            else
            {
                continue;
            }
            lines[i] = "";
        }
        return new CellDirectives(string.Join('\n', lines), references.Distinct().ToList(), timeIt, notes, error);
    }
}
