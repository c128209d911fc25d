namespace RunLens.Notebooks;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>
    /// The current directory while cells run (restored afterwards), and so the base of relative <c>#r "x.dll"</c>
    /// paths and of relative paths in the notebook's code. Null means the notebook's folder, as in VS Code.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>When true (the default), the code cells after the first failed cell are not run.</summary>
    public bool StopAtFirstFailure { get; init; } = true;

    /// <summary>How long one cell may run before it is cancelled and the run stops with a timeout error (default 10 minutes).</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
