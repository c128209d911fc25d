using System.Diagnostics;
using Microsoft.DotNet.Interactive.Commands;

namespace RunLens.Notebooks;

/// <summary>
/// Runs a notebook on the real .NET Interactive C# kernel, hosted in-process as the dotnet-interactive tool hosts it:
/// C# cells share one kernel (variables, usings, <c>#r</c> references, packages restored by <c>#r "nuget:"</c> and the
/// extensions they carry), outputs are what VS Code or Jupyter would show. Markdown, raw and HTML cells pass through;
/// cells for kernels the host does not have (F#, PowerShell, JavaScript...) are not run.
/// </summary>
public static class NotebookRunner
{
    // Console, the current directory and the Formatter's registrations are process-wide: one notebook at a time.
    private static readonly Lock OneAtATime = new();

    /// <summary>Runs every cell of a notebook in order, on a new kernel.</summary>
    /// <param name="notebook">The notebook (see <see cref="NotebookReader.Read"/>).</param>
    /// <param name="options">Working directory, failure handling, cell timeout; null for the defaults.</param>
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
            var previousDirectory = Environment.CurrentDirectory;
            try
            {
                // The C# kernel resolves #r paths against the current directory when a cell runs, as VS Code sets it.
                Environment.CurrentDirectory = workingDirectory;
                NotebookKernel.ResetFormatting();
                // Off the caller's thread: no SynchronizationContext for the kernel's awaits to deadlock on.
                return Task.Run(() => RunAsync(notebook, options)).GetAwaiter().GetResult();
            }
            finally
            {
                Environment.CurrentDirectory = previousDirectory;
            }
        }
    }

    private static async Task<NotebookRun> RunAsync(NotebookDocument notebook, NotebookRunOptions options)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        using var kernel = NotebookKernel.Start();
        var progress = new RunProgress();
        var results = new List<CellResult>(notebook.Cells.Count);
        for (var i = 0; i < notebook.Cells.Count; i++)
            results.Add(await RunCellAsync(kernel, notebook.Cells[i], i + 1, options, progress));
        return new NotebookRun(notebook, results, RunFiles.From(kernel.Values), started, clock.Elapsed);
    }

    private static async Task<CellResult> RunCellAsync(NotebookKernel kernel, NotebookCell cell, int number, NotebookRunOptions options, RunProgress progress)
    {
        if (cell.Kind != CellKind.Code || cell.Kernel == PolyglotKernels.Markdown)
            return new CellResult(number, cell, CellStatus.PassedThrough, [], TimeSpan.Zero, null);
        if (cell.Kernel == PolyglotKernels.Html)
        {
            var html = new DisplayOutput(new Dictionary<string, string> { ["text/html"] = WithoutKernelLine(cell.Source) }, IsResult: false);
            return new CellResult(number, cell, CellStatus.PassedThrough, [html], TimeSpan.Zero, null);
        }
        if (!kernel.Hosts(cell.Kernel))
        {
            var note = new StreamOutput("stderr", $"Not run: the notebook runner hosts only the C# kernel, and this is a {cell.Kernel} cell.\n");
            return new CellResult(number, cell, CellStatus.NotRun, [note], TimeSpan.Zero, null);
        }
        if (progress.Stopped)
            return new CellResult(number, cell, CellStatus.NotRun, [], TimeSpan.Zero, null);
        var executionCount = ++progress.ExecutionCount;
        var clock = Stopwatch.StartNew();
        var outputs = await SubmitAsync(kernel, cell, number, options.CellTimeout, progress);
        var status = outputs.Failed ? CellStatus.Failed : CellStatus.Ran;
        if (status == CellStatus.Failed && options.StopAtFirstFailure)
            progress.Stopped = true;
        return new CellResult(number, cell, status, outputs.ToList(), clock.Elapsed, executionCount);
    }

    private static async Task<CellOutputCollector> SubmitAsync(NotebookKernel kernel, NotebookCell cell, int number, TimeSpan timeout, RunProgress progress)
    {
        var outputs = new CellOutputCollector(number, cell.Source);
        using var cancel = new CancellationTokenSource();
        // Every event while the cell runs belongs to it: the cell's own command and the parts the kernel splits off
        // (#r "nuget:" lines, restore, extension scripts).
        using (kernel.Root.KernelEvents.Subscribe(outputs.Add))
        {
            var submission = kernel.Root.SendAsync(new SubmitCode(cell.Source, cell.Kernel), cancel.Token);
            if (await Task.WhenAny(submission, Task.Delay(timeout)) != submission)
            {
                await cancel.CancelAsync();
                outputs.TimedOut(timeout);
                // The cell's code may still be running on its thread: nothing after it can trust the kernel's state.
                progress.Stopped = true;
            }
        }
        return outputs;
    }

    // An .ipynb cell may name its kernel on its first line (#!html), as the kernel would route it; the line is not HTML.
    private static string WithoutKernelLine(string source)
    {
        var end = source.IndexOf('\n', StringComparison.Ordinal);
        var first = (end < 0 ? source : source[..end]).Trim();
        return first.StartsWith("#!", StringComparison.Ordinal) && PolyglotKernels.Canonical(PolyglotKernels.WellKnown(), first[2..]) == PolyglotKernels.Html
            ? (end < 0 ? "" : source[(end + 1)..])
            : source;
    }

    /// <summary>What carries from cell to cell in one run.</summary>
    private sealed class RunProgress
    {
        /// <summary>Jupyter's execution count of the last C# cell run.</summary>
        public int ExecutionCount { get; set; }

        /// <summary>True after a failure (with StopAtFirstFailure) or a timeout: later C# cells are not run.</summary>
        public bool Stopped { get; set; }
    }
}
