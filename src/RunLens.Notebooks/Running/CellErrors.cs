using System.Globalization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace RunLens.Notebooks;

/// <summary>
/// Error outputs that name the cell, and the line in it for compile errors: <c>Cell 3, line 2: CS0103: ...</c>. The
/// kernel's diagnostics carry lines in the cell as written (it maps them past the <c>#r</c> and <c>#!</c> lines it
/// lifts out); its messages do not, so the line comes from the diagnostics. Runtime errors name the cell only: the
/// kernel compiles cells without debug information, so their traces have no line numbers.
/// </summary>
internal static class CellErrors
{
    public static ErrorOutput Failed(int cell, string source, CommandFailed failed, DiagnosticsProduced? diagnostics)
    {
        var errors = diagnostics?.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList() ?? [];
        if (errors.Count > 0 && IsCompileError(failed))
            return Compile(cell, source, errors);
        if (failed.Exception is { } exception and not OperationCanceledException)
            return Runtime(cell, exception);
        return new ErrorOutput("Error", $"Cell {Number(cell)}: {failed.Message}", []);
    }

    public static ErrorOutput Produced(int cell, ErrorProduced error) =>
        new("Error", $"Cell {Number(cell)}: {error.Message}", []);

    public static ErrorOutput Timeout(int cell, TimeSpan timeout) =>
        new(nameof(TimeoutException), $"Cell {Number(cell)}: still running after {timeout.ToString("c", CultureInfo.InvariantCulture)}; the run was stopped.", []);

    // Compile errors fail with the kernel's CodeSubmissionCompilationErrorException (wrapping Roslyn's) or, for a
    // directive it does not know (DNI101), with no exception at all: both come with error diagnostics.
    private static bool IsCompileError(CommandFailed failed) =>
        failed.Exception is null or CodeSubmissionCompilationErrorException;

    private static ErrorOutput Compile(int cell, string source, IReadOnlyList<Diagnostic> errors)
    {
        var lines = source.Split('\n');
        var trace = new List<string>();
        foreach (var d in errors)
        {
            var start = d.LinePositionSpan.Start;
            trace.Add(string.Create(CultureInfo.InvariantCulture,
                $"Cell {cell}, line {start.Line + 1}, column {start.Character + 1}: error {d.Code}: {d.Message}"));
            if (start.Line >= 0 && start.Line < lines.Length)
                trace.Add("    " + lines[start.Line].TrimEnd());
        }
        var first = errors[0];
        return new ErrorOutput("CompilationErrorException",
            string.Create(CultureInfo.InvariantCulture, $"Cell {cell}, line {first.LinePositionSpan.Start.Line + 1}: {first.Code}: {first.Message}"), trace);
    }

    private static ErrorOutput Runtime(int cell, Exception exception)
    {
        var trace = new List<string> { $"{exception.GetType().FullName}: {exception.Message}" };
        // Frames in the notebook's own code (Submission#N) say where the throw came from; the rest is the kernel's.
        trace.AddRange((exception.StackTrace ?? "").Split('\n').Select(f => f.TrimEnd()).Where(f => f.Contains("Submission#", StringComparison.Ordinal)));
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
            trace.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
        return new ErrorOutput(exception.GetType().FullName ?? exception.GetType().Name, $"Cell {Number(cell)}: {exception.Message}", trace);
    }

    private static string Number(int cell) => cell.ToString(CultureInfo.InvariantCulture);
}
