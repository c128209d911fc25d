namespace RunLens.TestSupport;

/// <summary>
/// The one way tests reach the real logs in ../shared/real-runs (never copied into the repo). A test that reads them
/// is marked <see cref="RealDataFactAttribute"/> or <see cref="RealDataTheoryAttribute"/>: when its folder is absent
/// the test is reported as skipped, with the reason, instead of returning early as a pass.
/// </summary>
internal static class RealRuns
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, "..", "shared", "real-runs"));

    /// <summary>
    /// Why a test of <paramref name="relative"/> (a folder or file under <paramref name="root"/>, by default
    /// <see cref="Root"/>) cannot run, or null when it is there.
    /// </summary>
    public static string? SkipReason(string relative, string? root = null)
    {
        var full = Path.Combine(root ?? Root, relative);
        return Directory.Exists(full) || File.Exists(full)
            ? null
            : $"real logs not found at {full} (../shared/real-runs is absent on this machine)";
    }

    /// <summary>
    /// The full path of a folder or file under real-runs. The test's <see cref="RealDataFactAttribute"/> has already
    /// skipped it when its folder is absent, so a missing path here (a file gone from a present folder) fails.
    /// </summary>
    /// <exception cref="InvalidOperationException">The path is not there.</exception>
    public static string Folder(string relative, Xunit.Abstractions.ITestOutputHelper? output = null)
    {
        if (SkipReason(relative) is { } reason)
            throw new InvalidOperationException(reason + "; mark the test [RealDataFact(...)] or [RealDataTheory(...)] with the folder it reads, so it is skipped when the folder is absent.");
        var full = Path.Combine(Root, relative);
        output?.WriteLine($"real logs: {full}");
        return full;
    }
}

/// <summary>A fact that reads real logs: skipped, with the reason, when <see cref="Folder"/> is not under real-runs.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RealDataFactAttribute : FactAttribute
{
    /// <summary>Marks a fact that reads <paramref name="folder"/> under ../shared/real-runs ("" for the whole of it).</summary>
    public RealDataFactAttribute(string folder)
    {
        Folder = folder;
        Skip = RealRuns.SkipReason(folder);
    }

    /// <summary>The folder under real-runs the test reads.</summary>
    public string Folder { get; }
}

/// <summary>A theory that reads real logs: skipped, with the reason, when <see cref="Folder"/> is not under real-runs.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RealDataTheoryAttribute : TheoryAttribute
{
    /// <summary>Marks a theory that reads <paramref name="folder"/> under ../shared/real-runs.</summary>
    public RealDataTheoryAttribute(string folder)
    {
        Folder = folder;
        Skip = RealRuns.SkipReason(folder);
    }

    /// <summary>The folder under real-runs the test reads.</summary>
    public string Folder { get; }
}
