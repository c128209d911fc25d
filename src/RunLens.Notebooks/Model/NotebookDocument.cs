namespace RunLens.Notebooks;

/// <summary>A notebook as read from an <c>.ipynb</c> or <c>.dib</c> file: its cells in order.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Format"><c>ipynb</c> or <c>dib</c>.</param>
/// <param name="DefaultKernel">The kernel of cells that name none (for example <c>csharp</c>).</param>
/// <param name="Cells">The cells, in order.</param>
/// <param name="Sha256">The hex SHA-256 of the file's bytes (for a report's provenance).</param>
public sealed record NotebookDocument(string Path, string Format, string DefaultKernel, IReadOnlyList<NotebookCell> Cells, string Sha256);
