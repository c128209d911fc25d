namespace RunLens.Notebooks;

/// <summary>What happened to one cell in a run.</summary>
/// <param name="Number">The cell's 1-based number in the notebook (every cell counts, markdown included).</param>
/// <param name="Cell">The cell.</param>
/// <param name="Status">Ran, failed, passed through (markdown, raw, html) or not run (another kernel, or after a failure).</param>
/// <param name="Outputs">Its outputs, in order.</param>
/// <param name="Elapsed">Time spent running it.</param>
/// <param name="ExecutionCount">Jupyter's execution count for code cells that ran, from 1.</param>
public sealed record CellResult(int Number, NotebookCell Cell, CellStatus Status, IReadOnlyList<CellOutput> Outputs, TimeSpan Elapsed, int? ExecutionCount);

/// <summary>What happened to a cell.</summary>
public enum CellStatus
{
    /// <summary>The code ran without error.</summary>
    Ran,

    /// <summary>Compiling or running it failed; see its <see cref="ErrorOutput"/>.</summary>
    Failed,

    /// <summary>Markdown, raw and HTML cells: shown as they are.</summary>
    PassedThrough,

    /// <summary>Not run: a kernel the runner does not have, or a cell after a failure.</summary>
    NotRun,
}
