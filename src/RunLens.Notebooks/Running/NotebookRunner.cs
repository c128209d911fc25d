using System.Diagnostics;

namespace RunLens.Notebooks;

/// <summary>
/// Runs a notebook headless, as the .NET Interactive C# kernel would: C# cells share one script state, a trailing
/// expression and <c>display(x)</c> are formatted by the kernel's formatter, console output is captured per cell.
/// Markdown, raw and HTML cells pass through; cells for other kernels are not run.
/// </summary>
public static class NotebookRunner
{
    // Console, the current directory and the Formatter's registrations are process-wide: one notebook at a time.
    private static readonly Lock OneAtATime = new();

    /// <summary>Runs every cell of a notebook in order.</summary>
    /// <param name="notebook">The notebook (see <see cref="NotebookReader.Read"/>).</param>
    /// <param name="options">Working directory, assemblies for <c>#r "nuget: RunLens"</c>, failure handling; null for the defaults.</param>
    /// <returns>One result per cell, and the data files read by the runs the notebook held at the end.</returns>
    /// <example><code>var run = NotebookRunner.Run(NotebookReader.Read("notebooks/intro.ipynb"));
    /// if (!run.Succeeded) Console.Error.WriteLine(run.FirstFailure);</code></example>
    public static NotebookRun Run(NotebookDocument notebook, NotebookRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        options ??= new NotebookRunOptions();
        var workingDirectory = Path.GetFullPath(options.WorkingDirectory ?? Path.GetDirectoryName(notebook.Path) ?? ".");
        lock (OneAtATime)
        {
            var started = DateTimeOffset.Now;
            var clock = Stopwatch.StartNew();
            var previousDirectory = Environment.CurrentDirectory;
            try
            {
                Environment.CurrentDirectory = workingDirectory;
                ValueFormatting.Reset();
                var run = new RunState(new ScriptSession(workingDirectory), options);
                var results = notebook.Cells.Select((cell, i) => RunCell(run, cell, i + 1)).ToList();
                return new NotebookRun(notebook, results, RunFiles.From(run.Session.Values), started, clock.Elapsed);
            }
            finally
            {
                Environment.CurrentDirectory = previousDirectory;
            }
        }
    }

    private static CellResult RunCell(RunState run, NotebookCell cell, int number)
    {
        var kernel = cell.Kernel;
        var source = cell.Source;
        // Older .ipynb files name the kernel in the cell's first line (#!fsharp), which wins over the metadata.
        if (cell.Kind == CellKind.Code && FirstLine(source) is { } first && first.StartsWith("#!", StringComparison.Ordinal)
            && KernelNames.WellKnown(first[2..]) is { } named)
            kernel = named;
        if (cell.Kind != CellKind.Code || kernel == KernelNames.Markdown)
            return new CellResult(number, cell, CellStatus.PassedThrough, [], TimeSpan.Zero, null);
        if (kernel == KernelNames.Html)
        {
            var html = new DisplayOutput(new Dictionary<string, string> { ["text/html"] = StripKernelLine(source) }, IsResult: false);
            return new CellResult(number, cell, CellStatus.PassedThrough, [html], TimeSpan.Zero, null);
        }
        if (kernel != KernelNames.CSharp)
        {
            var note = new StreamOutput("stderr", $"Not run: the notebook runner has only the C# kernel, and this is a {kernel} cell.\n");
            return new CellResult(number, cell, CellStatus.NotRun, [note], TimeSpan.Zero, null);
        }
        if (run.Stopped)
            return new CellResult(number, cell, CellStatus.NotRun, [], TimeSpan.Zero, null);
        var result = CSharpCell.Run(run, cell, source, number, ++run.ExecutionCount);
        if (result.Status == CellStatus.Failed && run.Options.StopAtFirstFailure)
            run.Stopped = true;
        return result;
    }

    private static string? FirstLine(string source) =>
        source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);

    private static string StripKernelLine(string source) =>
        FirstLine(source) is { } first && first.StartsWith("#!", StringComparison.Ordinal)
            ? source[(source.IndexOf(first, StringComparison.Ordinal) + first.Length)..].TrimStart('\r', '\n')
            : source;
}
