namespace RunLens.Notebooks;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>
    /// The current directory while cells run (restored afterwards), and the base of relative <c>#r "x.dll"</c>
    /// paths. Null means the notebook's folder.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// The assemblies that <c>#r "nuget: RunLens"</c> and <c>#r "nuget: RunLens.Charts"</c> (any version) stand for.
    /// Defaults to the RunLens.dll and RunLens.Charts.dll this runner loaded, so notebooks run against the local build.
    /// </summary>
    public IReadOnlyList<string> RunLensAssemblies { get; init; } =
        [typeof(RunSet).Assembly.Location, typeof(Charts).Assembly.Location];

    /// <summary>When true (the default), the code cells after the first failed cell are not run.</summary>
    public bool StopAtFirstFailure { get; init; } = true;

    /// <summary>How long one cell may run before the run stops with a timeout error (default 10 minutes).</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
