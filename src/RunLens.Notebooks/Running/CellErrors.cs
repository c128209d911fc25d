using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace RunLens.Notebooks;

/// <summary>Turns compile errors and exceptions into <see cref="ErrorOutput"/>s that name the cell and the line in it.</summary>
internal static partial class CellErrors
{
    [GeneratedRegex(@"\) in (?<file>.+?):line (?<line>\d+)\s*$")]
    private static partial Regex FrameLocation();

    /// <summary>The file name a cell's code is compiled under, so trace lines can be matched to it.</summary>
    public static string FileName(int cell) => $"cell {cell}";

    public static ErrorOutput Compile(int cell, string code, CompilationErrorException error)
    {
        var lines = code.Split('\n');
        var errors = error.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).DefaultIfEmpty(error.Diagnostics[0]).ToList();
        var trace = new List<string>();
        foreach (var d in errors)
        {
            var position = d.Location.GetLineSpan().StartLinePosition;
            trace.Add($"Cell {cell}, line {position.Line + 1}, column {position.Character + 1}: error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            if (position.Line < lines.Length)
                trace.Add("    " + lines[position.Line].TrimEnd());
        }
        var first = errors[0];
        var line = first.Location.GetLineSpan().StartLinePosition.Line + 1;
        return new ErrorOutput(nameof(CompilationErrorException),
            $"Cell {cell}, line {line}: {first.Id}: {first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}", trace);
    }

    public static ErrorOutput Runtime(int cell, Exception exception)
    {
        var file = FileName(cell);
        var trace = new List<string> { $"{exception.GetType().FullName}: {exception.Message}" };
        int? line = null;
        foreach (var frame in (exception.StackTrace ?? "").Split('\n').Select(f => f.TrimEnd()))
        {
            // Only frames in this cell's code help a notebook reader; the rest is the runner and Roslyn.
            if (FrameLocation().Match(frame) is { Success: true } m && IsCell(m.Groups["file"].Value, file))
            {
                line ??= int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
                trace.Add($"   at cell {cell}, line {m.Groups["line"].Value}");
            }
            else if (frame.Contains("Submission#", StringComparison.Ordinal))
            {
                trace.Add(frame); // no line information: still say the throw came from the notebook's code
            }
        }
        if (exception.InnerException is { } inner)
            trace.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
        var where = line is null ? $"Cell {cell}" : $"Cell {cell}, line {line}";
        return new ErrorOutput(exception.GetType().FullName ?? exception.GetType().Name, $"{where}: {exception.Message}", trace);
    }

    // Roslyn roots the cell's file name in the working directory: "/notebooks/cell 2".
    private static bool IsCell(string path, string file) =>
        path == file || path.EndsWith('/' + file, StringComparison.Ordinal) || path.EndsWith('\\' + file, StringComparison.Ordinal);

    public static ErrorOutput Directive(int cell, string message) => new("NotebookDirectiveError", $"Cell {cell}, {message}", [$"Cell {cell}, {message}"]);

    public static ErrorOutput Timeout(int cell, TimeSpan timeout) =>
        new(nameof(TimeoutException), $"Cell {cell}: still running after {timeout}; the run was stopped.", []);
}
