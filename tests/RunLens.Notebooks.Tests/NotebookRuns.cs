using System.Collections.Concurrent;
using RunLens.TestSupport;

namespace RunLens.Notebooks.Tests;

/// <summary>
/// The runs of the notebooks in notebooks/, each made once per test run and shared by every test that needs it (a
/// notebook starts a kernel and restores nothing, but its charts take seconds).
/// </summary>
public sealed class NotebookRuns
{
    private readonly ConcurrentDictionary<string, Lazy<NotebookRun>> _runs = new(StringComparer.Ordinal);

    public static string Folder => Path.Combine(TestPaths.RepoRoot, "notebooks");

    /// <summary>The notebooks to run: every .ipynb in notebooks/ but executed copies.</summary>
    public static IEnumerable<string> Names() =>
        Directory.GetFiles(Folder, "*.ipynb").Where(p => !p.EndsWith(".executed.ipynb", StringComparison.Ordinal))
            .Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal);

    /// <summary>The run of <paramref name="name"/> (for example <c>01-quickstart.ipynb</c>), made on first use.</summary>
    public NotebookRun Of(string name) =>
        _runs.GetOrAdd(name, n => new Lazy<NotebookRun>(() => NotebookRunner.Run(NotebookReader.Read(Path.Combine(Folder, n))))).Value;
}
