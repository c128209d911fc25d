using System.Diagnostics;
using System.Text.Json;

namespace RunLens.TestSupport;

/// <summary>
/// Runs a notebook on the real kernel with dotnet-repl (0.3.259, the version served here), as a user would from a
/// terminal: <c>dotnet-repl --run NB --exit-after-run --output-path OUT</c>. Its exit code is 0 when every cell ran.
/// </summary>
internal static class DotnetRepl
{
    public const string Version = "0.3.259";

    public static string Executable => DotnetTools.Install("dotnet-repl", Version, "dotnet-repl");

    /// <summary>Runs <paramref name="notebook"/> with the working directory <paramref name="workingDirectory"/>.</summary>
    public static ReplRun Run(string notebook, string outputPath, string workingDirectory, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var (exit, output) = DotnetTools.Run(Executable, ["--run", notebook, "--exit-after-run", "--output-path", outputPath],
            timeout ?? TimeSpan.FromMinutes(5), workingDirectory);
        clock.Stop();
        var executed = File.Exists(outputPath) ? JsonDocument.Parse(File.ReadAllText(outputPath)) : null;
        return new ReplRun(exit, output, clock.Elapsed, executed);
    }
}

/// <summary>One dotnet-repl run: its exit code, console output, wall time, and the executed notebook it wrote.</summary>
internal sealed record ReplRun(int Exit, string Output, TimeSpan Elapsed, JsonDocument? Notebook)
{
    /// <summary>The code cells, in order.</summary>
    public IReadOnlyList<JsonElement> CodeCells =>
        Notebook is null ? [] : [.. Notebook.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code")];

    /// <summary>Every output of a cell.</summary>
    public static IEnumerable<JsonElement> Outputs(JsonElement cell) => cell.GetProperty("outputs").EnumerateArray();

    /// <summary>The MIME types of every display output of a cell.</summary>
    public static IEnumerable<string> MimeTypes(JsonElement cell) =>
        Outputs(cell).Where(o => o.TryGetProperty("data", out _)).SelectMany(o => o.GetProperty("data").EnumerateObject().Select(p => p.Name));

    /// <summary>A MIME value (Jupyter writes text as a list of lines).</summary>
    public static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? string.Concat(value.EnumerateArray().Select(l => l.GetString())) : value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>The error outputs of every cell, as "cell N: name: value".</summary>
    public IReadOnlyList<string> Errors =>
        [.. CodeCells.SelectMany((c, i) => Outputs(c).Where(o => o.GetProperty("output_type").GetString() == "error")
            .Select(o => $"code cell {i + 1}: {o.GetProperty("ename").GetString()}: {o.GetProperty("evalue").GetString()}"))];
}
