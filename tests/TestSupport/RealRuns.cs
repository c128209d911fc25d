namespace RunLens.TestSupport;

/// <summary>
/// The one way tests reach the real logs in ../shared/real-runs (never copied into the repo). When the folder is
/// absent, <see cref="Folder"/> returns null and the test returns early, saying why on the test output.
/// </summary>
internal static class RealRuns
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, "..", "shared", "real-runs"));

    /// <summary>The full path of a folder under real-runs, or null (with a message) when it is not on this machine.</summary>
    public static string? Folder(string relative, Xunit.Abstractions.ITestOutputHelper? output = null)
    {
        var full = Path.Combine(Root, relative);
        if (Directory.Exists(full) || System.IO.File.Exists(full))
            return full;
        var message = $"SKIPPED: real logs not found at {full} (../shared/real-runs is absent on this machine).";
        output?.WriteLine(message);
        Console.WriteLine(message);
        return null;
    }
}
