using System.Runtime.CompilerServices;

namespace RunLens.TestSupport;

/// <summary>Paths the tests use, found from this file's location so no test walks up '../../..' by hand.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SampleRuns => Path.Combine(RepoRoot, "sample-runs");

    // The test binaries live under the repository; the source path is the fallback for runners that copy them.
    private static string FindRepoRoot([CallerFilePath] string thisFile = "") =>
        Above(AppContext.BaseDirectory) ?? Above(Path.GetDirectoryName(thisFile)!)
        ?? throw new InvalidOperationException($"Notebooks.sln not found above {AppContext.BaseDirectory} or {thisFile}.");

    private static string? Above(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Notebooks.sln")))
            dir = dir.Parent;
        return dir?.FullName;
    }
}
