namespace RunLens.Notebooks;

/// <summary>What carries from cell to cell in one notebook run.</summary>
internal sealed class RunState(ScriptSession session, NotebookRunOptions options)
{
    public ScriptSession Session { get; } = session;

    public NotebookRunOptions Options { get; } = options;

    /// <summary>Jupyter's execution count of the last C# cell run.</summary>
    public int ExecutionCount { get; set; }

    /// <summary>True after a failure (with StopAtFirstFailure) or a timeout: later C# cells are not run.</summary>
    public bool Stopped { get; set; }
}
