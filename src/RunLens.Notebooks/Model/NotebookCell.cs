namespace RunLens.Notebooks;

/// <summary>One cell of a notebook.</summary>
/// <param name="Kind">Code, markdown or raw.</param>
/// <param name="Kernel">The kernel that runs a code cell (<c>csharp</c>, <c>fsharp</c>, <c>html</c>, <c>javascript</c>,
/// <c>pwsh</c>, ...); <c>markdown</c> for markdown cells.</param>
/// <param name="Source">The cell's text, lines joined with '\n'.</param>
public sealed record NotebookCell(CellKind Kind, string Kernel, string Source);

/// <summary>What a cell holds.</summary>
public enum CellKind
{
    /// <summary>Code for a kernel.</summary>
    Code,

    /// <summary>Markdown text.</summary>
    Markdown,

    /// <summary>Raw text, passed through untouched.</summary>
    Raw,
}
