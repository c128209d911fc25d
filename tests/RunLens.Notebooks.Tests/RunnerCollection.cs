namespace RunLens.Notebooks.Tests;

/// <summary>
/// The runner sets process-wide state while a notebook runs (Console.Out, the current directory, the kernel's
/// Formatter), so classes that run whole notebooks or format through the Formatter join this collection: it runs on
/// its own, after the parallel tests. Its fixture runs each repository notebook at most once per test run.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunnerCollection : ICollectionFixture<NotebookRuns>
{
    public const string Name = "Notebook runner (process-wide console, directory and formatter)";
}
