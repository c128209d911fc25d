using System.Runtime.CompilerServices;

namespace RunLens.TestSupport;

/// <summary>Paths the tests use, found from this file's location so no test walks up '../../..' by hand.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SampleRuns => Path.Combine(RepoRoot, "sample-runs");

    private static string FindRepoRoot([CallerFilePath] string thisFile = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(thisFile)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Notebooks.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"Notebooks.sln not found above {thisFile}.");
    }
}
