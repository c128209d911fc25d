namespace RunLens.Notebooks;

/// <summary>A notebook after running it: every cell's result, and what a report needs to say where it came from.</summary>
/// <param name="Document">The notebook that ran.</param>
/// <param name="Cells">One result per cell, in order.</param>
/// <param name="FilesRead">Data files read by the runs the notebook loaded (from the RunSet and Run values it held).</param>
/// <param name="Started">When the run started.</param>
/// <param name="Elapsed">How long the whole run took.</param>
public sealed record NotebookRun(
    NotebookDocument Document, IReadOnlyList<CellResult> Cells, IReadOnlyList<string> FilesRead, DateTimeOffset Started, TimeSpan Elapsed)
{
    /// <summary>True when no cell failed.</summary>
    public bool Succeeded => Cells.All(c => c.Status != CellStatus.Failed);

    /// <summary>The first failed cell, or null.</summary>
    public CellResult? FirstFailure => Cells.FirstOrDefault(c => c.Status == CellStatus.Failed);
}
